"""The claims of one subject/predicate group: a true value, spelled a different way by each claim.

A conflicting group has one member (`odd`) that gives another value: another figure, a
date three years off, another entity, a flipped boolean, a weekday that does not fit.
Dates are set before the articles that report them, plans after, and time-varying
predicates hold in one year, so that only the intended conflicts are found.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..dates import MONTHS, WEEKDAYS
from .entities import Entities, Entity
from .words import (COMPANY_TYPES, FILLERS, PURPOSES, RANKING_AMONG, RANKING_SCOPES, STATUSES, VERBS)

GROUP_PROFILES = {  # subject profile -> (predicate, chance that a subject has a group of it)
    "country": (("annual-gold-output", 1.0), ("ranking", 1.0), ("had-military-coup", 1.0), ("capital", 1.0),
                ("exports-crude-gold", 0.5)),
    "facility": (("capacity", 0.9), ("construction-start", 0.7), ("completion-date", 0.5),
                 ("operational-date", 0.3), ("operator", 0.6), ("location", 0.8), ("status", 0.5)),
    "person": (("office", 0.7), ("military-rank", 0.3), ("came-to-power", 0.3), ("country", 0.6)),
    "company": (("parent-company", 0.3), ("country", 0.7), ("company-type", 0.6), ("founding-date", 0.5)),
    "event": (("event-date", 0.9), ("venue", 0.7), ("duration", 0.4), ("participant", 0.8),
              ("session-number", 0.3)),
    "law": (("adoption-date", 0.8), ("establishes-fund", 0.9), ("fund-count", 0.7)),
    "project": (("start-date", 0.8), ("led-by", 0.6), ("purpose", 0.5), ("capacity-increase", 0.4)),
}
QUANTITIES = {  # predicate -> (unit, smallest, largest, spellings)
    "annual-capacity": ("t/yr", 5, 400, ("{} t/yr", "{} tonnes per year", "{}-ton-per-year", "up to {} t/yr",
                                         "about {} t/yr", "{{amount: {}, unit: t/yr}}", "{} tonnes a year")),
    "annual-gold-output": ("t/yr", 5, 120, ("{} t/yr", "{} tonnes per year", "about {} t/yr")),
    "power-capacity": ("MW", 5, 900, ("{} MW", "{} megawatts", "at least {} MW", "{{amount: {}, unit: MW}}",
                                      "about {} MW")),
    "duration": ("h", 1, 8, ("{} h", "{} hours", "about {} hours")),
    "capacity-increase": ("%", 2, 60, ("{} %", "{} percent", "{} per cent", "up to {} %")),
}
PAST_DATES = ("construction-start", "came-to-power", "founding-date", "adoption-date", "event-date")
PLANNED_DATES = ("completion-date", "operational-date", "start-date")
ENTITY_POOLS = {"office": "offices", "military-rank": "titles", "location": "places", "venue": "places",
                "capital": "places", "country": "countries", "parent-company": "companies", "led-by": "people",
                "operator": "companies", "participant": "people"}
TIME_VARYING = ("annual-gold-output", "ranking", "exports-crude-gold", "operator", "status", "office",
                "military-rank")
NOT_FUNCTIONAL = ("participant", "establishes-fund", "purpose")
COUNT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_PLAIN = re.compile(r"[A-Za-z][\w .'/()-]*[\w.)]")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


@dataclass
class Group:
    subject: Entity
    predicate: str
    size: int
    conflict: bool = False
    sources: list = field(default_factory=list)
    truth: object = None
    other: object = None     # the odd member's value, in a conflicting group
    odd: int = -1            # which member gives it
    hidden: int = -1         # a member that says the value was not disclosed
    year: int = 2024         # when a time-varying value holds

    def __post_init__(self) -> None:
        if self.predicate == "capacity":
            self.predicate = self.subject.capacity

    def can_conflict(self) -> bool:
        return self.size >= 2 and self.predicate not in NOT_FUNCTIONAL and not (
            self.predicate == "fund-count" and len(self.subject.funds) < 2)

    def decide(self, rng: random.Random, entities: Entities) -> None:
        """The true value, and the odd one out, now that the group's articles are known."""
        days = [source.day for source in self.sources if source.day is not None]
        earliest = min(days) if days else None
        latest = max(days) if days else date(2025, 6, 30)
        self.year = (earliest or latest).year - rng.randrange(2)
        self.truth = _truth(rng, self, entities, earliest, latest)
        if self.conflict:
            self.odd = rng.randrange(self.size)
            self.other = _other(rng, self, entities)
        if self.predicate in QUANTITIES and self.size >= 3 and rng.random() < 0.15:
            self.hidden = (self.odd + 1) % self.size


