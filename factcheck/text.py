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


def _ascii_table(lower: bool) -> bytes:
    """A `bytes.translate` table: every ASCII character that is not a word character becomes a space."""
    def mapped(code: int) -> str:
        character = chr(code)
        if code >= 128 or character.isalnum() or character == "_":
            return character.lower() if lower else character
        return " "
    return bytes(ord(mapped(code)) for code in range(256))


_ASCII_FOLD = _ascii_table(lower=True)
_ASCII_SPACED = _ascii_table(lower=False)
# Every character of U+0300-U+036F but U+034F is a combining mark (classes never change once given):
# text made of ASCII and those alone loses exactly them to `_BARE`, as to an ASCII encoding that drops
# what it cannot write, which is several times faster than translating it character by character.
_NOT_ASCII_NOR_A_MARK = re.compile("[^\x00-\x7f\u0300-\u034e\u0350-\u036f]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces."""
    if text.isascii():   # the same result, without the Unicode work or a regular expression
        return b" ".join(text.encode("ascii").translate(_ASCII_FOLD).split()).decode("ascii")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not _NOT_ASCII_NOR_A_MARK.search(decomposed):   # most accented text: its marks simply go
        return b" ".join(decomposed.encode("ascii", "ignore").translate(_ASCII_SPACED).split()).decode("ascii")
    bare = decomposed.translate(_BARE)
    if bare.isascii():   # other marks gone, and it is ASCII (here as above, a compatibility form may be upper case)
        return b" ".join(bare.encode("ascii").translate(_ASCII_SPACED).split()).decode("ascii")
    return _NON_WORD.sub(" ", bare).strip()   # one space per run of non-word characters, spaces included


def normalise_quote(text: str) -> str:
    """Quote text with typographic quote marks and spacing made plain, for verbatim matching."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES)).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe for a terminal: control and bidi characters removed, newlines made spaces."""
    return _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))
