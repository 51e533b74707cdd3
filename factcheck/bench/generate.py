"""A seeded synthetic corpus: a registry, the bundled rules, and N claims over N/20 claims files.

Claims come in subject/predicate groups of one to eight claims spread over different
articles. The claims of a group agree, each spelled its own way ("200 t/yr", "200 tonnes
per year", "up to 200 t/yr", {amount: 200, unit: t/yr}; 2025-06-17, "June 2025", 2025;
an entity by id, name or alias), except in about 5% of groups, where one claim gives
another value. Every value type appears, with modalities, speakers, quotes, names,
evidence, relative dates and plans, so every rule has work to do. The same seed gives
the same files, byte for byte.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..dates import MONTHS, WEEKDAYS
from .values import GROUP_PROFILES, Entities, Group, spell_claim

CLAIMS_PER_FILE = 20
CONFLICT_SHARE = 0.05
SIZES = (1, 2, 3, 4, 5, 6, 8)
SIZE_WEIGHTS = (20, 25, 20, 15, 10, 6, 4)
SUBJECT_KINDS = ("facility", "person", "company", "event", "law", "project")
SUBJECT_WEIGHTS = (25, 22, 15, 18, 5, 15)
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2025, 12, 31)


@dataclass
class Source:
    index: int
    outlet: str
    published: object        # a date, "YYYY-MM", a year, or None (undated)
    day: date | None         # the latest day it may have been published, for dating its claims
    slots: list = field(default_factory=list)   # (group, position in the group)


@dataclass(frozen=True)
class Summary:
    claims: int
    files: int
    entities: int
    groups: int
    conflicting_groups: int
    bytes: int

    def as_dict(self) -> dict:
        return {"claims": self.claims, "files": self.files, "entities": self.entities, "groups": self.groups,
                "conflicting_groups": self.conflicting_groups, "bytes": self.bytes}


def generate(out: Path, *, claims: int, seed: int = 1) -> Summary:
    """Write a project with `claims` claims under `out` (which must be empty or absent)."""
    from ..commands.init import bundled_rules

    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    rng = random.Random(seed)
    entities = Entities(rng, claims)
    groups = _groups(rng, entities, claims)
    sources = _sources(rng, entities, groups, claims)
    written = 0
    (out / "claims").mkdir(parents=True)
    (out / "rules").mkdir()
    (out / "factcheck.toml").write_text('claims = "claims"\nrules = "rules"\nton = "metric"\n', encoding="utf-8")
    for name, text in bundled_rules():
        (out / "rules" / name).write_text(text, encoding="utf-8")
    for source in sources:
        text = _claims_file(rng, entities, source)
        path = out / "claims" / _file_name(source)
        path.write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    registry = entities.registry_yaml()
    (out / "claims" / "entities.yaml").write_text(registry, encoding="utf-8")
    return Summary(claims=claims, files=len(sources), entities=len(entities.all), groups=len(groups),
                   conflicting_groups=sum(1 for g in groups if g.conflict), bytes=written + len(registry))


def _groups(rng: random.Random, entities: Entities, total: int) -> list[Group]:
    """Subject/predicate groups whose sizes add up to `total`; a quota keeps conflicts at ~5%."""
    groups: list[Group] = []
    count = 0
    conflicts = 0
    subjects = iter(entities.countries)
    while count < total:
        subject = next(subjects, None) or entities.new_subject(rng.choices(SUBJECT_KINDS, SUBJECT_WEIGHTS)[0])
        for predicate, chance in GROUP_PROFILES[subject.profile]:
            if rng.random() >= chance or count >= total:
                continue
            size = min(rng.choices(SIZES, SIZE_WEIGHTS)[0], total - count)
            group = Group(subject=subject, predicate=predicate, size=size)
            if group.can_conflict() and conflicts < CONFLICT_SHARE * (len(groups) + 1):
                group.conflict = True
                conflicts += 1
            groups.append(group)
            count += size
    return groups


def _sources(rng: random.Random, entities: Entities, groups: list[Group], total: int) -> list[Source]:
    """Articles of 20 claims each; a group's claims land in different articles where possible."""
    files = max(1, -(-total // CLAIMS_PER_FILE))
    sources = [_source(rng, entities, index) for index in range(files)]
    slots = [(group, position) for group in groups for position in range(group.size)]
    rng.shuffle(slots)
    for index, slot in enumerate(slots):
        sources[index // CLAIMS_PER_FILE].slots.append(slot)
    for source in sources:
        for group, _ in source.slots:
            group.sources.append(source)
    for group in groups:
        group.decide(rng, entities)
    return sources


def _source(rng: random.Random, entities: Entities, index: int) -> Source:
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    roll = rng.random()
    if roll < 0.84:
        published, latest = day, day
    elif roll < 0.90:
        published, latest = f"{day.year}-{day.month:02d}", day.replace(day=28)
    elif roll < 0.93:
        published, latest = day.year, day.replace(month=12, day=31)
    else:
        published, latest = None, None
    return Source(index=index, outlet=rng.choice(entities.outlets), published=published, day=latest)


def _file_name(source: Source) -> str:
    published = source.published
    prefix = published.isoformat() if isinstance(published, date) else str(published or "undated")
    return f"{prefix}-{source.index:06d}.yaml"


def _claims_file(rng: random.Random, entities: Entities, source: Source) -> str:
    lines = [f"# Synthetic article {source.index} (factcheck bench).", "source:"]
    topic = source.slots[0][0].subject.name if source.slots else "the sector"
    lines.append(f"  title: {_quoted(_headline(rng, topic))}")
    lines.append(f"  outlet: {_quoted(source.outlet)}")
    if rng.random() < 0.7:
        lines.append(f"  author: {_quoted(entities.author(rng))}")
    if source.published is not None:
        lines.append(f"  published: {_published(source.published)}")
    if rng.random() < 0.5:
        lines.append(f"  url: https://news.example/{source.index:06d}")
    lines.append("claims:")
    for position, (group, member) in enumerate(source.slots):
        claim_id = f"a{source.index:06d}-{position:02d}-{group.predicate}"
        for key, text in spell_claim(rng, entities, group, member, source, claim_id):
            lines.append(f"  - {key}: {text}" if key == "id" else f"    {key}: {text}")
    return "\n".join(lines) + "\n"


def _headline(rng: random.Random, topic: str) -> str:
    verb = rng.choice(("expands", "signs deal on", "faces questions over", "breaks ground on", "reviews",
                       "announces plans for", "reports progress on"))
    return f"{topic} {verb} {rng.choice(('mining', 'energy', 'refining', 'exports', 'partnership'))}"


def _published(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return f'"{value}"' if isinstance(value, str) else str(value)


def _quoted(text: str) -> str:
    from .values import scalar

    return scalar(text)


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()].capitalize()


def month_name(month: int) -> str:
    return MONTHS[month - 1].capitalize()
