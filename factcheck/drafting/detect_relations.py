"""Detectors of relations: partnerships and stakes, who leads or backs what, where, and what for.

    partnership  "in partnership with Russia's Yadran Group", "under an agreement with Uranium One",
                 "signed a series of cooperation agreements with Mali"; one candidate per partner
    stake        "Mali will hold a majority stake", "the Yadran Group maintains a minority share"
    relation     "led by Novawind", "operated by Barrick Gold", "(a subsidiary of Rosatom)",
                 "Russian-backed", "Kremlin-affiliated", "withdrew from ECOWAS", "located in Senou",
                 "near Bamako", "the capital Bamako", "Russia's Yadran Group", "Canadian company Barrick"
    purpose      "designed to mobilize capital", "aimed at increasing ...", "The goal is to ..."
    list         "such as energy, mining, health and education": one candidate per item
    status       "is nearing completion", "under state administration", "remain limited"
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from . import words
from .candidates import Candidate, absolute
from .sentences import Sentence

_NAME_WORD = r"[A-Z][\w\u00c0-\u024f'\u2019]*"
_NAME = rf"(?:the\s+)?{_NAME_WORD}(?:[ \-\u2013]+(?:of\s+|de\s+|for\s+)?{_NAME_WORD}){{0,5}}"
_PHRASE_END = re.compile(r"[,;.:!?()\u2014\"\u201c\u201d]|\s(?:to|which|that|who|as|for|with|in\s+order|while|but|"
                         r"signaling|signalling|marking|aimed|ensuring|following|after|since|is|are|was|were|has|"
                         r"have|will)\s")


def _phrase(text: str, start: int, limit: int = 90) -> int:
    stop = _PHRASE_END.search(text, start, min(len(text), start + limit))
    return stop.start() if stop else min(len(text), start + limit)


def _parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The items of "A, B and C" between start and end, as spans."""
    position = start
    for piece in re.split(r",\s+(?:and\s+)?|\s+and\s+", text[start:end]):
        index = text.index(piece, position)
        position = index + len(piece)
        if piece.strip():
            yield index, index + len(piece)


_PARTNERSHIP = re.compile(
    r"\b(?P<kind>partnerships?|joint\s+ventures?|cooperation|collaboration|agreements?|deals?|accords?|contracts?|"
    r"memorand(?:um|a)(?:\s+of\s+understanding)?|partnered|teamed\s+up|alliance|ties|relations)\s+with\s+",
    re.IGNORECASE)
_SIGNED = re.compile(r"\b(?:signed|concluded|struck|inked)\b", re.IGNORECASE)


