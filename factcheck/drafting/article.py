"""Reading an article's text: one UTF-8 file, at most 2 MB, with hints its first lines give.

A missing file, a file that is not UTF-8 text and a file over the size limit are
`ArticleError`s with the file's name and, for bad bytes, the line and column of
the first one, so the command line prints a positioned error, never a traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import dates

MAX_ARTICLE_BYTES = 2_000_000


class ArticleError(ValueError):
    """An article that cannot be read; `line` and `column` are 1-based, 0 when unknown."""

    def __init__(self, file: str, message: str, *, line: int = 0, column: int = 0, hint: str | None = None):
        super().__init__(message)
        self.file, self.line, self.column, self.hint = file, line, column, hint


def read_article(path: Path, display: str | None = None) -> str:
    """The article's text, with Windows and old Mac line ends made plain newlines."""
    name = display or str(path)
    if not path.exists():
        raise ArticleError(name, "no such file", hint="give the path of the article's text (a .txt file)")
    if not path.is_file():
        raise ArticleError(name, "not a file", hint="give the path of the article's text (a .txt file)")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(name, f"the file is {size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,}",
                           line=1, column=1, hint="draft one article at a time, as plain text")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArticleError(name, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded",
                           line=line, column=column,
                           hint="save the article as UTF-8 (e.g. iconv -f latin1 -t utf-8)") from None
    if "\x00" in text:
        raise ArticleError(name, "not a text file (it contains NUL bytes)", line=1, column=1)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(name, "the article is empty", line=1, column=1)
    return text


@dataclass(frozen=True)
class DatelineHint:
    """A publication date the text seems to give (a dateline or a byline), for the reviewer to confirm."""

    date: str          # ISO, at its precision
    line: int
    words: str


_ISO_DATELINE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_WRITTEN_DATE = re.compile(r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
                           r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})\b")


_LEADS_A_DATELINE = re.compile(r"^\W*+(?:[A-Z][A-Z .'\-]{1,30},?\s*)?(?:[Dd]ate|[Dd]ated|[Pp]ublished|[Pp]osted|"
                               r"[Uu]pdated)?\W*+$")  # possessive: no backtracking between the runs


def dateline_hint(text: str, *, first_lines: int = 4) -> DatelineHint | None:
    """A date in the first lines, when one is there: "date 2024-10-03 (MENAFN) ...", "Phil Butler, July 01, 2025".

    Only a short line (a byline) or a line that opens with the date counts: "On Tuesday, July 29,
    2025, ..." in a paragraph is an event's date, not the article's.
    """
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    for number, line in lines[:first_lines]:
        for pattern in (_ISO_DATELINE, _WRITTEN_DATE):
            match = pattern.search(line[:120])
            if match and (len(line) <= 100 or _LEADS_A_DATELINE.match(line[:match.start()])):
                try:
                    span, precision = dates.parse_absolute(match.group(1).replace(".", ""))
                except dates.DateError:
                    continue
                return DatelineHint(dates.describe(span, precision), number, match.group(1))
    return None
