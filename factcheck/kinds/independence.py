"""Which articles are independent of each other: not the same outlet, not copying each other's text.

Articles that share a run of N words in their quotes are merged into one group
(union-find over an index of N-word shingles), as are articles of one outlet.
An article with no outlet stands alone unless its text ties it to another: an
unknown outlet is not evidence of a shared one. Linear in the number of quotes, whose
runs of words are indexed by hash (small, and set operations do the work in C); two
articles are joined only once the words are found in both. A large corpus is indexed
in passes, each over one range of the hashes (`RUNS_PER_PASS`). Each article's hashes
are sorted once, so that a pass takes its range as one slice, and more passes cost
little: at a million claims (9.6 million runs), the peak above the loaded corpus was
0.43 GB with three passes and 0.30 GB with five, in the same time. Every
component's representative is its smallest source id, so the result does not depend
on the order claims are read in, and skipping a union that cannot change it is safe.

Besides the groups, the result keeps what a later check needs to update them after an
edit without reading every quote again (`updated`): each article's folded quotes and
outlet, and a spanning forest of the groups whose every edge records the run of words
(or the outlet) that joined its two articles.
"""
from __future__ import annotations

from array import array
from collections.abc import Iterator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain, groupby, islice, repeat
from operator import attrgetter

from ..text import fold
from .base import Context


@dataclass
class Independence:
    groups: dict[str, str]                                  # source id -> representative (its smallest member)
    texts: dict[str, str] = field(default_factory=dict)     # source id -> its distinct folded quotes, one a line
    outlets: dict[str, str] = field(default_factory=dict)   # source id -> folded outlet, when known
    forest: dict[str, dict[str, str]] = field(default_factory=dict)   # a -> b -> what joined them


def independent_groups(context: Context, shared_words: int) -> dict[str, str]:
    """Source id -> a representative source id; equal representatives mean one source."""
    return independence(context, shared_words).groups


def independence(context: Context, shared_words: int) -> Independence:
    known = context.memo.get(("independence", shared_words))
    if known is None:
        known = context.memo[("independence", shared_words)] = _compute(context.all_claims, shared_words)
    return known


def folded_quotes(claims) -> list[str]:
    """An article's distinct quotes as `Independence.texts` holds them: folded, one space between words."""
    return list(dict.fromkeys(" ".join(fold(claim.quote).split()) for claim in claims if claim.quote))


class _Collision(Exception):
    """Two runs of words with one hash, seen in articles that are not joined yet."""


def _compute(claims, shared_words: int) -> Independence:
    try:
        return _grouped(claims, shared_words, exact=False)
    except _Collision:   # all but impossible with 64-bit hashes; then runs are indexed whole
        return _grouped(claims, shared_words, exact=True)


RUNS_PER_PASS = 2_000_000   # runs of words indexed at once