def _truth(rng: random.Random, group: Group, entities: Entities, earliest, latest):
    predicate = group.predicate
    if predicate in QUANTITIES:
        _, low, high, _ = QUANTITIES[predicate]
        return rng.randrange(low, high + 1)
    if predicate in PAST_DATES:
        if earliest is None:
            return date(rng.randrange(2016, 2023), rng.randrange(1, 13), rng.randrange(1, 29))
        return earliest - timedelta(days=rng.randrange(20, 1500))
    if predicate in PLANNED_DATES:
        return (latest.year + rng.randrange(4), rng.randrange(1, 13))
    if predicate in ENTITY_POOLS:
        return rng.choice(getattr(entities, ENTITY_POOLS[predicate]))
    if predicate == "establishes-fund":
        return group.subject.funds
    if predicate == "fund-count":
        return len(group.subject.funds)
    if predicate == "session-number":
        return rng.randrange(1, 11)
    if predicate == "ranking":
        return (rng.randrange(1, 9), rng.choice(RANKING_AMONG), rng.choice(RANKING_SCOPES))
    if predicate in ("had-military-coup", "exports-crude-gold"):
        return rng.random() < 0.5
    pool = {"status": STATUSES, "company-type": COMPANY_TYPES, "purpose": PURPOSES}[predicate]
    return rng.choice(pool)


def _other(rng: random.Random, group: Group, entities: Entities):
    truth, predicate = group.truth, group.predicate
    if predicate in QUANTITIES:
        return truth * 3 + 7
    if predicate in PAST_DATES:
        return truth - timedelta(days=1100 + rng.randrange(300))
    if predicate in PLANNED_DATES:
        return (truth[0] + 4, truth[1])
    if predicate in ENTITY_POOLS:
        pool = getattr(entities, ENTITY_POOLS[predicate])
        return next(e for e in rng.sample(pool, min(len(pool), 4)) + [pool[0], pool[1]] if e is not truth)
    if predicate == "fund-count":
        return 1
    if predicate == "session-number":
        return truth + 3
    if predicate == "ranking":
        return (truth[0] + 5, truth[1], truth[2])
    if isinstance(truth, bool):
        return not truth
    pool = {"status": STATUSES, "company-type": COMPANY_TYPES, "purpose": PURPOSES}[predicate]
    return next(text for text in pool if text != truth)


def spell_claim(rng: random.Random, entities: Entities, group: Group, member: int, source, claim_id: str):
    """The (key, YAML text) lines of one claim."""
    predicate = group.predicate
    subject = group.subject
    yield "id", claim_id
    yield "subject", subject.id if rng.random() < 0.8 else scalar(subject.name)
    yield "predicate", predicate
    truth = group.other if member == group.odd else group.truth
    modality = "planned" if predicate in PLANNED_DATES else None
    if member == group.hidden:
        value, words, modality = None, "not disclosed", "not-disclosed"
    else:
        value, words = _value(rng, entities, group, truth, member)
        if modality is None and rng.random() < 0.01 and member != group.odd:
            modality = "uncertain"
        elif modality == "planned" and rng.random() < 0.3:
            modality = "expected"
    if value is not None:
        yield "value", value
    if modality:
        yield "modality", modality
    speaker = _speaker(rng, entities)
    if speaker is not None:
        yield "said_by", speaker[0]
    if predicate in TIME_VARYING:
        yield "holds", str(group.year)
    yield "quote", scalar(_quote(rng, subject, predicate, words, speaker))
    names = _names(rng, entities, subject, speaker)
    if names:
        yield "names", "[" + ", ".join(scalar(name) for name in names) + "]"
    if rng.random() < (0.4 if predicate == "ranking" else 0.08):
        yield "evidence", f"[{{cites: {scalar(rng.choice(('official statement', 'annual report', 'ministry data')))}}}]"
    if rng.random() < 0.03:
        yield "note", scalar("synthetic claim; the value is spelled as the article gives it")


