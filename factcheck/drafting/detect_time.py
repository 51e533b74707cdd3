"""Detectors of time: dates, relative dates, plans with target dates, and non-disclosures.

    date            "June 17, 2025", "On Tuesday, July 29, 2025" (the date and the weekday), "in 2025",
                    "since 2021", "a 2021 coup", "Mali's 2023 Mining Code"
    relative date   "on Monday", "next month", "last year", "September of last year", "over the past two
                    years", "three months ago": kept in the article's words, which the loader resolves
                    against the publication date
    plan            a date in a clause that plans or expects ("expected to be operational by 2027", "is set
                    to commence ... next month", "will arrive next month"): the same date, from the plan
    not disclosed   "No timeline for the completion of the refinery has been disclosed", "did not disclose
                    the price", "declined to say when": a claim without a value
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .. import dates
from . import words
from .candidates import Candidate, absolute
from .sentences import Sentence, clause_around

_ABSOLUTE = re.compile(
    rf"\b(?:(?P<weekday>{words.WEEKDAY}),?\s+)?(?P<date>{words.MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{words.MONTH}\.?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:in\s+)?(?P<month>{words.MONTH})\s+(?P<month_year>\d{{4}}))\b")
_YEAR = re.compile(r"\b(?P<bound>in|since|by|from|until|before|after|during|early|late|mid-|end of|as of|"
                   r"no later than)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*[-%])", re.IGNORECASE)
_YEAR_BEFORE_NOUN = re.compile(r"(?<![\w,$€£.-])(?P<year>(?:19|20)\d{2})\s+(?P<noun>[A-Za-z][\w\u00c0-\u024f\-]*"
                               r"(?:\s+[A-Z][\w\u00c0-\u024f\-]*){0,2})")
_NOUNS_AFTER_YEARS = re.compile(r"^(?:coup|election|elections|law|code|act|agreement|deal|accord|treaty|summit|"
                                r"reform|reforms|constitution|budget|plan|strategy|census|crisis|war|attack|"
                                r"referendum|decree|charter|[A-Z].*)$")
_RELATIVE = re.compile(
    rf"\b(?:(?:in\s+)?(?:{'|'.join(words.MONTHS)})(?:\s+of)?\s+(?:last|this|next)\s+year"
    rf"|(?:last|this|next)\s+(?:{'|'.join(words.MONTHS)})"
    r"|(?:over|in|during|for|within)\s+the\s+(?:past|last|next)\s+(?:\d+|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)\s+(?:day|week|month|year)s?"
    r"|(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:day|week|month|year)s?"
    r"\s+(?:ago|earlier|later|from now)"
    r"|(?:earlier|later)\s+this\s+year"
    r"|(?:next|last|past|previous|coming|this)\s+(?:week|month|year)"
    rf"|(?:on|last|this\s+past|this)\s+(?:{words.WEEKDAY})"
    r"|yesterday|tomorrow)\b", re.IGNORECASE)
_PLAN = re.compile(r"\b(?:will|shall|plans?|planned|planning|is\s+set\s+to|are\s+set\s+to|set\s+to|is\s+to|are\s+to|"
                   r"scheduled|slated|due\s+to|intends?\s+to|aims?\s+to|preparing\s+to|expected|projected|"
                   r"forecast|anticipated|on\s+track|poised|targets?|goal|deadline)\b", re.IGNORECASE)


def absolute_dates(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _ABSOLUTE.finditer(text):
        said = match["date"]
        if match["month"]:
            said = f"{match['month']} {match['month_year']}"
        said = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", said).replace(" of ", " ")
        try:
            dates.parse_absolute(said.replace(".", ""))
        except dates.DateError:
            continue
        yield _date(sentence, match.start("date"), match.end("date"), said.replace(".", ""))
        if match["weekday"]:
            yield _date(sentence, match.start("weekday"), match.end("weekday"), f"on {match['weekday']}",
                        note="the weekday, so that it can be checked against the date")
    for match in _YEAR.finditer(text):
        bound = match["bound"].lower()
        said = {"by": "by ", "no later than": "by ", "before": "before ", "after": "after ", "since": "since ",
                "from": "from "}.get(bound, "") + match["year"]
        yield _date(sentence, match.start(), match.end(), said)
    for match in _YEAR_BEFORE_NOUN.finditer(text):
        noun = match["noun"]
        if not _NOUNS_AFTER_YEARS.match(noun) or re.search(r"\b(?:in|since|by|from|until|before|after|during)\s+$",
                                                           text[max(0, match.start() - 8):match.start()]):
            continue
        yield _date(sentence, match.start(), match.end(), match["year"], cue_extra=noun)


def relative_dates(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for match in _RELATIVE.finditer(text):
        said = match.group()
        if not dates.is_relative(said):
            continue
        note = "" if not re.match(r"(?i)(?:this|last|past)\s+(?:week|month|year)$", said) else \
            "check what the article's 'year' or 'month' means here"
        yield _date(sentence, match.start(), match.end(), _tidy(said), note=note)


def _tidy(said: str) -> str:
    return said[0].lower() + said[1:] if said[:1].isupper() and said.split()[0].lower() in (
        "over", "in", "during", "for", "within", "on", "last", "next", "this", "earlier", "later", "past") else said


def _date(sentence: Sentence, start: int, end: int, said: str, *, note: str = "", cue_extra: str = "") -> Candidate:
    text = sentence.text
    begin, finish = clause_around(text, start, end)
    clause = text[begin:finish]
    planned = _PLAN.search(clause)
    detector = "plan" if planned else ("relative date" if dates.is_relative(said) else "date")
    cue = " ".join(text[begin:start].split()[-5:] + [cue_extra] + text[end:finish].split()[:3])
    return Candidate(detector, *absolute(sentence, start, end), "date", said, cue=cue, note=note)


_NO_X_DISCLOSED = re.compile(
    r"\b(?P<what>(?:no|neither)\s+(?:[\w\-]+\s+){0,7}?)(?:has|have|had|was|were|is|are)\s+(?:yet\s+)?"
    r"(?:been\s+)?(?:disclosed|revealed|announced|made\s+public|given|specified|released|published|provided)\b",
    re.IGNORECASE)
_NOT_DISCLOSED = re.compile(
    r"\b(?:did|does|do|has|have|had|would|could|will)\s*(?:not|n't)\s+(?:yet\s+)?(?:disclose|reveal|say|specify|"
    r"give|announce|provide|comment\s+on|confirm)\b(?P<what>(?:\s+(?:the|its|their|how|when|what|whether|which|"
    r"who|where)\b)?(?:\s+[\w\-]+){0,4})"
    r"|\bdeclined\s+to\s+(?:say|disclose|reveal|comment|give|specify|provide|confirm)\b(?P<what2>(?:\s+[\w\-]+){0,4})"
    r"|\b(?:undisclosed|unspecified|unannounced|unnamed)\s+(?P<what3>[a-z][\w\-]*)"
    r"|(?P<what4>(?<![\w\-])[\w\-]+(?:\s+[\w\-]+){0,4}?)\s+(?:was|were|is|are|has|have|had|remains?|remained)\s+"
    r"(?:(?:not|n't)\s+(?:yet\s+)?(?:been\s+)?(?:disclosed|revealed|made\s+public|given|specified|known|announced|"
    r"released|published)|(?:been\s+)?(?:undisclosed|unclear|unknown))\b",
    re.IGNORECASE)
_WHEN_WORDS = re.compile(r"\b(?:timeline|timetable|date|when|schedule|deadline|start|completion|opening)\b", re.I)


def not_disclosed(sentence: Sentence) -> Iterator[Candidate]:
    text = sentence.text
    for pattern in (_NO_X_DISCLOSED, _NOT_DISCLOSED):
        for match in pattern.finditer(text):
            what = next((match[name] for name in ("what", "what2", "what3", "what4")
                         if name in pattern.groupindex and match[name]), "") or ""
            if pattern is _NOT_DISCLOSED and match["what3"] and match.group().lower().startswith("unnamed"):
                continue  # "an unnamed official": a speaker, not a missing fact
            kind = "date" if _WHEN_WORDS.search(what or match.group()) else "none"
            yield Candidate("not disclosed", *absolute(sentence, match.start(), match.end()), kind, None,
                            cue=(what or "").strip(), modality="not-disclosed",
                            note="the article says this is not known or not given: no value")


_FUTURE = re.compile(r"\b(?:will|is\s+going\s+to|are\s+going\s+to|plans?\s+to|intends?\s+to|(?:is|are)\s+(?:set|"
                     r"expected|due|scheduled|projected|slated)\s+to)\s+(?:also\s+|soon\s+|now\s+|further\s+)?"
                     r"(?P<what>[a-z][a-z\-]*[^,.;:!?\u201d\"\u2014]{0,120})")
_HAS_DATE = re.compile(r"\d|\b(?:next|last|this|coming)\s+(?:week|month|year)|\b(?:today|tomorrow|yesterday)\b",
                       re.IGNORECASE)


def future(sentence: Sentence) -> Iterator[Candidate]:
    """A plan or an expectation without a date: "This refinery will enable Mali to refine all the gold"."""
    text = sentence.text
    for match in _FUTURE.finditer(text):
        begin, finish = clause_around(text, match.start(), match.end())
        if _HAS_DATE.search(text[begin:finish]) or _ABSOLUTE.search(text[begin:finish]):
            continue  # a plan with a date: the date detectors draft it
        what = " ".join(match["what"].split()[:16])
        if len(what.split()) < 2:
            continue
        yield Candidate("plan", *absolute(sentence, match.start(), match.start("what") + len(what)), "text", what,
                        cue=what, note="a plan or an expectation without a date",
                        subject_kinds=("subject-before",))


DETECTORS = (absolute_dates, relative_dates, not_disclosed, future)
