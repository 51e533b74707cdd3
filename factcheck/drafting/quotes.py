"""The words a draft claim quotes: its sentence, or the clause around the candidate when the sentence is long.

A quote keeps the article's characters; only runs of spacing become one space, as `normalise_quote`
allows. A sentence over 300 characters is cut to the clause that holds the candidate, and that to 300
characters around it, at word boundaries.
"""
from __future__ import annotations

import re

from .candidates import Candidate
from .sentences import Sentence, clause_around

MAX_QUOTE = 300


def quote_of(sentence: Sentence, candidate: Candidate) -> str:
    text = sentence.text
    if len(text) <= MAX_QUOTE:
        return plain(text)
    local = (candidate.start - sentence.start, candidate.end - sentence.start)
    begin, finish = clause_around(text, *local)
    if finish - begin > MAX_QUOTE:
        begin = max(begin, local[0] - 120)
        finish = min(finish, max(local[1], begin) + 120, begin + MAX_QUOTE)
        begin = text.find(" ", begin) + 1 if begin > 0 and text[begin - 1] != " " else begin
        finish = text.rfind(" ", 0, finish) if finish < len(text) and text[finish:finish + 1] != " " else finish
    return plain(text[begin:finish]).strip(" ,;:\u2014")


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def short(text: str, limit: int = 80) -> str:
    text = plain(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


