"""Choosing a candidate's subject among the entities its sentence (or the sentences before) mentions.

When the detector knows where the subject's name is (the person after a title,
the asset of a stake), `draft.py` uses that name. Otherwise the mentions of the
sentence are scored: the kind the predicate is said of (a facility for a
capacity, an event for a date it "took place"), the detector's hint (the entity
just before "led by", just after "Russian-backed"), the noun a quantity
qualifies ("a 200 MW solar power plant"), the name a relative clause follows
("General Assimi Goïta, who came to power ..."), and nearness, with named mentions
before descriptive ones. A sentence that mentions nothing fitting takes the
latest fitting entity of the sentences before ("The facility is expected to be
operational by 2027.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .candidates import Candidate
from .entities import Mention

_NEVER_SUBJECTS = ("title", "office", "commodity")
_ATTRIBUTIVE_GAP = re.compile(r"^[\s\w\-]{0,30}$")


@dataclass(frozen=True)
class Choice:
    entity: str
    how: str          # name, descriptor, reference, proposed, earlier sentence


def choose(candidate: Candidate, mentions: list[Mention], recent: list[Mention], kinds: tuple[str, ...], *,
           value_entity: str | None, clause: tuple[int, int], text: str) -> Choice | None:
    usable = [m for m in mentions if m.entity != value_entity and m.kind not in _NEVER_SUBJECTS
              and not _inside(m, candidate.value_at)
              and not (candidate.detector == "relation" and candidate.start <= m.start and m.end <= candidate.end)]
    wanted = tuple(kind for kind in kinds if not kind.startswith("subject-"))
    earlier = [m for m in recent if m.entity != value_entity and m.kind not in _NEVER_SUBJECTS
               and (not wanted or m.kind in wanted)]
    if "subject-before" in candidate.subject_kinds:
        before = [m for m in usable if m.end <= candidate.start]
        in_clause = [m for m in before if m.start >= clause[0]]
        for group in (in_clause, before):
            fitting = [m for m in group if not wanted or m.kind in wanted]
            not_places = [m for m in group if m.kind not in ("place", "country")]
            if group is before and not fitting and wanted and earlier:
                return Choice(earlier[-1].entity, "earlier sentence")
            if fitting or (group is in_clause and group):
                chosen = (fitting or not_places or group)[-1]
                return Choice(chosen.entity, chosen.how)
        if before:
            chosen = ([m for m in before if m.kind not in ("place", "country")] or before)[-1]
            return Choice(chosen.entity, chosen.how)
    if "subject-after" in candidate.subject_kinds:
        after = [m for m in usable if m.start >= candidate.end and m.start - candidate.end <= 40]
        if after:
            return Choice(after[0].entity, after[0].how)
    scored = sorted(usable, key=lambda m: _score(m, candidate, wanted, clause, text), reverse=True)
    if scored and (not wanted or scored[0].kind in wanted):
        return Choice(scored[0].entity, scored[0].how)
    in_clause = [m for m in scored if clause[0] <= m.start < clause[1] and m.kind not in ("place", "country")]
    if in_clause:
        return Choice(in_clause[0].entity, in_clause[0].how)
    if earlier:
        return Choice(earlier[-1].entity, "earlier sentence")
    if scored:
        return Choice(scored[0].entity, scored[0].how)
    return None


def _score(mention: Mention, candidate: Candidate, wanted: tuple[str, ...], clause: tuple[int, int],
           text: str) -> float:
    score = 0.0
    if wanted and mention.kind in wanted:
        score += 4 + (len(wanted) - wanted.index(mention.kind)) * 0.1
    if clause[0] <= mention.start < clause[1]:
        score += 1.5
    if 0 <= clause[0] - mention.end <= 3 and mention.end <= candidate.start:
        score += 2   # "General Assimi Goïta, who came to power in a 2021 coup": the clause is about him
    if candidate.value_type == "quantity" and mention.start >= candidate.end \
            and _ATTRIBUTIVE_GAP.match(text[candidate.end:mention.start]):
        score += 2.5  # "a 200 MW solar power plant": the quantity qualifies the noun after it
    if mention.end <= candidate.start:
        score += 1
        distance = candidate.start - mention.end
    else:
        distance = max(0, mention.start - candidate.end) + 40
    score += {"name": 0.6, "near-spelling": 0.6, "proposed": 0.4, "descriptor": 0.5, "reference": 0.5}.get(
        mention.how, 0)
    return score - distance / 400


def _inside(mention: Mention, span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] <= mention.start and mention.end <= span[1]