def _grouped(claims, shared_words: int, *, exact: bool) -> Independence:
    parent: dict[str, str] = {}
    forest: dict[str, dict[str, str]] = {}

    def find(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(a: str, b: str, why: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
            forest.setdefault(a, {})[b] = why
            forest.setdefault(b, {})[a] = why

    first_by_outlet: dict[str, str] = {}
    texts: dict[str, str] = {}   # source -> its distinct folded quotes so far, one a line (a string per
                                 # quote took 0.09 GB more at a million claims)
    quoted: set[str] = set()     # the sources with a quote (a text of one empty quote is empty too)
    outlets: dict[str, str] = {}
    parts: list[tuple] = []   # per group of claims: (source, outlet to join, quotes new there, their runs' hashes
                              # sorted, once known that the runs are indexed in passes)
    runs = 0                  # how many runs of words there are
    for source_id, its_claims in groupby(claims, key=attrgetter("source.id")):   # a file's claims come together
        its_claims = list(its_claims)
        source = its_claims[0].source
        outlet = None   # to join, the first time the source is seen
        earlier = texts.get(source_id)
        if earlier is None and source.outlet:
            outlet = outlets[source_id] = fold(source.outlet)
        folded = dict.fromkeys(_fold_quote(claim.quote) for claim in its_claims if claim.quote)
        if source_id in quoted:   # its claims do not all come together: indexing a quote again changes nothing
            for quote in earlier.split("\n"):
                folded.pop(quote, None)
        new = "\n".join(folded) if folded else None
        if new is None:
            texts.setdefault(source_id, "")
        else:   # the source's text is this very string, but for the rare source whose claims come apart
            texts[source_id] = earlier + "\n" + new if source_id in quoted else new
            quoted.add(source_id)
        runs += sum(max(0, quote.count(" ") + 2 - shared_words) for quote in folded)   # folded: one space a gap
        parts.append((source_id, outlet, new, None))
    passes = 1 if exact else max(1, -(-runs // RUNS_PER_PASS))
    if passes > 1:   # each pass takes one range of the hashes: sorted once, a part's range is one slice
        for at, (source_id, outlet, new, _) in enumerate(parts):
            if new is not None:   # kept as 8 bytes a hash (a list of numbers takes five times that)
                parts[at] = (source_id, outlet, new, array("q", sorted(map(hash, _text_runs(new, shared_words)))))
    bounds = [-(1 << 63) + (share << 64) // passes for share in range(passes + 1)]
    for share in range(passes):   # the first pass joins outlets too, in the order the claims come
        first_by_run: dict = {}   # a run of N words (its hash, unless `exact`) -> the first source it was seen in
        for source_id, outlet, new, hashes in parts:
            if share == 0:
                find(source_id)
                if outlet is not None:
                    union(source_id, first_by_outlet.setdefault(outlet, source_id), "outlet: " + outlet)
            if new is None:
                continue
            if exact:
                keys = list(_text_runs(new, shared_words))
            elif passes == 1:   # hashed only now: kept from the start, they cost an array's making and reading
                keys = list(map(hash, _text_runs(new, shared_words)))
            else:   # this pass's range of the hashes
                keys = hashes[bisect_left(hashes, bounds[share]):bisect_left(hashes, bounds[share + 1])].tolist()
            # each run's first source, this one for a run not seen before: one look-up per run, in the order
            # of the runs, as if they were taken one by one
            firsts = list(map(first_by_run.setdefault, keys, repeat(source_id)))
            owners = dict.fromkeys(firsts)
            owners.pop(source_id, None)
            if not owners:
                continue
            own = find(source_id)
            for first in owners:   # in the order of their first run here, as if the runs were taken one by one
                # `own` is a root: an article whose parent it is needs no `find` (at a million claims the same
                # owners come back in each pass: 3.6 million finds, 0.75 s of 18.4 s saved this way)
                if parent[first] == own or find(first) == own:
                    continue   # nothing to join (even if two runs had one hash: joining them changes nothing)
                if passes == 1:   # `keys` are in the order of the runs: the first one `first` has is at hand
                    run = next(islice(_text_runs(new, shared_words), firsts.index(first), None))
                else:   # `keys` are this pass's range of hashes, sorted (runs are indexed whole in one pass)
                    run = next(run for run in _text_runs(new, shared_words) if first_by_run.get(hash(run)) == first)
                phrase = " ".join(run)
                if not exact and not _holds((texts[first],), phrase):   # `first` has it too
                    raise _Collision(phrase)
                union(source_id, first, "words: " + phrase)
                own = find(source_id)
    groups = {source: find(source) for source in list(parent)}
    return Independence(groups=groups, texts=texts, outlets=outlets, forest=forest)


def _text_runs(text: str, length: int) -> Iterator[tuple[str, ...]]:
    """Each run of `length` words of each quote of `text` (one a line, as `Independence.texts` holds them),
    in order."""
    return chain.from_iterable(_word_runs(quote.split(), length) for quote in text.split("\n"))


_fold_quote = fold.__wrapped__   # quotes seldom repeat: remembering each folded one would only push out names


def updated(old: Independence, shared_words: int,
            changes: dict[str, tuple[list[str], str | None] | None]) -> tuple[Independence, set[str]] | None:
    """The independence after some articles changed, without reading the others' quotes again.

    `changes` maps each changed article (source id) to its folded quotes and folded outlet
    now, or to None when it is gone. Returns the new independence and the sources whose
    group now holds other articles than before, or None when an edit removed the very
    words or outlet that tied two articles (a group may have split: the caller computes
    everything again). Each article is taken in turn, so each step starts from an exact result.
    """
    current = Independence(groups=dict(old.groups), texts=dict(old.texts), outlets=dict(old.outlets),
                           forest={source: dict(edges) for source, edges in old.forest.items()})
    moved: set[str] = set()
    for source, now in sorted(changes.items(), key=lambda change: change[0]):
        known = source in current.groups
        joined_by = current.forest.get(source, {})
        if now is None:
            if known and len(joined_by) > 1:
                return None   # a removed article that joined others: its group may split
            if known:
                _drop(current, source)
            continue
        quotes, outlet = now
        if any(not _still_joins(why, quotes, outlet) for why in joined_by.values()):
            return None
        old_runs = _runs(current.texts.get(source, ""), shared_words)
        old_outlet = current.outlets.get(source)
        current.texts[source] = "\n".join(quotes)
        if outlet:
            current.outlets[source] = outlet
        else:
            current.outlets.pop(source, None)
        current.groups.setdefault(source, source)
        current.forest.setdefault(source, {})
        links = [(other, "outlet: " + outlet) for other, theirs in current.outlets.items()
                 if outlet and theirs == outlet and other != source and outlet != old_outlet]
        links += _sharing(current, source, _runs(current.texts[source], shared_words) - old_runs)
        for other, why in links:
            _join(current, source, other, why, moved)
    return current, moved


def _still_joins(why: str, quotes: list[str], outlet: str | None) -> bool:
    """Whether the edited article still has what joined it to another (the other one did not change)."""
    kind, _, what = why.partition(": ")
    if kind == "outlet":
        return outlet == what
    return _holds(quotes, what)


def _holds(quotes, phrase: str) -> bool:
    """Whether one of these quotes holds `phrase` as whole words."""
    return any(next(_whole_words(phrase, quote), None) is not None for quote in quotes)


def _word_runs(words: list[str], length: int) -> Iterator[tuple[str, ...]]:
    """Each run of `length` consecutive words, in order (none when there are fewer words)."""
    return zip(*[words[at:] for at in range(length)])


def _whole_words(phrase: str, text: str):
    """Where `phrase` occurs in `text` as whole words (not inside a longer word)."""
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace()):
            yield start
        start = text.find(phrase, start + 1)


def _runs(text: str, shared_words: int) -> set[str]:
    return {" ".join(run) for run in _text_runs(text, shared_words)}


def _sharing(current: Independence, source: str, phrases: set[str]) -> list[tuple[str, str]]:
    """Articles in another group whose quotes hold one of these runs of words."""
    if not phrases:
        return []
    own = current.groups[source]
    others = sorted(other for other in current.texts if other != source and current.groups[other] != own)
    if not others:
        return []
    starts, parts, at = [], [], 0
    for other in others:
        starts.append(at)
        parts.append(current.texts[other])
        at += len(current.texts[other]) + 1
    everything = "\n".join(parts)
    found: dict[str, str] = {}
    for phrase in sorted(phrases):
        for start in _whole_words(phrase, everything):
            found.setdefault(others[bisect_right(starts, start) - 1], "words: " + phrase)
    return sorted(found.items())


def _join(current: Independence, a: str, b: str, why: str, moved: set[str]) -> None:
    group_a, group_b = current.groups[a], current.groups[b]
    if group_a == group_b:
        return
    members = [source for source, group in current.groups.items() if group in (group_a, group_b)]
    representative = min(members)
    for member in members:
        current.groups[member] = representative
    moved.update(members)
    current.forest.setdefault(a, {})[b] = why
    current.forest.setdefault(b, {})[a] = why


def _drop(current: Independence, source: str) -> None:
    """Remove an article that joined at most one other: the rest of its group stays joined."""
    group = current.groups.pop(source)
    current.texts.pop(source, None)
    current.outlets.pop(source, None)
    for other in current.forest.pop(source, {}):
        current.forest[other].pop(source, None)
    members = [member for member, value in current.groups.items() if value == group]
    if members and group == source:
        representative = min(members)
        for member in members:
            current.groups[member] = representative
