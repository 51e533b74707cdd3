"""names: unregistered spellings close to a registered name or alias.

Claims carry `names`, the names as the article spells them. A spelling the
registry resolves is fine; resolution folds case and accents, so "Dembele"
finds "Dembélé" and "GOITA" finds "Goïta". Any other spelling is compared with
every registered spelling (ids, names and aliases): after a small transliteration
table (Sergey/Sergei, Mikhail/Mihail, Moussa/Musa, Dmitriy/Dmitri: y-i, kh-h,
ou-u, ph-f, dj-j, tch-ch, w-v, doubled letters made single), and with its words
also in sorted order ("Sanou Alousseini"), a spelling is near a registered one
when their Levenshtein similarity is at least `min_similarity` and they differ
by at most `max_distance` letters. "Alousseni Sanou" is one letter from
"Alousseini Sanou".

A near spelling is a definite finding: it names the variant, the registered
spelling and its entity, and shows the claims that use the variant next to up to
three claims that use a registered spelling of that entity or are about it (its
fingerprint rests on the variant's claims only, so new such claims keep it). The
fix is an alias when it is the same person, a new entity when it is not, or a
corrected spelling. With `report_unknown`, a spelling close to no registered one
is a possible finding (info, for a rule of severity warning): someone the
registry does not know.

Only the distinct unregistered spellings, usually few, are compared, each with
C-level rapidfuzz searches over the registry's spellings of a length it can be near
(at most `max_distance` letters longer or shorter): a corpus ten times larger, with
ten times the spellings and the variants, costs about ten times more, not a hundred.

Message placeholders: {variant}, {registered}, {entity}, {certainty}.

Example:
    kind: names
    params: {min_similarity: 0.85, max_distance: 3}

    fires:  names: [Alousseni Sanou], when the registry has "Alousseini Sanou"
    passes: names: [ALOUSSEINI SANOU]
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import TYPE_CHECKING
from dataclasses import dataclass

from pydantic import Field

from ..model.claims import Claim
from ..registry import Registry
from ..text import fold
from . import base
from .base import Context, Hit, published_order

if TYPE_CHECKING:
    from ..state import FileSummary

NAME = "names"
SCOPE = "corpus"   # a finding may depend on claims of any subject: `reads` names the files
FIELDS = ("variant", "registered", "entity", "certainty")
_TRANSLITERATION = (("y", "i"), ("kh", "h"), ("ou", "u"), ("ph", "f"), ("dj", "j"), ("tch", "ch"), ("w", "v"))
_DOUBLED = re.compile(r"(\w)\1+")
_WITNESSES = 3


class Params(base.Params):
    min_similarity: float = Field(default=0.85, ge=0, le=1, description="least normalised Levenshtein similarity "
                                                                        "of a near spelling")
    max_distance: int = Field(default=3, ge=0, description="most letters a near spelling may differ by")
    report_unknown: bool = Field(default=False, description="report spellings close to no registered one, "
                                                            "as possible findings")


def normal(folded: str) -> str:
    """A folded spelling with common transliteration differences and doubled letters removed."""
    for written, read in _TRANSLITERATION:
        folded = folded.replace(written, read)
    return _DOUBLED.sub(r"\1", folded)


def _letters(count: int) -> str:
    return f"{count} letter{'s' if count != 1 else ''}"


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


@dataclass(frozen=True)
class Match:
    entity: str
    spelling: str      # the registered spelling, as registered
    role: str          # "name", "alias" or "id"
    apart: int         # letters apart after transliteration (and, for "word order", sorting the words)
    how: str           # "variant" (transliteration, doubled letters), "letters" or "word order"
    letters: int       # letters apart as written (case and accents folded)
    same_words: bool   # the same words as written, in another order

    def rank(self) -> tuple:
        return (self.apart, self.how == "word order", self.spelling)

    def describe(self) -> str:
        if self.how == "word order":
            if self.apart == 0:
                return "the same words, in another order, as" if self.same_words else \
                    "in another word order, a spelling variant of"
            return f"in another word order, {_letters(self.apart)} from"
        return "a spelling variant (transliteration or doubled letter) of" if self.how == "variant" else \
            f"{_letters(self.letters)} from"


class Spellings:
    """Every registered spelling, folded and normalised, ready for rapidfuzz."""

    def __init__(self, registry: Registry):
        keys = list(registry.by_spelling)
        self.registry = registry
        self.keys = keys
        self.entity = [registry.by_spelling[key] for key in keys]
        self.normal = [normal(key) for key in keys]
        self.sorted = [_sorted_words(text) for text in self.normal]
        self._by_length = {"letters": _by_length(self.normal), "word order": _by_length(self.sorted)}
        self._pieces: dict[tuple[str, int], _Pieces] = {}

    def shown(self, position: int) -> tuple[str, str]:
        """The spelling at `position` as registered, and what it is of its entity (name, alias or id): looked
        up for a near spelling only. Folding every entity's spellings for this, and building every entity of
        a registry read back from the cache, took 1 s of the kind's 5 s at a million claims."""
        key = self.keys[position]
        entity = self.registry.entities.get(self.entity[position])
        if entity is not None:   # the entity the registry gives the folded spelling to: no other one has it
            for role, spelling in (("name", entity.name), *(("alias", a) for a in entity.aliases), ("id", entity.id)):
                if fold(spelling) == key:
                    return spelling, role
        return key, "alias"

    def nearest(self, folded: str, params: Params) -> list[Match]:
        """The registered spellings nearest to an unregistered one: the best per entity, closest entities only."""
        from rapidfuzz import process   # here: a re-check that compares no name need not load it
        from rapidfuzz.distance import Levenshtein

        query = normal(folded)
        best: dict[str, Match] = {}
        probes = [(query, "letters")]
        if " " in query:
            probes.append((_sorted_words(query), "word order"))
        for probe, how in probes:
            found = [match for choices in self._candidates(probe, how, params.max_distance)
                     for match in process.extract(probe, choices, scorer=Levenshtein.normalized_similarity,
                                                  score_cutoff=params.min_similarity, limit=None)]
            for choice, _, position in found:
                apart = Levenshtein.distance(probe, choice)
                if apart > params.max_distance:
                    continue
                spelling, role = self.shown(position)
                kind = "variant" if how == "letters" and apart == 0 else how
                key = self.keys[position]
                match = Match(self.entity[position], spelling, role, apart, kind, Levenshtein.distance(folded, key),
                              _sorted_words(folded) == _sorted_words(key))
                known = best.get(match.entity)
                if known is None or match.rank() < known.rank():
                    best[match.entity] = match
        if not best:
            return []
        closest = min(match.apart for match in best.values())
        return sorted((m for m in best.values() if m.apart == closest), key=lambda m: m.entity)

    def _candidates(self, probe: str, how: str, distance: int) -> Iterator[dict[int, str]]:
        """For each length a spelling within `distance` letters of `probe` can have, shortest first: the
        registered spellings of that length that keep one of their pieces (`_Pieces`), by position."""
        by_length = self._by_length[how]
        pieces = self._pieces.get((how, distance))
        if pieces is None:
            pieces = self._pieces[(how, distance)] = _Pieces(by_length, distance)
        for length in range(len(probe) - distance, len(probe) + distance + 1):
            if length in by_length:
                found = pieces.near(probe, length)
                yield by_length[length] if found is None else {at: by_length[length][at] for at in sorted(found)}


