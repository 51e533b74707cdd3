"""Which articles are independent of each other: not the same outlet, not copying each other's text.

Articles that share a run of N words in their quotes are merged into one group
(union-find over an index of N-word shingles), as are articles of one outlet.
An article with no outlet stands alone unless its text ties it to another: an
unknown outlet is not evidence of a shared one. Linear in the number of quotes, which are
indexed as runs of word numbers (compact bytes, equal exactly when the words are). Every
component's representative is its smallest source id, so the result does not depend
on the order claims are read in, and skipping a union that cannot change it is safe.
"""
from __future__ import annotations

from array import array

from ..text import fold
from .base import Context


def independent_groups(context: Context, shared_words: int) -> dict[str, str]:
    """Source id -> a representative source id; equal representatives mean one source."""
    cache = context.memo.setdefault(("independence", shared_words), None)
    if cache is not None:
        return cache
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    first_by_outlet: dict[str, str] = {}
    first_by_shingle: dict[bytes, str] = {}
    seen: set[tuple[str, str]] = set()   # (source, quote) already indexed: indexing it again changes nothing
    numbers: dict[str, int] = {}         # each distinct word gets a number; a run of N words is N numbers
    width = array("I").itemsize * shared_words
    for claim in context.all_claims:
        source = claim.source
        if source.id not in parent:
            find(source.id)
            if source.outlet:
                union(source.id, first_by_outlet.setdefault(fold(source.outlet), source.id))
        if claim.quote and (source.id, claim.quote) not in seen:
            seen.add((source.id, claim.quote))
            encoded = array("I", [numbers.setdefault(word, len(numbers))
                                  for word in fold(claim.quote).split()]).tobytes()
            for start in range(0, len(encoded) - width + 1, width // shared_words):   # each run of N words
                first = first_by_shingle.setdefault(encoded[start:start + width], source.id)
                if first != source.id:   # a shingle first seen in another source: the two are one
                    union(source.id, first)
    groups = {source: find(source) for source in list(parent)}
    context.memo[("independence", shared_words)] = groups
    return groups

