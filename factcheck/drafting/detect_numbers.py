"""Detectors of numbers: quantities with units, counts of things, rankings and superlatives.

    quantity  "a 200-ton-per-year gold refinery", "up to 200 tonnes of gold annually", "by 10%",
              "an extended two-hour meeting", "$1.5 billion"; an "annual" or "a year" nearby makes a
              mass or energy a yearly rate, as "annual output of approximately 60 tons" means
    count     "five new mining funds", "seven sectoral sub-commissions", "a trio of nations",
              and ordinals of sessions ("the first session")
    rank      "Africa's second-largest gold producer", "among the top five globally",
              "its most valuable resource"; "one of the leading producers" has no position, so it is
              drafted as text
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from . import words
from .candidates import Candidate, absolute
from .sentences import Sentence, clause_around

_BOUND = (r"up to|as much as|as many as|at most|no more than|more than|over|at least|about|approximately|"
          r"around|nearly|almost|roughly|some|close to|an estimated|estimated|a maximum of|a minimum of")
_BOUND_SHORTHAND = {"as many as": "up to", "a maximum of": "up to", "a minimum of": "at least"}
_UNIT = (r"tonnes?|tons?|t|kilotonnes?|kt|Mt|kg|kilograms?|grams?|ounces?|oz|MW|GW|kW|TW|megawatts?|gigawatts?|"
         r"kilowatts?|MWh|GWh|TWh|kWh|km|kilometres?|kilometers?|miles?|metres?|meters?|hectares?|ha|barrels?|"
         r"litres?|liters?|%|per ?cent|percent|hours?|days?|weeks?|months?|years?|decades?|dollars?|euros?|"
         r"CFA francs?|francs?|FCFA|USD|EUR|XOF|rubles?|roubles?|yuan")
_PER = r"per[\s-]year|a[\s-]year|annually|per annum|each year|a[\s-]day|per[\s-]day|daily|per[\s-]hour|an hour"
_QUANTITY = re.compile(
    rf"(?<![\w.,])(?:(?P<bound>{_BOUND})\s+)?(?P<cur>[$€£])?\s?(?P<num>{words.NUMERAL}|{words.NUMBER_WORD})"
    rf"(?:\s?(?:-|–|to)\s?[$€£]?(?P<num2>{words.NUMERAL}))?"
    rf"(?:\s?(?P<mult>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    rf"(?:[\s-]?(?P<unit>{_UNIT})(?![\w]))?"
    rf"(?:\s+of\s+[a-z]+)?(?P<per>[\s-](?:{_PER})\b)?", re.IGNORECASE)
_RELATIVE_TIME = re.compile(r"(?:past|last|next|coming|previous|over the|within)\s+$|^\s+(?:ago|earlier|later|from now)\b",
                            re.IGNORECASE)
_TIME_UNITS = ("hour", "day", "week", "month", "year", "decade")
_ANNUAL = re.compile(r"\b(?:annual|annually|yearly|a year|per year|each year)\b", re.IGNORECASE)


def quantities(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _QUANTITY.finditer(text):
        unit, currency, mult = match["unit"], match["cur"], match["mult"]
        if not (unit or currency or (mult and mult.lower() not in ("m", "k"))):
            continue
        number_word = match["num"].lower() in words.NUMBER_WORDS
        if number_word and not unit:
            continue
        lower_unit = (unit or "").lower().rstrip("s")
        if lower_unit in _TIME_UNITS and (_RELATIVE_TIME.search(text[max(0, match.start() - 14):match.start()])
                                          or _RELATIVE_TIME.search(text[match.end():match.end() + 10])):
            continue  # "over the past two years", "three months ago": a relative date
        if lower_unit in _TIME_UNITS and match["num"].isdigit() and 1900 <= int(match["num"]) <= 2100:
            continue
        if unit in ("%",) or (unit or "").lower() in ("percent", "per cent"):
            begin, finish = clause_around(text, match.start(), match.end())
            if re.search(r"\b(?:stake|share|shares|interest|holding|owns?|own)\b", text[begin:finish]):
                continue  # "a 70% stake": the stake detector drafts it
        value = _shorthand(match, text)
        yield Candidate("quantity", *absolute(sentence, match.start(), match.end()), "quantity", value,
                        cue=_cue(text, match.start(), match.end()))


def _shorthand(match, text: str) -> str:
    number = _digits(match["num"])
    bound = match["bound"].lower() if match["bound"] else ""
    bound = _BOUND_SHORTHAND.get(bound, bound)
    currency = {"$": "$", "€": "€", "£": ""}.get(match["cur"] or "", "")
    amount = f"{currency}{number}" + (f"-{_digits(match['num2'])}" if match["num2"] else "")
    mult = match["mult"] or ""
    unit = match["unit"] or ("GBP" if match["cur"] == "£" else "")
    unit = {"per cent": "%", "percent": "%", "percentage": "%"}.get(unit.lower(), unit)
    per = match["per"].strip(" -").replace("-", " ") if match["per"] else ""
    if not per and unit and _is_stock(unit) and _ANNUAL.search(text[max(0, match.start() - 60):match.start()]):
        per = "per year"
    parts = [bound, amount + ("" if unit == "%" or not mult else f" {mult}"), unit + (f" {per}" if per else "")]
    if unit == "%":
        parts = [bound, amount + "%"]
    return " ".join(part for part in parts if part).strip()


def _is_stock(unit: str) -> bool:
    return unit.lower().rstrip("s") in ("tonne", "ton", "t", "kilotonne", "kt", "mt", "kg", "kilogram", "gram",
                                        "ounce", "oz", "barrel", "litre", "liter", "mwh", "gwh", "twh", "kwh")


def _digits(number: str) -> str:
    lowered = number.lower()
    return str(words.NUMBER_WORDS[lowered]) if lowered in words.NUMBER_WORDS else number.replace(",", "")


def _cue(text: str, start: int, end: int) -> str:
    begin, finish = clause_around(text, start, end)
    before = text[begin:start].split()[-6:]
    after = text[end:finish].split()[:3]
    return " ".join(before + [text[start:end]] + after)


_COUNT = re.compile(
    rf"(?<![\w\-])(?P<num>{words.NUMBER_WORD}|\d{{1,3}}(?:,\d{{3}})*)\s+"
    r"(?P<mods>(?:[a-z][a-z\-]*\s+){0,2}?)(?P<noun>[a-z][a-z\-]*s)\b", re.IGNORECASE)
_GROUP = re.compile(rf"\b(?:a|the)\s+(?P<group>{'|'.join(words.GROUP_WORDS)})\s+of\s+(?P<noun>[a-z][a-z\-]*s)\b")
_ORDINAL_EVENT = re.compile(rf"\b(?P<ord>{words.ORDINAL_WORD})\s+(?P<noun>session|edition|round|meeting|summit|"
                            r"conference|congress|term|phase|stage|forum|visit)\b", re.IGNORECASE)
_NOT_COUNTED = re.compile(r"(?:years?|months?|weeks?|days?|hours?|decades?|tonnes?|tons?|percent|times|"
                          r"minutes?|seconds?|centuries|miles|kilometres|kilometers|metres|meters|dollars|euros)$")
_ANAPHORIC = re.compile(r"\b(?:the|these|those|both|all|its|their|his|her|our|of|first|last|top|other)\s+$",
                        re.IGNORECASE)


def counts(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _COUNT.finditer(text):
        number = match["num"].lower().replace(",", "")
        if number in ("one", "1") or _NOT_COUNTED.search(match["noun"].lower()) \
                or _ANAPHORIC.search(text[max(0, match.start() - 8):match.start()]) \
                or (number.isdigit() and 1900 <= int(number) <= 2100) \
                or re.match(r"[\s-]*(?:%|per|percent)", text[match.end("num"):match.end("num") + 4]):
            continue
        count = int(number) if number.isdigit() else words.NUMBER_WORDS[number]
        noun = (match["mods"] + match["noun"]).strip()
        yield Candidate("count", *absolute(sentence, match.start(), match.end()), "count", count, cue=noun,
                        note=f"counts {noun}")
    for match in _GROUP.finditer(text):
        yield Candidate("count", *absolute(sentence, match.start(), match.end()), "count",
                        words.GROUP_WORDS[match["group"]], cue=match["noun"], note=f"a {match['group']}: counts "
                                                                                   f"{match['noun']}")
    for match in _ORDINAL_EVENT.finditer(text):
        ordinal = match["ord"].lower()
        number = words.ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
        yield Candidate("ordinal", *absolute(sentence, match.start(), match.end()), "count", number,
                        cue=f"{match['noun']} number sequence", subject_kinds=("event",),
                        note=f"'{match.group()}': an ordinal, not a ranking")


_SUPERLATIVE = (r"largest|biggest|smallest|highest|lowest|leading|richest|poorest|oldest|newest|fastest|"
                r"strongest|weakest|greatest|busiest|deepest|longest|most\s+[a-z]+|top")
_OWNER = r"(?:(?P<scope>[A-Z][\w\u00c0-\u024f]*|the\s+(?:continent|world|country|region|nation))['\u2019]s\s+)?"
_POSITION = re.compile(rf"(?<![\w\u00c0-\u024f'\u2019\-]){_OWNER}(?:(?P<ord>{words.ORDINAL_WORD})[\s-])?(?P<sup>{_SUPERLATIVE})\s+"
                       r"(?P<among>[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,2})", re.IGNORECASE)
_TOP_N = re.compile(rf"\b(?:among|in|into|within)\s+the\s+top[\s-](?P<n>{words.NUMBER_WORD}|\d{{1,3}})\b"
                    r"(?:\s+(?P<among>[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*)?))?", re.IGNORECASE)
_ONE_OF = re.compile(rf"\bone\s+of\s+(?:the\s+|{_OWNER})(?:{_SUPERLATIVE})\s+[a-z]", re.IGNORECASE)
_STOP_AMONG = {"in", "of", "with", "and", "after", "since", "that", "which", "who", "to", "for", "on", "by", "as",
               "has", "have", "is", "was", "are", "were", "will", "globally", "worldwide", "the", "a"}
_AGENT = {"export": "exporters", "exports": "exporters", "exporting": "exporters", "produce": "producers",
          "produces": "producers", "producing": "producers", "import": "importers", "imports": "importers",
          "mine": "miners", "sell": "sellers", "consume": "consumers", "emit": "emitters", "supply": "suppliers"}


def ranks(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _ONE_OF.finditer(text):
        end = _phrase_end(text, match.end() - 1)
        yield Candidate("ranking", *absolute(sentence, match.start(), end), "text", text[match.start():end],
                        cue="ranking position", subject_kinds=("country", "company", "organisation"),
                        note="a ranking without a position: drafted as text")
    for match in _POSITION.finditer(text):
        if _ONE_OF.search(text[max(0, match.start() - 24):match.end()]):
            continue
        sup = match["sup"].lower()
        if sup == "top" and not match["ord"]:
            continue
        among = _among(match["among"])
        if not among:
            continue
        position = 1
        if match["ord"]:
            ordinal = match["ord"].lower()
            position = words.ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
        value = {"position": position, "among": among}
        scope = _scope(match["scope"], text[match.end():match.end() + 30])
        if scope:
            value["scope"] = scope
        yield Candidate("ranking", *absolute(sentence, match.start(), match.end()), "rank", value,
                        cue="ranking position", predicates=("ranking",),
                        subject_kinds=("country", "company", "organisation", "person", "facility"))
    for match in _TOP_N.finditer(text):
        n = match["n"].lower()
        among = _among(match["among"] or "") or _agent_from(text[:match.start()]) or "unspecified"
        value = {"top": int(n) if n.isdigit() else words.NUMBER_WORDS[n], "among": among}
        scope = _scope(None, text[match.end("n"):match.end("n") + 30])
        if scope:
            value["scope"] = scope
        note = "" if among != "unspecified" else "what is ranked is not said next to the ranking: fill in 'among'"
        yield Candidate("ranking", *absolute(sentence, match.start(), match.end()), "rank", value,
                        cue="ranking top", predicates=("ranking",),
                        subject_kinds=("country", "company", "organisation", "person", "facility"), note=note)


def _among(words_after: str) -> str:
    kept = []
    for word in words_after.split():
        if word.lower() in _STOP_AMONG:
            break
        kept.append(word)
    if not kept:
        return ""
    phrase = " ".join(kept[:3])
    return phrase if phrase.endswith("s") else phrase + "s"


def _agent_from(before: str) -> str | None:
    """"enabling Mali to export spodumene and rank among ..." -> "spodumene exporters"."""
    found = re.findall(r"\b(export|exports|exporting|produce|produces|producing|import|imports|mine|sell|supply)"
                       r"\s+([a-z][a-z\-]*)", before, re.IGNORECASE)
    if not found:
        return None
    verb, thing = found[-1]
    return f"{thing} {_AGENT[verb.lower()]}"


def _scope(owner: str | None, after: str) -> str | None:
    if owner:
        cleaned = re.sub(r"^the\s+", "", owner, flags=re.IGNORECASE)
        return "world" if cleaned.lower() == "world" else (cleaned if cleaned[:1].isupper() else f"the {cleaned}")
    where = re.match(r"\s*(?:(?:in|on)\s+(?:the\s+)?(?P<place>[A-Z][\w\u00c0-\u024f]+|world|continent|region)"
                     r"|(?P<world>globally|worldwide|in the world))", after)
    if not where:
        return None
    if where["world"] or (where["place"] or "").lower() == "world":
        return "world"
    place = where["place"]
    return place if place[:1].isupper() else f"the {place}"


def _phrase_end(text: str, start: int) -> int:
    stop = re.search(r"[,;.:!?\u2014]|\s(?:with|and|since|after|which|that)\s", text[start:])
    return start + stop.start() if stop else len(text)


DETECTORS = (quantities, counts, ranks)
