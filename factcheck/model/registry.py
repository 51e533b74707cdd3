"""The registry: entities with their aliases, and the vocabulary of predicates.

An entity is anything a claim is about or names: a person, an organisation, a
place, a facility, a law, an event. Its aliases are the spellings articles use;
accent-only variants need not be listed, since names are folded before lookup.
`represents` and `part_of` say whose interest a speaker stands for, which is how
the `unsupported` kind recognises a party speaking about itself.
"""
from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .compact import Compact

EntityKind = Literal["person", "organisation", "company", "government", "country", "place", "facility",
                     "project", "law", "fund", "event", "document", "office", "title", "commodity", "group",
                     "other"]
ENTITY_KINDS = EntityKind.__args__
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"


class Entity(Compact):
    model_config = ConfigDict(frozen=True, extra="forbid")
    shared_strings: ClassVar[tuple[str, ...]] = ("kind",)

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()      # organisations, places or countries this one belongs to
    represents: tuple[str, ...] = ()   # for people: whom they speak for
    description: str | None = None
    url: str | None = None

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Predicate(BaseModel):
    """What a claim asserts about its subject, and how its values compare.

    `functional`: one true value at a time (a capacity, a start date, a title);
    `time_varying`: the true value changes over time (titles, office holders), so
    claims are compared only where they hold at the same time; `unit`: the unit whose
    dimension every value must share; `counts`: for a count, the predicate whose
    values enumerate the members counted.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    type: Literal["quantity", "date", "entity", "rank", "count", "boolean", "text"]
    description: str | None = None
    functional: bool = True
    time_varying: bool = False
    unit: str | None = None
    counts: str | None = None
    entity_kinds: tuple[EntityKind, ...] = ()
    subject_kinds: tuple[EntityKind, ...] = ()
