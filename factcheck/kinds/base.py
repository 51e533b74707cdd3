"""What every check kind shares: the context it runs in and the hits it yields.

A kind is a module with `NAME`, a pydantic `Params` model (unknown keys are
errors), `FIELDS` (the placeholders its hits add to a rule's message), a module
docstring that is its documentation, and `check(claims, params, context)`, a
generator of `Hit`s. The engine, not the kind, stamps rule id, severity, message
and fingerprint on each hit, as yamllint's engine does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict

from ..model.claims import Claim
from ..registry import Registry
from ..model.registry import Predicate


class Params(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class Hit:
    claims: tuple[Claim, ...]
    reason: str
    certainty: str = "definite"
    subject: str | None = None
    predicate: str | None = None
    fields: dict = field(default_factory=dict)   # extra message placeholders
    key: str = ""                                # distinguishes hits on the same claims, for fingerprints
    identity: tuple | None = None                # what the problem is, when not its claim ids (fingerprints)


class Selection(list):
    """The claims a rule selected, when they are every claim (no drafts) of some predicates: then their
    groups by subject and predicate are those of the shared index (`Context.groups_of`)."""

    def __init__(self, claims, predicates: set[str]):
        super().__init__(claims)
        self.predicates = predicates


@dataclass
class Context:
    registry: Registry
    predicates: dict[str, Predicate]
    all_claims: list[Claim]
    as_of: date
    memo: dict = field(default_factory=dict)     # per-run caches shared by rules of one kind
    _by_subject_predicate: dict | None = None
    _predicates_column: list[str] | None = None

    def predicates_column(self) -> list[str]:
        """Each claim's predicate, in the order of `all_claims`: what most selectors look at, read once
        (reading an attribute of 100k scattered claims costs more than the selecting)."""
        if self._predicates_column is None:
            self._predicates_column = [claim.predicate for claim in self.all_claims]
        return self._predicates_column

    def by_subject_predicate(self) -> dict[tuple[str, str], list[Claim]]:
        if self._by_subject_predicate is None:
            index: dict[tuple[str, str], list[Claim]] = {}
            for claim in self.all_claims:
                index.setdefault((claim.subject, claim.predicate), []).append(claim)
            self._by_subject_predicate = index
        return self._by_subject_predicate

    def groups_of(self, claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
        """`claims` by subject and predicate, in their order; taken from the shared index when they are a
        `Selection` (the lists are shared: never change them)."""
        if not isinstance(claims, Selection):
            return group_by_subject_predicate(claims)
        chosen = claims.predicates
        return {key: group for key, group in self.by_subject_predicate().items() if key[1] in chosen}

    def name(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        entity = self.registry.entities.get(entity_id)
        return entity.name if entity else entity_id


def group_by_subject_predicate(claims: list[Claim]) -> dict[tuple[str, str], list[Claim]]:
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        groups.setdefault((claim.subject, claim.predicate), []).append(claim)
    return groups


def published_order(claim: Claim) -> tuple:
    """Sort key: by publication date (unknown last), then source and claim id, never by position,
    so that reordering claims in a file does not reorder a finding's claims."""
    published = claim.source.published
    start = published.start if published and published.start else date.max
    return (start, claim.source.id, claim.id)
