"""Folding text for comparison: case, accents, punctuation and spacing do not matter.

"Goïta", "Goita" and "GOITA" fold to one key, so accent-only variants never
count as different names or different values.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ",
                         "\u2013": "-", "\u2014": "-", "\u2026": "..."})
_NON_WORD = re.compile(r"[^\w]+")
_SPACE = re.compile(r"\s+")


class _WithoutCombining(dict):
    """A `str.translate` table that deletes combining characters (accents), learning each character once."""

    def __missing__(self, code: int):
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_BARE = _WithoutCombining()


_ASCII_NON_WORD = {code: " " for code in range(128) if not chr(code).isalnum() and chr(code) != "_"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces."""
    if text.isascii():   # the same result, without the Unicode work or a regular expression
        return " ".join(text.lower().translate(_ASCII_NON_WORD).split())
    bare = unicodedata.normalize("NFKD", text.casefold()).translate(_BARE)
    return _NON_WORD.sub(" ", bare).strip()   # one space per run of non-word characters, spaces included


def normalise_quote(text: str) -> str:
    """Quote text with typographic quote marks and spacing made plain, for verbatim matching."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES)).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe for a terminal: control and bidi characters removed, newlines made spaces."""
    return _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))