class _Pieces:
    """The registered spellings by their pieces, so that only those that can be near a spelling are compared.

    A spelling of length L is cut into `distance + 1` pieces. Another spelling at most `distance`
    edits away keeps at least one of them intact (each edit touches one piece), shifted by at most
    `distance` letters (PassJoin: Li, Deng, Wang and Feng, VLDB 2011). So the candidates for a probe
    are the spellings one of whose pieces the probe holds near the same place: a few lookups per
    probe instead of a comparison with every spelling of a near length.
    """

    def __init__(self, by_length: dict[int, dict[int, str]], distance: int):
        self.distance = distance
        self.index: dict[tuple[int, int], dict[str, list[int]]] = {}
        for length, texts in by_length.items():
            if length <= distance:
                continue   # a piece would be empty: every spelling this short is a candidate
            for number, (start, size) in enumerate(_cut(length, distance + 1)):
                table = self.index[(length, number)] = {}
                for position, text in texts.items():
                    table.setdefault(text[start:start + size], []).append(position)

    def near(self, probe: str, length: int) -> set[int] | None:
        """Positions of the spellings of `length` that keep a piece where `probe` has it; None: all of them."""
        if length <= self.distance:
            return None
        found: set[int] = set()
        for number, (start, size) in enumerate(_cut(length, self.distance + 1)):
            table = self.index[(length, number)]
            for at in range(max(0, start - self.distance), min(len(probe) - size, start + self.distance) + 1):
                found.update(table.get(probe[at:at + size], ()))
        return found


def _cut(length: int, parts: int) -> list[tuple[int, int]]:
    """(start, size) of `parts` pieces of a text of `length`, the longer ones last."""
    size, longer = divmod(length, parts)
    cuts, start = [], 0
    for number in range(parts):
        piece = size + (1 if number >= parts - longer else 0)
        cuts.append((start, piece))
        start += piece
    return cuts


