"""The synthetic registry: countries, places, companies, people, offices, titles, funds and the subjects.

Pools of values (places, companies, offices, people) grow with the corpus, so that a
large corpus is about more things rather than about the same things more often.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .words import (COMMODITIES, COMPANY_WORDS, COUNTRIES, FACILITY_FLAVOURS, FIRST_NAMES, LAST_NAMES,
                    OFFICE_ROLES, TITLES, Spellings, slug)

VARIANT_LIMIT = 200   # distinct misspelled names in the whole corpus, whatever its size


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    profile: str = ""                   # which predicates it is the subject of (GROUP_PROFILES)
    aliases: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    represents: tuple[str, ...] = ()
    capacity: str = "annual-capacity"  # for facilities: how their capacity is measured
    funds: tuple["Entity", ...] = ()   # for laws: the funds they establish


class Entities:
    def __init__(self, rng: random.Random, claims: int):
        self.rng = rng
        self.names = Spellings(rng)
        self.all: list[Entity] = []
        self.countries = [self._add(self.names.unique(name), "country", profile="country") for name in COUNTRIES]
        self.commodities = [self._add(self.names.unique(name), "commodity") for name in COMMODITIES]
        self.titles = [self._add(self.names.unique(name), "title") for name in TITLES]
        self.places = [self._place() for _ in range(max(30, claims // 400))]
        self.companies = [self._company() for _ in range(max(20, claims // 300))]
        self.people = [self._person() for _ in range(max(30, claims // 200))]
        self.offices = [self._office() for _ in range(max(13, claims // 1000))]
        self.outlets = [self.names.outlet() for _ in range(max(20, min(400, claims // 250)))]
        self.variants: dict[str, str] = {}

    def _add(self, name: str, kind: str, **extra) -> Entity:
        """Register an entity under a name `self.names` has handed out."""
        entity = Entity(id=slug(name), name=name, kind=kind, **extra)
        self.all.append(entity)
        return entity

    def _place(self) -> Entity:
        return self._add(self.names.place(), "place", part_of=(self.rng.choice(self.countries).id,))

    def _company(self) -> Entity:
        company = self._add(self.names.company(), "company", profile="company")
        short = company.name.rsplit(" ", 1)[0]
        if short not in COMPANY_WORDS and self.names.claim(short):
            company.aliases = (short,)
        return company

    def _person(self) -> Entity:
        person = self._add(self.names.person(), "person", profile="person")
        if self.rng.random() < 0.3:
            person.represents = (self.rng.choice(self.companies).id,)
        last = person.name.split()[-1]
        if self.rng.random() < 0.3 and self.names.claim(f"{person.name.split()[0][0]}. {last}"):
            person.aliases = (f"{person.name.split()[0][0]}. {last}",)
        return person

    def _office(self) -> Entity:
        role = self.rng.choice(OFFICE_ROLES)
        country = self.rng.choice(self.countries).name
        return self._add(self.names.unique(f"{role} of {country}"), "office")

    def new_subject(self, profile: str) -> Entity:
        """A new entity to make claims about."""
        rng = self.rng
        if profile == "person":
            person = self._person()
            self.people.append(person)
            return person
        if profile == "company":
            company = self._company()
            self.companies.append(company)
            return company
        place = rng.choice(self.places)
        if profile == "facility":
            flavour, capacity = rng.choice(FACILITY_FLAVOURS)
            return self._add(self.names.unique(f"{place.name} {flavour}"), "facility", profile=profile,
                             capacity=capacity)
        if profile == "event":
            what = rng.choice(("summit", "groundbreaking ceremony", "forum", "joint commission session",
                               "signing ceremony", "state visit"))
            return self._add(self.names.unique(f"{place.name} {what} {rng.randrange(2019, 2026)}"), "event",
                             profile=profile)
        if profile == "law":
            country = rng.choice(self.countries).name
            law = self._add(self.names.unique(f"{country} mining code {rng.randrange(2015, 2026)}"), "law",
                            profile=profile)
            law.funds = tuple(self._add(self.names.unique(f"{place.name} {what} fund"), "fund")
                              for what in rng.sample(("development", "training", "rehabilitation", "mining",
                                                      "research", "energy"), rng.randrange(2, 6)))
            return law
        commodity = rng.choice(COMMODITIES)
        return self._add(self.names.unique(f"{place.name} {commodity} project"), "project", profile="project")

    def author(self, rng: random.Random) -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def variant(self, person: Entity) -> str | None:
        """A misspelling of a person's name (one letter dropped), from a pool of at most VARIANT_LIMIT."""
        known = self.variants.get(person.id)
        if known is not None or len(self.variants) >= VARIANT_LIMIT:
            return known
        name = person.name
        for position in range(len(name) - 2, 1, -1):
            candidate = name[:position] + name[position + 1:]
            if name[position].isalpha() and self.names.claim(candidate):
                self.variants[person.id] = candidate
                return candidate
        return None

    def registry_yaml(self) -> str:
        from .values import scalar

        lines = ["# Synthetic registry (factcheck bench).", "entities:"]
        for entity in self.all:
            lines.append(f"  {entity.id}:")
            lines.append(f"    name: {scalar(entity.name)}")
            lines.append(f"    kind: {entity.kind}")
            for key in ("aliases", "part_of", "represents"):
                values = getattr(entity, key)
                if values:
                    lines.append(f"    {key}: [{', '.join(scalar(v) for v in values)}]")
        return "\n".join(lines) + "\n"