def _value(rng: random.Random, entities: Entities, group: Group, truth, member: int) -> tuple[str, str]:
    predicate = group.predicate
    if predicate in QUANTITIES:
        text = rng.choice(QUANTITIES[predicate][3]).format(truth)
        if text.startswith("{"):
            return text, f"{truth} {QUANTITIES[predicate][0]}"
        return scalar(text), text
    if predicate in PAST_DATES:
        return _past_date(rng, predicate, truth, member == group.odd)
    if predicate in PLANNED_DATES:
        year, month = truth
        text = rng.choice((f"by {year}", f"{year}", f"{year}-{month:02d}", f"{_month(month)} {year}",
                           f"by {_month(month)} {year}"))
        return scalar(text) if not text.isdigit() else text, text
    if predicate in ENTITY_POOLS:
        return _entity(rng, truth)
    if predicate == "establishes-fund":
        fund = truth[member % len(truth)]
        return _entity(rng, fund)
    if predicate in ("fund-count", "session-number"):
        text = COUNT_WORDS[truth] if truth < len(COUNT_WORDS) and rng.random() < 0.5 else str(truth)
        return text, text
    if predicate == "ranking":
        position, among, scope = truth
        if rng.random() < 0.5 or member == group.odd:
            return f"{{position: {position}, among: {among}, scope: {scope}}}", f"number {position} {among} {scope}"
        return f"{{top: {position + 2}, among: {among}, scope: {scope}}}", f"top {position + 2} {among} {scope}"
    if isinstance(truth, bool):
        return ("true" if truth else "false"), ("yes" if truth else "no")
    text = rng.choice((truth, truth.capitalize(), truth.upper())) if predicate != "purpose" else truth
    return scalar(text), text


def _past_date(rng: random.Random, predicate: str, day: date, odd: bool) -> tuple[str, str]:
    if predicate == "event-date" and (rng.random() < 0.15 or (odd and rng.random() < 0.5)):
        shown = day + timedelta(days=1) if odd else day
        anchor = day + timedelta(days=rng.randrange(1, 7))
        words = f"on {WEEKDAYS[shown.weekday()].capitalize()}"
        return f"{{relative: {words}, anchor: {anchor.isoformat()}}}", words
    roll = rng.random()
    if roll < 0.35:
        return day.isoformat(), day.isoformat()
    if roll < 0.55:
        return scalar(f"{day.year}-{day.month:02d}"), f"{_month(day.month)} {day.year}"
    if roll < 0.7:
        return str(day.year), str(day.year)
    if roll < 0.85:
        text = f"{_month(day.month)} {day.day}, {day.year}"
        return scalar(text), text
    if roll < 0.95:
        text = f"{_month(day.month)} {day.year}"
        return scalar(text), text
    basis = scalar(f"the article dates it {day.year - 1} years after the founding")
    return f"{{date: {day.isoformat()}, inferred: {basis}}}", day.isoformat()


def _entity(rng: random.Random, entity: Entity) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.5:
        return entity.id, entity.name
    if roll < 0.65 and entity.aliases:
        return scalar(entity.aliases[0]), entity.aliases[0]
    if roll < 0.75:
        return scalar(entity.name.upper()), entity.name
    return scalar(entity.name), entity.name


def _speaker(rng: random.Random, entities: Entities):
    roll = rng.random()
    if roll < 0.25:
        person = rng.choice(entities.people)
        return (person.id if rng.random() < 0.5 else scalar(person.name)), person
    if roll < 0.29:
        return "{anonymous: a senior official}", None
    return None


def _quote(rng: random.Random, subject: Entity, predicate: str, words: str, speaker) -> str:
    who = speaker[1].name if speaker and speaker[1] is not None else rng.choice(("the ministry", "officials",
                                                                                   "the company", "the report"))
    phrase = predicate.replace("-", " ")
    parts = [f"{subject.name}'s {phrase} is {words}", f"{who} {rng.choice(VERBS)}", rng.choice(FILLERS)]
    if rng.random() < 0.5:
        parts[0], parts[1] = parts[1], f"{phrase} of {subject.name} stands at {words}"
    return ", ".join(parts)


def _names(rng: random.Random, entities: Entities, subject: Entity, speaker) -> list[str]:
    names = []
    if subject.kind in ("person", "company", "facility") and rng.random() < 0.6:
        variant = entities.variant(subject) if subject.kind == "person" and rng.random() < 0.004 else None
        names.append(variant or subject.name)
    if speaker and speaker[1] is not None and speaker[1].name not in names:
        names.append(speaker[1].name)
    return names


def _month(month: int) -> str:
    return MONTHS[month - 1].capitalize()


def scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that is safe, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)
