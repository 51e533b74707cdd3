"""Capitalised names the registry does not know: where they are, and what kind of entity they may be.

A name is a run of capitalised words, joined by spaces, hyphens or linking words ("Ministry of Economy
and Finance", "Jean Baptiste Tine"); the words that open sentences without naming anything ("The",
"However"), titles ("Minister") and country adjectives ("Russian") are not part of it. The kind of a
proposed entity is guessed from its words ("... Group" a company, "... Fund" a fund, "... Province" a
place), from what follows it (", the Canadian mining company") or precedes it (a title: a person).
"""
from __future__ import annotations

import re

from ..text import fold
from . import words

_POSSESSIVE = re.compile(r"['\u2019]s?$")
GAP_IN_NAME = re.compile(  # the space (or dash) between two words of one name
    r"^[ \u00a0]*+[\-\u2013\u2014]?[ \u00a0]*+$")

_KIND_BY_LAST_WORD = {
    "group": "company", "company": "company", "corp": "company", "corporation": "company", "inc": "company",
    "ltd": "company", "plc": "company", "holdings": "company", "mining": "company", "resources": "company",
    "metals": "company", "minerals": "company", "investments": "company", "industries": "company",
    "technologies": "company", "airlines": "company", "motors": "company", "partners": "company",
    "capital": "company", "chamber": "organisation", "committee": "organisation", "board": "organisation",
    "court": "government", "police": "government", "gendarmerie": "government", "borders": "organisation",
    "energy": "company", "gold": "company", "bank": "organisation", "ministry": "government",
    "government": "government", "department": "government", "agency": "government", "commission": "organisation",
    "council": "organisation", "parliament": "government", "assembly": "government", "senate": "government",
    "alliance": "organisation", "union": "organisation", "organisation": "organisation",
    "organization": "organisation", "community": "organisation", "association": "organisation",
    "federation": "organisation", "forum": "organisation", "party": "organisation", "institute": "organisation",
    "university": "organisation", "corps": "organisation", "army": "organisation", "forces": "organisation",
    "fund": "fund", "code": "law", "act": "law", "law": "law", "treaty": "document", "agreement": "document",
    "plant": "facility", "refinery": "facility", "mine": "facility", "dam": "facility", "port": "facility",
    "airport": "facility", "palace": "place", "station": "facility", "factory": "facility",
    "project": "project", "programme": "project", "program": "project", "initiative": "project",
    "summit": "event", "conference": "event", "meeting": "event", "ceremony": "event", "games": "event",
    "river": "place", "province": "place", "region": "place", "state": "place", "city": "place",
    "street": "place", "square": "place",
}


def capitalised_runs(text: str, tokens, covered: set[int]):
    """(first, last) token index ranges of capitalised words joined by spaces or linking words."""
    index = 0
    while index < len(tokens):
        if index in covered or not tokens[index][2][:1].isupper():
            index += 1
            continue
        last = index + 1
        has_of = False
        while last < len(tokens) and last not in covered:
            gap = text[tokens[last - 1][1]:tokens[last][0]]
            word = tokens[last][2]
            if not GAP_IN_NAME.match(gap) or _POSSESSIVE.search(tokens[last - 1][2]):
                break
            if word[:1].isupper():
                last += 1
            elif word in words.LINKING_WORDS and (word != "and" or has_of) and last + 1 < len(tokens) \
                    and tokens[last + 1][2][:1].isupper() and last + 1 not in covered:
                has_of = has_of or word == "of"
                last += 1
            else:
                break
        yield index, last
        index = last


def mid_sentence_capitals(text: str) -> set[str]:
    """Capitalised words the article uses after a lower-case word or a comma: names, not sentence openers."""
    return {_POSSESSIVE.sub("", match.group(1)) for match in _MID_SENTENCE.finditer(text)}


_MID_SENTENCE = re.compile(r"[a-z,;][ \t]+([A-Z][\w\u00c0-\u024f'\u2019]*)")


def not_a_name(run, *, first_token: bool, capitalised_inside: set[str]) -> bool:
    spelled = " ".join(token[2] for token in run)
    if sum(ch.isdigit() for ch in spelled) > 3 or len(spelled) < 2:
        return True
    lowered = [token[2].lower() for token in run]
    if all(word in words.NOT_NAMES or word in words.TITLE_TOKENS for word in lowered):
        return True
    if len(run) == 1 and first_token:
        # a capitalised first word is a name only if the article also capitalises it mid-sentence
        return _POSSESSIVE.sub("", run[0][2]) not in capitalised_inside
    return False


_PLACES = frozenset("africa europe asia america north america south america latin america oceania antarctica "
                    "middle east sahel maghreb caribbean balkans scandinavia".split())
_ORGANISATION_WORDS = ("ministry", "bank", "council", "chamber", "agency", "commission", "committee", "union",
                       "association", "organisation", "organization", "institute", "university", "court")


def guess_kind(spelled: str, text: str, start: int, end: int) -> str:
    folded = fold(spelled).split()
    last = folded[-1] if folded else ""
    if last in _KIND_BY_LAST_WORD:
        return _KIND_BY_LAST_WORD[last]
    organisation = next((word for word in folded if word in _ORGANISATION_WORDS), None)
    if organisation:
        return _KIND_BY_LAST_WORD.get(organisation, "organisation")
    if " ".join(folded) in _PLACES or last in _PLACES:
        return "place"
    after_name = text[end:end + 40]
    if re.match(r"\s*,\s*(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:company|firm|group|miner|conglomerate|"
                r"bank|lender|producer|operator|giant|maker|developer)\b", after_name):
        return "company"
    before = text[max(0, start - 40):start]
    if re.search(r"\b(?:" + words.TITLE_WORD + r")\.?\s+$", before):
        return "person"
    if re.search(r"\b(?:in|near|from|at)\s+(?:the\s+)?$", before):
        return "place"
    after = text[end:end + 30]
    if re.match(r"\s*,?\s*(?:" + words.SPEECH_VERB + r")\b", after) or re.match(r"\s*,\s*(?:the|a|an)\s", after):
        return "person"
    if spelled.isupper() and (start == 0 or text[start - 1] == "\n") and re.match(r"\s*[,\u2014\u2013-]", after):
        return "place"   # "LUSAKA, March 4 —": a dateline's city
    if spelled.isupper() and len(spelled) <= 8:
        return "organisation"
    return "person" if len(fold(spelled).split()) in (2, 3) and spelled.istitle() else "other"
