"""Modality from wording: planned, expected, denied, not-disclosed, uncertain, or asserted.

Only the clause that holds the candidate is read, up to the candidate's last
word, so "Mali will hold a majority stake, while Yadran Group maintains a
minority share" gives a planned majority and an asserted minority.
"""
from __future__ import annotations

import re

from .sentences import clause_around

_NOT_DISCLOSED = re.compile(r"\b(?:not|n't)\s+(?:yet\s+)?(?:been\s+)?(?:disclosed|revealed|made\s+public|specified)\b|"
                            r"\bundisclosed\b|\bdeclined\s+to\s+(?:say|disclose|reveal|specify)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:has|have|had|is|are|was|were|does|do|did|will|would|could|can)\s*(?:not|n't)\b"
                     r"(?!\s+(?:only|alone|just|merely|least|yet|been\s+(?:disclosed|revealed|made|given)))|\b(?:haven't|hasn't|hadn't|"
                     r"didn't|doesn't|don't|won't|isn't|aren't|wasn't|weren't|never|denied|denies|deny|rejected|"
                     r"refused|no\s+longer)\b", re.IGNORECASE)
_EXPECTED = re.compile(r"\b(?:expected|projected|forecast|anticipated|likely|poised|on\s+track|predicted|"
                       r"estimated\s+to|set\s+to\s+become)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:will|shall|plans?|planned|planning|to\s+be\s+built|is\s+to|are\s+to|set\s+to|"
                      r"scheduled|slated|due\s+to|intends?|intended|aims?\s+to|preparing\s+to|prepares\s+to|"
                      r"is\s+going\s+to|are\s+going\s+to|proposed|upcoming|hopes?\s+to|seeks?\s+to)\b",
                      re.IGNORECASE)
_UNCERTAIN = re.compile(r"\b(?:may|might|could|reportedly|possibly|perhaps|allegedly|unconfirmed|rumou?red|"
                        r"unclear)\b", re.IGNORECASE)


def guess(sentence_text: str, start: int, end: int) -> tuple[str, str | None]:
    """(modality, the words that decided it) for the words at start..end of a sentence."""
    sentence_text = sentence_text.replace("\u2019", "'")   # "haven’t": same length, same offsets
    begin, finish = clause_around(sentence_text, start, end)
    clause = sentence_text[begin:max(end, begin)]
    tail = sentence_text[begin:finish]
    for modality, pattern, text in (("not-disclosed", _NOT_DISCLOSED, tail), ("denied", _DENIED, clause),
                                    ("expected", _EXPECTED, clause), ("planned", _PLANNED, clause),
                                    ("uncertain", _UNCERTAIN, clause)):
        found = pattern.search(text)
        if found:
            return modality, found.group()
    return "asserted", None
