"""Loading the entity registry and the predicate vocabulary, and looking names up in them.

Lookups fold case and accents, so "Goita" finds "Goïta" without an alias; two
entities claiming one spelling is an error, since a claim naming it would be
ambiguous. `part_of` and `represents` must not loop.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from pydantic import BaseModel, ValidationError

from .built_on_demand import OnDemand
from .model.compact import compacted, from_row, row_of
from .model.registry import Entity, Predicate
from .pydantic_problems import problems_from
from .problems import Problem
from .text import fold
from .yamlfile import Document


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    by_spelling: dict[str, str] = field(default_factory=dict)   # folded spelling -> entity id

    def resolve(self, name: str) -> Entity | None:
        """An entity by id, name or alias (folded), or None."""
        if name in self.entities:
            return self.entities[name]
        entity_id = self.by_spelling.get(fold(name))
        return self.entities.get(entity_id) if entity_id else None

    def __reduce__(self):
        """Pickled (for the cache) with each entity as bytes of its own, built again only when looked up
        (`built_on_demand`): a re-check asks for a few dozen entities of thousands."""
        entities = self.entities
        rows = entities.rows if isinstance(entities, OnDemand) else {key: row_of(entity)
                                                                    for key, entity in entities.items()}
        return _read_back, (rows, self.by_spelling)

    def closest(self, name: str, *, limit: int = 3) -> list[str]:
        """Registered spellings nearest to `name`, for a "did you mean" hint."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        choices = list(self.by_spelling)
        found = process.extract(fold(name), choices, scorer=Levenshtein.normalized_similarity,
                                limit=limit, score_cutoff=0.6)
        return list(dict.fromkeys(self.by_spelling[spelling] for spelling, _, _ in found))

    def containers(self, entity_id: str) -> set[str]:
        """What an entity is part of, transitively (not whom it represents)."""
        seen: set[str] = set()
        stack = list(self.entities[entity_id].part_of) if entity_id in self.entities else []
        while stack:
            current = stack.pop()
            if current not in seen and current in self.entities:
                seen.add(current)
                stack.extend(self.entities[current].part_of)
        return seen

    def affiliations(self, entity_id: str) -> set[str]:
        """Everything an entity belongs to or speaks for, transitively, itself included."""
        seen: set[str] = set()
        stack = [entity_id]
        while stack:
            current = stack.pop()
            if current in seen or current not in self.entities:
                continue
            seen.add(current)
            entity = self.entities[current]
            stack.extend(entity.part_of)
            stack.extend(entity.represents)
        return seen


def _read_back(rows: dict[str, bytes], by_spelling: dict[str, str]) -> Registry:
    return Registry(entities=OnDemand(rows, partial(from_row, Entity)), by_spelling=by_spelling)


def load_registry(document: Document) -> tuple[Registry, list[Problem]]:
    registry = Registry()
    problems: list[Problem] = []
    entries = _section(document, "entities", problems)
    for entity_id, body in entries.items():
        path = ("entities", entity_id)
        entity = _validated(Entity, {"id": entity_id, **body} if isinstance(body, dict) else body,
                            document, path, problems)
        if entity is None:
            continue
        registry.entities[entity.id] = entity = compacted(entity)   # a third smaller: a large registry is 0.1 GB
        _index_spellings(registry, entity, document, path, problems)
    _check_links(registry, document, problems)
    return registry, problems


def _index_spellings(registry, entity, document, path, problems) -> None:
    for index, spelling in enumerate((entity.id, *entity.spellings())):
        key = fold(spelling)
        owner = registry.by_spelling.get(key)
        if owner is not None and owner != entity.id:
            where = path + (("aliases", index - 2) if index >= 2 else ("name",) if index == 1 else ())
            problems.append(document.problem(
                where, f"the spelling {spelling!r} of {entity.id!r} is already a spelling of {owner!r}",
                hint="one spelling may name one entity; remove it from one of the two"))
            continue
        registry.by_spelling[key] = entity.id


def _check_links(registry: Registry, document: Document, problems: list[Problem]) -> None:
    for entity in registry.entities.values():
        for field_name in ("part_of", "represents"):
            for index, target in enumerate(getattr(entity, field_name)):
                if target not in registry.entities:
                    problems.append(document.problem(
                        ("entities", entity.id, field_name, index), f"unknown entity {target!r} in {field_name}",
                        hint=_did_you_mean(registry, target)))
        if _loops(registry, entity.id):
            field_name = "part_of" if entity.part_of else "represents"   # point at the link, not the entity
            problems.append(document.problem(("entities", entity.id, field_name),
                                             f"{entity.id!r} is, through part_of/represents, part of itself",
                                             hint="break the cycle"))


def _loops(registry: Registry, start: str) -> bool:
    entity = registry.entities[start]
    stack = [*entity.part_of, *entity.represents]
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current == start:
            return True
        if current in seen or current not in registry.entities:
            continue
        seen.add(current)
        stack.extend(registry.entities[current].part_of)
        stack.extend(registry.entities[current].represents)
    return False


def load_predicates(document: Document) -> tuple[dict[str, Predicate], list[Problem]]:
    problems: list[Problem] = []
    predicates: dict[str, Predicate] = {}
    for predicate_id, body in _section(document, "predicates", problems).items():
        path = ("predicates", predicate_id)
        predicate = _validated(Predicate, {"id": predicate_id, **body} if isinstance(body, dict) else body,
                               document, path, problems)
        if predicate is not None:
            predicates[predicate.id] = predicate
    for predicate in predicates.values():
        if predicate.counts and predicate.counts not in predicates:
            problems.append(document.problem(("predicates", predicate.id, "counts"),
                                             f"unknown predicate {predicate.counts!r} in counts"))
        if predicate.type == "quantity" and predicate.unit:
            from .units import UnitError, normalise
            try:
                normalise(predicate.unit)
            except UnitError as exc:
                problems.append(document.problem(("predicates", predicate.id, "unit"), str(exc)))
    return predicates, problems


def _section(document: Document, name: str, problems: list[Problem]) -> dict:
    data = document.data
    if not isinstance(data, dict) or set(data) - {name} or not isinstance(data.get(name), dict):
        problems.append(document.problem((), f"expected a mapping with one key, '{name}:', "
                                              f"whose value maps ids to {name}"))
        return {}
    return data[name]


def _validated(model: type[BaseModel], data, document: Document, path: tuple, problems: list[Problem]):
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {type(data).__name__}"
        problems.append(document.problem(path, f"expected a mapping of name, kind and the like, found {found}"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, document, path, model))
        return None


def _did_you_mean(registry: Registry, name: str) -> str | None:
    near = registry.closest(name)
    return f"did you mean {', '.join(repr(n) for n in near)}?" if near else None


did_you_mean = _did_you_mean