def partnerships(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _PARTNERSHIP.finditer(text):
        kind = match["kind"].lower()
        end = _phrase(text, match.end())
        if kind in ("alliance", "ties", "relations"):
            predicates, cue = ("aligned-with", "partner"), "aligned ties alliance"
        elif kind.startswith(("agreement", "deal", "accord", "contract", "memorand")) or \
                _SIGNED.search(text[max(0, match.start() - 60):match.start()]):
            predicates, cue = ("party", "partner"), "party agreement"
        else:
            predicates, cue = ("partner",), "partner partnership"
        for start, stop in _parts(text, match.end(), end):
            yield Candidate("partnership", *absolute(sentence, match.start(), stop), "entity", text[start:stop],
                            cue=cue, predicates=predicates, value_at=absolute(sentence, start, stop),
                            value_kinds=("company", "organisation", "country"),
                            subject_kinds=("subject-before", "facility", "project", "document", "country", "company"))


_STAKE = re.compile(r"\b(?:hold|holds|held|own|owns|owned|maintain|maintains|retain|retains|take|takes|took|"
                    r"acquire|acquires|acquired|keep|keeps|have|has|get|gets)\s+(?:a|an|the|its)?\s*"
                    r"(?P<size>majority|minority|controlling|(?P<percent>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent))"
                    r"\s+(?:stake|share|interest|holding)\b(?:\s+in\s+(?P<asset>[^,;.]{2,60}))?", re.IGNORECASE)


def stakes(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _STAKE.finditer(text):
        size = match["size"].lower()
        majority = size in ("majority", "controlling") or (match["percent"] and float(match["percent"]) > 50)
        predicate = "majority-stake-holder" if majority else "minority-stake-holder"
        holder_end = match.start()
        holder_start = max(0, text.rfind(",", 0, holder_end) + 1, _clause_start(text, holder_end))
        asset = (absolute(sentence, match.start("asset"), match.end("asset")) if match["asset"] else None)
        holder = re.sub(r"\s+(?:will|would|shall|to|is|are|also|now|still)$", "", text[holder_start:holder_end].strip())
        holder_start = text.find(holder, holder_start)
        holder_end = holder_start + len(holder)
        yield Candidate("stake", *absolute(sentence, holder_start, match.end()), "entity", holder, cue=f"{size} stake holder",
                        predicates=(predicate,), subject_at=asset, subject_kinds=("facility", "project"),
                        value_at=absolute(sentence, holder_start, holder_end),
                        value_kinds=("government", "company", "country"),
                        note=f"a {match['size']} stake" if match["percent"] else "")


def _clause_start(text: str, position: int) -> int:
    found = [m.end() for m in re.finditer(r"\bwhile\b|\bwhereas\b|\band\b", text[:position])]
    return found[-1] if found else 0


_BY = re.compile(r"\b(?P<verb>led|headed|chaired|operated|run|managed|owned|backed|financed|funded|built|"
                 r"developed|designed|supported|sponsored|organised|organized|hosted)\s+by\s+", re.IGNORECASE)
_BY_PREDICATES = {"led": "led-by", "headed": "led-by", "chaired": "led-by", "operated": "operator", "run": "operator",
                  "managed": "operator", "owned": "majority-stake-holder", "backed": "backed-by",
                  "financed": "backed-by", "funded": "backed-by", "supported": "backed-by", "sponsored": "backed-by",
                  "built": "partner", "developed": "partner", "designed": "design-origin",
                  "organised": "led-by", "organized": "led-by", "hosted": "led-by"}
_HYPHENATED = re.compile(r"\b(?P<who>[A-Z][\w\u00c0-\u024f]+)-(?P<verb>backed|designed|run|affiliated|led|owned|"
                         r"built|funded|financed|operated|controlled|based|made|allied|aligned)\b")
_HYPHEN_PREDICATES = {"backed": ("backed-by",), "funded": ("backed-by",), "financed": ("backed-by",),
                      "designed": ("design-origin",), "run": ("operator", "country"), "operated": ("operator",),
                      "affiliated": ("affiliated-with",), "allied": ("aligned-with",), "aligned": ("aligned-with",),
                      "led": ("led-by",), "owned": ("majority-stake-holder",), "controlled": ("operator",),
                      "built": ("partner",), "based": ("location", "country"), "made": ("country",)}
_SUBSIDIARY = re.compile(r"\b(?:a|the)\s+(?:[\w\-]+\s+)?(?:subsidiary|unit|division|arm)\s+of\s+", re.IGNORECASE)
_WHERE = re.compile(r"\b(?P<verb>located|based|situated|held|headquartered|sited|built|set|hosted)\s+"
                    r"(?P<prep>in|at|near)\s+", re.IGNORECASE)
_FACILITY_IN = re.compile(r"\b(?:plant|refinery|mine|facility|unit|factory|project|station|dam|port|site|"
                          r"complex|hub|centre|center)\s+in\s+(?=[A-Z])")
_NEAR = re.compile(r"\bnear\s+(?:the\s+capital(?:\s+city)?,?\s+)?(?=[A-Z])")
_CAPITAL = re.compile(r"\bthe\s+capital(?:\s+city)?,?\s+(?=[A-Z])")
_FROM = re.compile(r"\b(?:withdrew|withdrawn|withdrawal|withdrawing|withdraws|departure|exit|pulled\s+out|"
                   r"pulls\s+out|quit|quits|left|leave|leaving|expelled|ousted)\b(?:\s+of\s+[^,.;]{1,40}?)?"
                   r"\s+from\s+", re.IGNORECASE)
_TOWARD = re.compile(r"\b(?:shifted|turned|pivoted|moved|tilted|drifted)\s+(?:\w+\s+)?(?:toward|towards|to)\s+"
                     r"(?=[A-Z])")
_JOIN = re.compile(r"\b(?:join|joining|joined|joins|accede\s+to|accession\s+to)\s+(?=(?:the\s+)?[A-Z])")
_APPLY = re.compile(r"\b(?:appl(?:y|ied|ies|ying)|application|bid)\s+for\s+(?:full\s+)?membership\s+(?:in|of)\s+"
                    r"(?=(?:the\s+)?[A-Z])")
_NEIGHBOURS = re.compile(r"\bneighbou?ring\s+(?=[A-Z])")
_OF_COUNTRY = re.compile(rf"\b(?P<who>{_NAME_WORD})['\u2019]s\s+(?=(?:{words.TITLE_WORD}\s+)?[A-Z])")
_DEMONYM_BEFORE = re.compile(rf"\b(?:the\s+|a\s+|an\s+)?(?P<who>{words.DEMONYM})\s+(?P<what>company|group|firm|"
                             r"conglomerate|giant|miner|businessman|businesswoman|billionaire|national|citizen|"
                             r"official|bank|operator|developer|investor|partner|state\s+company)?\s*(?=[A-Z])")


def relations(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _BY.finditer(text):
        end = _phrase(text, match.end())
        predicate = _BY_PREDICATES[match["verb"].lower()]
        for start, stop in _parts(text, match.end(), end):
            yield _relation(sentence, match.start(), stop, (predicate,), start, stop, f"{match['verb']} by",
                            subject_before=match.start())
    for match in _HYPHENATED.finditer(text):
        if match["who"].lower() in words.NOT_NAMES:
            continue
        yield _relation(sentence, match.start(), match.end(), _HYPHEN_PREDICATES[match["verb"]], match.start("who"),
                        match.end("who"), f"{match['verb']} {match['verb']}", subject_after=match.end())
    for match in _SUBSIDIARY.finditer(text):
        end = _phrase(text, match.end())
        yield _relation(sentence, match.start(), end, ("parent-company",), match.end(), end, "parent company",
                        subject_before=match.start())
    for pattern, predicates, cue in ((_WHERE, ("location", "venue"), "location located"),
                                     (_FACILITY_IN, ("location",), "location located"),
                                     (_NEAR, ("near",), "near"), (_CAPITAL, ("capital",), "capital"),
                                     (_FROM, ("withdrawal-from",), "withdrawal from"),
                                     (_TOWARD, ("aligned-with",), "aligned shifted toward"),
                                     (_JOIN, ("seeks-membership-in", "member"), "membership join"),
                                     (_APPLY, ("membership-application", "seeks-membership-in"), "membership apply"),
                                     (_NEIGHBOURS, ("borders",), "borders neighbouring")):
        for match in pattern.finditer(text):
            end = _phrase(text, match.end(), limit=60)
            chosen = predicates
            if pattern is _WHERE and match["verb"].lower() == "held" and match["prep"].lower() == "at":
                chosen = ("venue", "location")
            if pattern is _NEIGHBOURS or pattern is _FROM:
                for start, stop in _parts(text, match.end(), end):
                    yield _relation(sentence, match.start(), end, chosen, start, stop, cue,
                                    subject_before=match.start())
                continue
            if pattern is _FACILITY_IN:
                noun = absolute(sentence, match.start(), match.start() + len(match.group().split()[0]))
                yield Candidate("relation", *absolute(sentence, match.start(), end), "entity",
                                text[match.end():end].strip(), cue=cue, predicates=chosen,
                                value_at=absolute(sentence, match.end(), end), subject_at=noun,
                                subject_kinds=("facility", "project"))
                continue
            yield _relation(sentence, match.start(), end, chosen, match.end(), end, cue,
                            subject_before=match.start())
    for pattern in (_OF_COUNTRY, _DEMONYM_BEFORE):
        for match in pattern.finditer(text):
            name_end = _name_end(text, match.end())
            if name_end <= match.end() or all(word.lower().rstrip(".") in words.TITLE_TOKENS
                                              for word in text[match.end():name_end].split()):
                continue
            yield Candidate("relation", *absolute(sentence, match.start(), name_end), "entity", match["who"],
                            cue="country from", predicates=("country",), modality="asserted",
                            subject_at=absolute(sentence, match.end(), name_end),
                            subject_kinds=("company", "person", "organisation"),
                            value_at=absolute(sentence, match.start("who"), match.end("who")),
                            value_kinds=("country",), note="a country before a name: only if it is where it is from")


def _name_end(text: str, start: int) -> int:
    match = re.match(rf"(?:(?:{words.TITLE_WORD})\.?\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}", text[start:])
    if not match:
        return start
    name = re.sub(r"['\u2019]s?$", "", match.group())
    return start + len(name)


def _relation(sentence, start: int, end: int, predicates, value_start: int, value_end: int, cue: str, *,
              subject_before: int | None = None, subject_after: int | None = None) -> Candidate:
    value = sentence.text[value_start:value_end].strip()
    kinds = ("subject-before",) if subject_before is not None else ("subject-after",)
    return Candidate("relation", *absolute(sentence, start, end), "entity", value, cue=cue, predicates=predicates,
                     value_at=absolute(sentence, value_start, value_end), subject_kinds=kinds)


_PURPOSE = re.compile(
    r"\b(?:(?:aims?|aimed|aiming)\s+(?:to|at)|designed\s+to|intended\s+to|meant\s+to|in\s+order\s+to|"
    r"(?:goal|aim|purpose|objective|mission)\s+(?:is|was|will\s+be)\s+to|(?:effort|measures|steps)\s+to|"
    r"(?:fund|funds|code|law|programme|program|initiative|mechanism|mechanisms)\s+to)\s+(?P<what>[a-z])",
    re.IGNORECASE)


def purposes(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _PURPOSE.finditer(text):
        start = match.start("what")
        end = _purpose_end(text, start)
        what = text[start:end].strip()
        if len(what.split()) < 2:
            continue
        yield Candidate("purpose", *absolute(sentence, match.start(), end), "text", what,
                        cue="purpose meant to", predicates=("purpose",), modality="asserted",
                        subject_kinds=("subject-before",))


def _purpose_end(text: str, start: int) -> int:
    stop = re.search(r"[;.:!?\u2014\"\u201d]|,\s+(?:ensuring|while|which|and\s+(?:the|a)\b|as\b|but\b)",
                     text[start:start + 160])
    end = start + (stop.start() if stop else min(len(text) - start, 160))
    return end


_LIST = re.compile(r"\b(?:[Ss]uch\s+as|[Ii]ncluding|[Tt]hese\s+are|[Nn]amely|[Nn]otably)\s+(?=[a-z])")


def lists(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _LIST.finditer(text):
        end = re.search(r"[;.:!?\u2014\"\u201d]|$", text[match.end():]).start() + match.end()
        items = list(_parts(text, match.end(), end))[:20]
        if len(items) < 2:
            continue
        head = " ".join(text[max(0, match.start() - 60):match.start()].split()[-5:])
        for start, stop in items:
            item = re.sub(r"^(?:the|a|an)\s+", "", text[start:stop].strip())
            yield Candidate("list", *absolute(sentence, start, stop), "text", item, cue=head,
                            subject_kinds=("subject-before",), note="one item of a list: the list may be partial")


_STATUS = re.compile(r"\b(?:is|are|was|were|remains?|remained|now)\s+(?:now\s+|still\s+)?(?P<status>nearing\s+"
                     r"completion|under\s+construction|under\s+way|underway|operational|in\s+operation|in\s+production|"
                     r"completed|suspended|on\s+hold|delayed|stalled|limited|ongoing|accelerating)\b"
                     r"|\b(?:under|into)\s+(?P<admin>state\s+administration|state\s+control|government\s+control|"
                     r"receivership|administration)\b", re.IGNORECASE)


def statuses(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _STATUS.finditer(text):
        status = match["status"] or f"under {match['admin']}"
        before = " ".join(text[:match.start()].split()[-3:])
        yield Candidate("status", *absolute(sentence, match.start(), match.end()), "text", status,
                        cue=f"{before} status state", predicates=("status",), subject_kinds=("subject-before",))


DETECTORS = (partnerships, stakes, relations, purposes, lists, statuses)
