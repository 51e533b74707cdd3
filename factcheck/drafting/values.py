"""Entity values of candidates: the name a detector pointed at, as a registered or proposed entity.

The mentions inside the value's words are used first (the last fitting one, so
"Russia's Yadran Group" gives Yadran Group); a country adjective gives its country
("Russian-backed"); a role ("Energy Minister", "the group's head") is matched
against registered offices by its words and, when several fit, by whom the person
represents ("President" for Vladimir Putin is President of Russia). A capitalised
name nobody registered is proposed; lower-case words are not a name, and the
candidate becomes text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import fold
from . import words
from .candidates import Candidate
from .entities import EntityMatcher, Mention
from .sentences import Sentence

_ROLE_STOP = frozenset("the a an s of at for in to and its".split())


@dataclass(frozen=True)
class EntityValue:
    entity: str
    kind: str
    how: str        # name, near-spelling, descriptor, reference, proposed, role, demonym
    note: str = ""


def entity_value(candidate: Candidate, sentence: Sentence, mentions: list[Mention], matcher: EntityMatcher, *,
                 person: str | None, allowed_kinds: tuple[str, ...]) -> EntityValue | None:
    start, end = candidate.value_at or (candidate.start, candidate.end)
    spelled = matcher.text[start:end].strip()
    if set(candidate.value_kinds) & {"office", "title"}:
        return role_value(matcher, str(candidate.value), person, candidate.value_kinds, sentence)
    country = words.DEMONYMS.get(spelled.lower())
    if country:
        entity = matcher.registry.resolve(country)
        if entity is not None:
            return EntityValue(entity.id, entity.kind, "demonym", f"'{spelled}' read as {entity.name}")
        proposal = matcher.name_mention(start, end, country, kind="country", sentence=sentence)
        return EntityValue(proposal.entity, proposal.kind, "proposed", f"'{spelled}' read as {country}")
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.kind not in ("title", "office")]
    fitting = [m for m in inside if not allowed_kinds or m.kind in allowed_kinds]
    chosen = (fitting or inside)[-1] if (fitting or inside) else None
    if chosen is not None:
        return EntityValue(chosen.entity, chosen.kind, chosen.how)
    name = re.sub(r"^(?:the|a|an)\s+", "", spelled)
    name = re.sub(r"['\u2019]s$", "", name).strip(" ,")
    if not name or not name[:1].isupper() or fold(name) in words.NOT_NAMES:
        return None
    name_start = matcher.text.find(name, start)
    kind = next(iter(allowed_kinds or candidate.value_kinds), None)
    mention = matcher.name_mention(name_start, name_start + len(name), name, kind=kind, sentence=sentence)
    return EntityValue(mention.entity, mention.kind, mention.how) if mention else None


def role_value(matcher: EntityMatcher, role: str, person: str | None, kinds: tuple[str, ...],
               sentence: Sentence) -> EntityValue | None:
    """An office or title by its words: a registered spelling, else the office whose words contain them."""
    registry = matcher.registry
    cleaned = re.sub(r"^(?:the|a|an)\s+", "", role.strip(), flags=re.IGNORECASE)
    rank = words.MILITARY_RANKS.get(cleaned.lower().rstrip("."))
    for spelling in (cleaned, rank):
        entity = registry.resolve(spelling) if spelling else None
        if entity is not None and entity.kind in kinds:
            return EntityValue(entity.id, entity.kind, "role")
    wanted = {word for word in fold(cleaned).split() if word not in _ROLE_STOP}
    fits = []
    for entity in registry.entities.values():
        if entity.kind not in kinds or not wanted:
            continue
        for spelling in entity.spellings():
            if wanted <= {word for word in fold(spelling).split() if word not in _ROLE_STOP}:
                fits.append(entity)
                break
    if fits:
        chosen, note = _by_affiliation(fits, person, matcher)
        return EntityValue(chosen.id, chosen.kind, "role", note)
    kind = "title" if rank else kinds[0]
    name = rank or cleaned
    position = matcher.text.find(role, sentence.start, sentence.end)
    mention = matcher.name_mention(max(position, 0), max(position, 0) + len(role), name, kind=kind, sentence=sentence)
    return EntityValue(mention.entity, mention.kind, mention.how) if mention else None


def _by_affiliation(fits, person: str | None, matcher: EntityMatcher):
    if len(fits) == 1:
        return fits[0], ""
    registry = matcher.registry
    affiliated = set()
    if person and person in registry.entities:
        for other in registry.affiliations(person) - {person}:
            affiliated |= set(fold(registry.entities[other].name).split()) - _ROLE_STOP
            affiliated |= {word for alias in registry.entities[other].aliases for word in fold(alias).split()}
    ranked = sorted(fits, key=lambda e: (-len(set(fold(" ".join(e.spellings())).split()) & affiliated),
                                         len(e.name)))
    others = ", ".join(e.id for e in ranked[1:4])
    return ranked[0], f"the role also fits {others}"
