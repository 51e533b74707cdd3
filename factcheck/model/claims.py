"""A claims file as written: the article's source and its claims.

These models check the shape of what a fact-checker wrote (keys, types, ids);
`reading.py` then turns each claim's `value` into a typed value according to its
predicate, and `Claim` is the result the rules see.
"""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from .compact import Compact
from .registry import ID_PATTERN
from .values import DateValue, TypedValue

MODALITIES = ("asserted", "planned", "expected", "denied", "not-disclosed", "uncertain")
Modality = Literal["asserted", "planned", "expected", "denied", "not-disclosed", "uncertain"]
FORWARD_LOOKING = ("planned", "expected")


class _Strict(Compact):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Anonymous(_Strict):
    """An unnamed speaker: "a senior official who spoke anonymously"."""

    anonymous: str = Field(min_length=1)


class Evidence(_Strict):
    """What a claim cites: a document, a readout, a dataset; by description, url or archived path."""

    shared_instances: ClassVar[bool] = True   # many claims of an article cite the same document

    cites: str = Field(min_length=1)
    url: str | None = None
    path: str | None = None


class SourceInput(_Strict):
    id: str | None = Field(default=None, pattern=ID_PATTERN)
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | int | str | None = None
    url: str | None = None
    archive: str | None = None   # path of the article's text, relative to the corpus root
    note: str | None = None


class ClaimInput(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    subject: str = Field(min_length=1)
    predicate: str = Field(min_length=1)
    value: object = None
    modality: Modality = "asserted"
    said_by: str | Anonymous | None = None
    quote: str | None = None
    holds: object = None
    evidence: tuple[Evidence, ...] = ()
    names: tuple[str, ...] = ()
    note: str | None = None
    draft: bool = False


class ClaimsFileInput(_Strict):
    source: SourceInput
    claims: tuple[ClaimInput, ...] = ()
    proposed_entities: dict[str, dict] | None = None  # drafts may propose entities for review


class Source(_Strict):
    """An article: where claims come from."""

    shared_strings: ClassVar[tuple[str, ...]] = ("outlet", "author")

    id: str
    file: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: DateValue | None = None
    url: str | None = None
    archive: str | None = None

    def published_text(self) -> str | None:
        return self.published.display() if self.published else None

    @property
    def label(self) -> str:
        """How a finding names the article: its outlet, else its title, else its id."""
        return source_label(self.outlet, self.title, self.id)


def source_label(outlet: str | None, title: str | None, fallback: str) -> str:
    if outlet:
        return outlet
    if title:
        return title if len(title) <= 48 else title[:47].rstrip() + "\u2026"
    return fallback


class Claim(_Strict):
    """One typed assertion, resolved against the registry, with where it was written."""

    shared_strings: ClassVar[tuple[str, ...]] = ("subject", "predicate", "modality", "said_by")   # across files
    shared_tuples: ClassVar[tuple[str, ...]] = ("names",)

    id: str
    source: Source
    file: str
    line: int
    column: int
    subject: str                     # a registry id
    predicate: str                   # a vocabulary id
    value: TypedValue | None
    modality: Modality = "asserted"
    said_by: str | None = None       # a registry id
    said_by_anonymous: str | None = None
    quote: str | None = None
    holds: DateValue | None = None   # when the claim is true; from the source date unless given
    holds_event: str | None = None   # or: at which event (a registry id)
    evidence: tuple[Evidence, ...] = ()
    names: tuple[str, ...] = ()
    note: str | None = None
    draft: bool = False

    def speaker(self) -> str | None:
        return self.said_by or (f"anonymous: {self.said_by_anonymous}" if self.said_by_anonymous else None)
