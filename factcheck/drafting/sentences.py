"""Splitting an article into sentences, each with its character offsets in the text.

A sentence ends at `.`, `!`, `?` or `…` (and any closing quote marks or brackets)
followed by a space and a capital, a digit or an opening quote mark, except after
an abbreviation (Gen., Mr., U.S., Jan.) or an initial. A blank line always ends a
sentence. A single line break ends one too, unless the paragraph is hard-wrapped
(every line short, as in e-mail) and the line does not look finished. A line
without end punctuation (a headline, a subhead, a byline) is a sentence of its
own, marked `heading`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen col lt maj capt cpt sgt adm cmdr gov sen rep st jr sr co corp inc ltd no nos vs
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc approx est fig mt ft
""".split())
_WRAP_WIDTH = 100


@dataclass(frozen=True)
class Sentence:
    start: int          # offset of the first character in the article text
    end: int            # offset just past the last character
    text: str           # the article's characters, exactly
    paragraph: int      # 0-based index of the paragraph (block of lines) it is in
    heading: bool       # a short line of its own without end punctuation: headline, subhead, byline
    line: int           # 1-based line of its first character

    @property
    def title_case(self) -> bool:
        """A headline in Title Case: most of its words capitalised, so capitals do not mark names."""
        if not self.heading:
            return False
        words = re.findall(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f'\u2019-]*", self.text)
        long_words = [word for word in words if len(word) > 3]
        return len(long_words) >= 3 and sum(word[0].isupper() for word in long_words) >= 0.7 * len(long_words)

    @property
    def quoted(self) -> bool:
        """Whether the sentence opens inside quotation marks (speech)."""
        return self.text[:1] in "\"\u201c\u2018'"


def split_sentences(text: str) -> list[Sentence]:
    newlines = [index for index, char in enumerate(text) if char == "\n"]
    sentences: list[Sentence] = []
    for paragraph, (start, lines) in enumerate(_paragraphs(text)):
        for piece_start, piece_end, heading in _pieces(text, start, lines):
            for s, e in _split_piece(text, piece_start, piece_end):
                sentences.append(Sentence(s, e, text[s:e], paragraph, heading and (s, e) == (piece_start, piece_end),
                                          bisect.bisect_left(newlines, s) + 1))
    return sentences


def _paragraphs(text: str):
    """(offset, [(line start, line end), ...]) for each block of non-blank lines."""
    block: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        if line.strip():
            block.append((offset, end))
        elif block:
            yield block[0][0], block
            block = []
        offset = end + 1
    if block:
        yield block[0][0], block


def _pieces(text: str, start: int, lines: list[tuple[int, int]]):
    """Runs of lines that belong together: one line each, unless the paragraph is hard-wrapped."""
    wrapped = len(lines) > 1 and max(e - s for s, e in lines) <= _WRAP_WIDTH
    run_start = None
    for index, (s, e) in enumerate(lines):
        if run_start is None:
            run_start = s
        line = text[s:e].rstrip()
        last = index == len(lines) - 1
        finished = bool(re.search(r"[.!?:\u2026\"\u201d]$", line)) or len(line) < 0.6 * _WRAP_WIDTH
        if last or not wrapped or finished:
            begin, finish = _trim(text, run_start, e)
            if begin < finish:
                heading = finish - begin <= _WRAP_WIDTH and not re.search(r"[.!?:;\u2026\"\u201d\u2019]$",
                                                                           text[begin:finish])
                yield begin, finish, heading
            run_start = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_piece(text: str, start: int, end: int):
    piece = text[start:end]
    begin = 0
    for match in _END.finditer(piece):
        if _abbreviation_before(piece, match.start()):
            continue
        stop = match.end()
        s, e = _trim(text, start + begin, start + stop)
        if s < e:
            yield s, e
        begin = stop
    s, e = _trim(text, start + begin, end)
    if s < e:
        yield s, e


def _abbreviation_before(piece: str, dot: int) -> bool:
    if piece[dot] != ".":
        return False
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", piece[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or len(token) == 1


_CLAUSE_BREAK = re.compile(r";|:\s|\s[\u2014\u2013]\s|[\u2014]|,\s+(?=(?:while|but|although|though|whereas|which|who|"
                           r"where|adding|according|as well as)\b)|\s(?=(?:while|but|although|whereas)\s)")
_OPENING_SUBORDINATE = re.compile(r"^[\"\u201c]?(?:While|Although|Though|If|When|As|Since|Because|Despite|After|"
                                  r"Before|Unless|Whereas)\b[^,]{0,200},")


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` (a sentence) holding `start`..`end`: from the last break before to the next after.

    Breaks are semicolons, colons, dashes, and a comma before "while", "but", "which" and the like;
    an opening subordinate clause ("While we haven't applied yet, ...") ends at its comma.
    """
    begin, finish = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            finish = match.start()
            break
    if re.match(r"(?:which|who|where)\b", text[begin:]):   # ", who came to power in 2021," ends at its comma
        comma = text.find(",", end)
        if 0 <= comma < finish:
            finish = comma
    opening = _OPENING_SUBORDINATE.match(text)
    if opening:
        if start >= opening.end():
            begin = max(begin, opening.end())
        else:
            finish = min(finish, opening.end() - 1)
    return begin, finish
