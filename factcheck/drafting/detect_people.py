"""Detectors of people: titles and roles beside names, and who said what.

    title        "Energy Minister Sergey Tsivilev", "General Assimi Goïta", "Yadran Group CEO Irek
                 Salikhov" (a title before a name); "Soussourou Dembélé, Secretary-General at Mali's
                 Ministry of Mines" and "Irek Salikhov, the group's head" (after it); "Malian Minister of
                 Economy and Finance, Alousseni Sanou" and "Mali's transitional president, General Assimi
                 Goïta" (before it, with a comma). A military rank gives a rank, anything else an office.
    attribution  "Dembélé said", "he noted", "said Gen Goïta", "according to Dembele", "according to a
                 senior official who spoke anonymously": the speaker's words, for `said_by`
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from . import words
from .candidates import Candidate, absolute
from .sentences import Sentence

_NAME_WORD = r"[A-Z][\w\u00c0-\u024f'\u2019]*"
_NAME = rf"{_NAME_WORD}(?:[ \-]{_NAME_WORD}){{0,2}}"
_FULL_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{1,2}}"
_TITLE = rf"(?:{words.TITLE_WORD})"
_OF_PART = (rf"(?:\s+(?:of|at|for)\s+(?:(?:the\s+)?{_NAME_WORD}(?:\s+(?:and\s+|of\s+)?{_NAME_WORD}){{0,4}}"
            r"|the\s+(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*))?")
_RANKS = "|".join(re.escape(rank.title()) for rank in sorted(words.MILITARY_RANKS, key=len, reverse=True))

# "Energy Minister Sergey Tsivilev", "Mali's Gen Assimi Goïta", "Yadran Group CEO Irek Salikhov"
_BEFORE = re.compile(rf"(?<![\w\u00c0-\u024f'\u2019])(?P<role>(?:{_NAME_WORD}\s+){{0,3}}?{_TITLE}{_OF_PART})\.?\s+(?P<name>{_NAME})")
# "Soussourou Dembélé, Secretary-General at Mali's Ministry of Mines", "Irek Salikhov, the group's head"
_AFTER = re.compile(rf"(?<![\w\u00c0-\u024f'\u2019])(?P<name>{_FULL_NAME}),\s+(?:the\s+|a\s+|an\s+|its\s+)?"
                    rf"(?P<role>(?:[\w\u00c0-\u024f'\u2019\-]+\s+){{0,3}}?(?i:{_TITLE}){_OF_PART})(?=[\s,.;])")
# "Malian Minister of Economy and Finance, Alousseni Sanou", "Mali's transitional president, General Assimi Goïta"
_APPOSED = re.compile(rf"(?<![\w\u00c0-\u024f'\u2019\-])(?P<role>(?:[\w\u00c0-\u024f'\u2019\-]+\s+){{0,3}}?(?i:{_TITLE}){_OF_PART}),\s+"
                      rf"(?:(?P<rank>{_RANKS})\.?\s+)?(?P<name>{_FULL_NAME})")
_LEADING_NOISE = re.compile(r"^(?:(?:the|a|an|and|by|of|with|as|to|in|on|at|from|for|said|says|he|she|"
                            r"led|received|between|alongside|including|while|when)\s+)+", re.IGNORECASE)
_NOT_A_PERSON = re.compile(r"^(?:Assembly|Council|Court|Office|Staff|Secretariat|Department|Ministry|"
                           r"Committee|Commission|Election|Elections|Motors|Electric|Dynamics|Mills)\b")


def titles(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    seen: set[tuple[int, int]] = set()
    for pattern in (_APPOSED, _AFTER, _BEFORE):
        for match in pattern.finditer(text):
            name_start, name_end = _name_span(match, text)
            if name_start is None:
                continue
            role_start, role_end = _trimmed(text, match.start("role"), match.end("role"))
            if role_start >= role_end or _overlaps(seen, role_start, role_end):
                continue
            seen.add((role_start, role_end))
            role = text[role_start:role_end]
            yield from _role_candidates(sentence, role, role_start, role_end, name_start, name_end)
            if "rank" in pattern.groupindex and match["rank"]:
                yield _rank(sentence, match.start("rank"), match.end("rank"), match["rank"], name_start, name_end)


def _name_span(match, text: str) -> tuple[int | None, int]:
    start, end = match.start("name"), match.end("name")
    name = text[start:end]
    name = re.sub(r"['\u2019]s?$", "", name)
    first = name.split()[0].lower() if name.split() else ""
    if not name or first in words.NOT_NAMES or first.rstrip(".") in words.TITLE_TOKENS and " " not in name \
            or _NOT_A_PERSON.match(name) or first in (m.lower() for m in words.MONTHS):
        return None, 0
    while name.split() and name.split()[0].lower().rstrip(".") in words.TITLE_TOKENS and len(name.split()) > 1:
        skipped = name.split()[0]
        start += len(skipped) + 1
        name = name[len(skipped) + 1:]
    return start, start + len(name)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    role = text[start:end]
    noise = _LEADING_NOISE.match(role)
    if noise:
        start += noise.end()
    return start, end


def _overlaps(seen, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in seen)


def _role_candidates(sentence, role: str, role_start: int, role_end: int, name_start: int, name_end: int):
    words_of_role = role.replace("-", " ").split()
    rank_words = [w for w in words_of_role if w.lower().rstrip(".") in words.MILITARY_RANKS]
    last = words_of_role[-1].lower().rstrip(".") if words_of_role else ""
    if rank_words and (last in words.MILITARY_RANKS or len(words_of_role) <= 2):
        word = rank_words[-1]
        position = role_start + role.rfind(word)
        yield _rank(sentence, position, position + len(word), word, name_start, name_end)
        leading = role[:role.rfind(word)].strip()
        if leading and not re.fullmatch(r"[\w\u00c0-\u024f]+['\u2019]s", leading):
            yield _office(sentence, role_start, role_start + len(leading), leading, name_start, name_end,
                          kinds=("office",), detector="role")
        return
    yield _office(sentence, role_start, role_end, role, name_start, name_end)


def _rank(sentence, start: int, end: int, word: str, name_start: int, name_end: int) -> Candidate:
    canonical = words.MILITARY_RANKS.get(word.lower(), words.MILITARY_RANKS.get(word.lower().rstrip("."), word))
    return Candidate("title", *absolute(sentence, min(start, name_start), max(end, name_end)), "entity", canonical,
                     cue="military rank title", predicates=("military-rank",), modality="asserted",
                     subject_at=absolute(sentence, name_start, name_end), subject_kinds=("person",),
                     value_at=absolute(sentence, start, end), value_kinds=("title",))


def _office(sentence, start: int, end: int, role: str, name_start: int, name_end: int, *,
            kinds=("office",), detector: str = "title") -> Candidate:
    return Candidate(detector, *absolute(sentence, min(start, name_start), max(end, name_end)), "entity", role,
                     cue="office post holds", predicates=("office",), modality="asserted",
                     subject_at=absolute(sentence, name_start, name_end), subject_kinds=("person",),
                     value_at=absolute(sentence, start, end), value_kinds=kinds)


_SPEAKER = rf"\b(?P<speaker>(?:{_TITLE}\.?\s+)?{_NAME}|[Hh]e|[Ss]he|[Tt]hey|[Tt]he\s+(?:official|minister|president|" \
           rf"spokesman|spokeswoman|spokesperson|company|ministry|government|statement|report))"
_SAID = re.compile(rf"{_SPEAKER}(?:,\s+[^,.;:!?\"\u201c\u201d]{{3,90}}?,?)?\s+(?:also\s+|later\s+|has\s+|had\s+)?"
                   rf"(?P<verb>{words.SPEECH_VERB})\b")
_SAID_BY = re.compile(rf"(?<![\w])(?P<verb>said|says|told|added|noted|stated|wrote|explained)\s+{_SPEAKER}")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<speaker>[^,.;:!?]{2,120})")
_ANONYMOUS = re.compile(r"^(?:a|an|one|two|three|several|some)\s+(?:[\w\-]+\s+){0,3}?(?:officials?|sources?|"
                        r"diplomats?|people|persons?|analysts?|residents?|witnesses?|employees?|insiders?|"
                        r"spokes\w+)\b", re.IGNORECASE)
_TRAILING_TIME = re.compile(rf"(?<!\s)\s+(?:on|last|this)\s+(?:{words.WEEKDAY})\b.*$|(?<!\s)\s+(?:yesterday|today|on\s+\w+\s+\d+)"
                            r".*$", re.IGNORECASE)


def attributions(sentence: Sentence) -> Iterator[Candidate]:
    """One candidate per speaker phrase; `value` holds the speaker's words as written."""
    text = sentence.text
    for match in _ACCORDING.finditer(text):
        speaker = _TRAILING_TIME.sub("", match["speaker"]).strip()
        anonymous = bool(_ANONYMOUS.match(speaker))
        yield _attribution(sentence, match, speaker, anonymous)
    for pattern in (_SAID, _SAID_BY):
        for match in pattern.finditer(text):
            speaker = match["speaker"]
            first = speaker.split()[0].lower()
            if first in words.NOT_NAMES - {"he", "she", "they", "the"} or speaker.lower().startswith("it "):
                continue
            yield _attribution(sentence, match, speaker, False)


def _attribution(sentence, match, speaker: str, anonymous: bool) -> Candidate:
    start = match.start("speaker")
    return Candidate("attribution", *absolute(sentence, match.start(), match.end()), "speaker", speaker,
                     cue=match.group(), subject_at=absolute(sentence, start, start + len(speaker)),
                     note="anonymous" if anonymous else "")


DETECTORS = (titles,)
