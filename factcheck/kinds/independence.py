"""Which articles are independent of each other: not the same outlet, not copying each other's text.

Articles that share a run of N words in their quotes are merged into one group
(union-find over an index of N-word shingles), as are articles of one outlet.
An article with no outlet stands alone unless its text ties it to another: an
unknown outlet is not evidence of a shared one. Linear in the number of quotes.
"""
from __future__ import annotations

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
    first_by_shingle: dict[tuple[str, ...], str] = {}
    for claim in context.all_claims:
        source = claim.source
        find(source.id)
        if source.outlet:
            union(source.id, first_by_outlet.setdefault(fold(source.outlet), source.id))
        if claim.quote:
            words = fold(claim.quote).split()
            for start in range(len(words) - shared_words + 1):
                shingle = tuple(words[start:start + shared_words])
                union(source.id, first_by_shingle.setdefault(shingle, source.id))
    groups = {source: find(source) for source in list(parent)}
    context.memo[("independence", shared_words)] = groups
    return groups