def _by_length(texts: list[str]) -> dict[int, dict[int, str]]:
    """Length -> {position: text}: spellings that differ in length by more than the letters allowed
    are never near, so they are never compared."""
    grouped: dict[int, dict[int, str]] = {}
    for position, text in enumerate(texts):
        grouped.setdefault(len(text), {})[position] = text
    return grouped


def reads(files: Mapping[str, FileSummary], params: Params, registry: Registry, memo: dict) -> set[str]:
    """The files a finding can depend on: those using an unregistered spelling, and those naming or
    about an entity such a spelling is close to (the witnesses of its registered spelling).

    `memo` is kept between runs (with the same registry), and seeded with what `check` found:
    the entities close to a spelling are looked for once."""
    from ..state import lines   # here: the state module imports the kinds

    unregistered = sorted({spelling for summary in files.values() for spelling in lines(summary.unregistered)})
    options = params.model_dump_json()
    if memo.get("options") != options:
        memo.clear()
        memo["options"] = options
    near = memo.setdefault("near", {})
    missing = [folded for folded in unregistered if folded not in near]
    if missing:
        spellings = Spellings(registry)
        near.update((folded, _entities(spellings.nearest(folded, params))) for folded in missing)
    close = memo["close"] = {entity for folded in unregistered for entity in near[folded]}
    return {shown for shown, summary in files.items()
            if summary.unregistered or not close.isdisjoint(lines(summary.entities))}


def affected_by(claims: list[Claim], params: Params, registry: Registry, memo: dict) -> bool:
    """Whether changed claims (`reads` just ran, over the same files) can change a finding: only a claim
    that uses an unregistered spelling, or names or is about an entity close to one, is shown in one."""
    close = memo.get("close")
    if close is None:
        return True
    for claim in claims:
        if claim.subject in close:
            return True
        for spelling in claim.names:
            folded = fold(spelling)
            if folded and (registry.resolve(spelling) is None or registry.by_spelling.get(folded) in close):
                return True
    return False


def memo_for_reads(memo: dict, params: Params) -> dict:
    """What `check` left for `reads`: folded spelling -> the entities close to it."""
    return {"options": params.model_dump_json(), "near": dict(memo.get((NAME, params.model_dump_json()), {}))}


def _entities(matches: list[Match]) -> tuple[str, ...]:
    return tuple(sorted({match.entity for match in matches}))


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    by_names = _by_names(claims)
    unregistered = _unregistered(by_names, context.registry)
    if not unregistered:
        return
    spellings = Spellings(context.registry)
    nearest = [(folded, spelling, using, spellings.nearest(folded, params))
               for folded, (spelling, using) in sorted(unregistered.items())]
    context.memo.setdefault((NAME, params.model_dump_json()), {}).update(
        (folded, _entities(matches)) for folded, _, _, matches in nearest)
    # the selected claims are a part of the context's (no drafts), so as many are all of them
    witnesses = _Witnesses(context, {match.entity for *_, matches in nearest for match in matches},
                           by_names if len(claims) == len(context.all_claims) else None)
    for folded, spelling, using, matches in nearest:
        for match in matches:
            yield _variant_hit(spelling, folded, using, match, witnesses, context)
        if not matches and params.report_unknown:
            yield _unknown_hit(spelling, folded, using)


def _by_names(claims: list[Claim]) -> dict[tuple[str, ...], list[Claim]]:
    """The claims that name anyone, by their tuple of names (in the order of `claims`). The same names recur:
    at a million claims, 170,000 tuples. Both passes of the kind go through these rather than through
    every claim again, scattered in memory: 1.7 s and 1.3 s there, against 0.6 s for this one."""
    grouped: dict[tuple[str, ...], list[Claim]] = {}
    for claim in claims:
        if claim.names:
            group = grouped.get(claim.names)
            if group is None:
                grouped[claim.names] = [claim]
            else:
                group.append(claim)
    return grouped


def _unregistered(by_names: dict[tuple[str, ...], list[Claim]],
                  registry: Registry) -> dict[str, tuple[str, list[Claim]]]:
    """Folded spelling -> (the spelling as first written, the claims using it), for names the registry lacks;
    first and claims in publication order."""
    known: dict[str, bool] = {}
    using: dict[str, list[tuple[Claim, str]]] = {}
    for names, claims in by_names.items():
        for spelling in names:
            folded = fold(spelling)
            if not folded:
                continue
            if folded not in known:
                known[folded] = registry.resolve(spelling) is not None
            if not known[folded]:
                using.setdefault(folded, []).extend(zip(claims, repeat(spelling)))
    found: dict[str, tuple[str, list[Claim]]] = {}
    for folded, uses in using.items():
        # stable, and a claim is in one tuple of names: its own spellings stay in their order
        uses.sort(key=lambda use: published_order(use[0]))
        entry = found[folded] = (uses[0][1], [])
        for claim, _ in uses:
            if not entry[1] or entry[1][-1].id != claim.id:
                entry[1].append(claim)
    return found


class _Witnesses:
    """Claims that show an entity's registered spelling: they name it so, or are about it."""

    def __init__(self, context: Context, entities: set[str],
                 by_names: dict[tuple[str, ...], list[Claim]] | None = None):
        self.context = context
        self.entities = entities   # the only entities asked about: the index keeps these alone
        self.by_names = by_names   # `_by_names` of the context's claims, when at hand
        self.naming: dict[str, list[Claim]] | None = None
        self.about: dict[str, list[Claim]] = {}

    def of(self, entity_id: str, skip: set[str]) -> list[Claim]:
        if self.naming is None:
            self._index()
        naming = [c for c in self.naming.get(entity_id, ()) if c.id not in skip]
        skip = skip | {c.id for c in naming}
        about = [c for c in self.about.get(entity_id, ()) if c.id not in skip]
        return (sorted(naming, key=published_order) + sorted(about, key=published_order))[:_WITNESSES]

    def _index(self) -> None:
        """Both lists in any order: `of` sorts them."""
        registry = self.context.registry
        wanted = self.entities
        self.naming = {}
        for (subject, _), group in self.context.by_subject_predicate().items():
            if subject in wanted:
                self.about.setdefault(subject, []).extend(group)
        by_names = self.by_names if self.by_names is not None else _by_names(self.context.all_claims)
        for names, claims in by_names.items():
            named_here = dict.fromkeys(entity_id for spelling in names   # each entity once a claim
                                       if (entity_id := registry.by_spelling.get(fold(spelling))) in wanted)
            for entity_id in named_here:
                self.naming.setdefault(entity_id, []).extend(claims)


def _variant_hit(spelling: str, folded: str, using: list[Claim], match: Match, witnesses: _Witnesses,
                 context: Context) -> Hit:
    entity = context.registry.entities[match.entity]
    shown = witnesses.of(match.entity, {c.id for c in using})
    role = {"name": "the registered name", "alias": "a registered alias", "id": "the id"}[match.role]
    owner = entity.id if match.role == "name" else f"{entity.id} ({entity.name})"
    reason = (f"'{spelling}' ({_sources(using)}) is not a registered spelling; it is {match.describe()} "
              f"'{match.spelling}', {role} of {owner}{_seen(shown, entity.id, witnesses)}. "
              f"If they are the same {entity.kind}, add the spelling as an alias; if not, register the other "
              "one; if it is a typo, correct it.")
    ordered = (*using, *shown)
    return Hit(claims=ordered, reason=reason, certainty="definite", subject=entity.id, predicate=None,
               fields={"variant": spelling, "registered": match.spelling, "entity": entity.id,
                       "certainty": "definite"},
               key=f"variant:{folded}", identity=tuple(claim.id for claim in using))


def _seen(shown: list[Claim], entity_id: str, witnesses: _Witnesses) -> str:
    """Where the registered spelling is seen: articles that spell it so, or that make claims about the entity."""
    spelled = {c.id for c in witnesses.naming.get(entity_id, ())}
    naming = [c for c in shown if c.id in spelled]
    about = [c for c in shown if c.id not in spelled]
    parts = []
    if naming:
        parts.append(f"which {_sources(naming)} spell{'s' if len({c.source.id for c in naming}) == 1 else ''} "
                     "as registered")
    if about:
        parts.append(f"the subject of claims in {_sources(about)}")
    return ", " + " and ".join(parts) if parts else ""


def _unknown_hit(spelling: str, folded: str, using: list[Claim]) -> Hit:
    reason = (f"'{spelling}' ({_sources(using)}) is not a registered spelling and is close to none: register "
              "whom it names, or add it as an alias of the entity it is.")
    return Hit(claims=tuple(using), reason=reason, certainty="possible", subject=None, predicate=None,
               fields={"variant": spelling, "registered": "", "entity": "", "certainty": "possible"},
               key=f"unknown:{folded}")


def _sources(claims) -> str:
    return ", ".join(dict.fromkeys(claim.source.label for claim in claims))
