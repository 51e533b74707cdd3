"""One claims file: its source and its claims, read into typed `Claim`s with positions.

Every mistake in the file is collected (shape, unknown entity or predicate, a value
that does not fit, a bad date) so the user sees them all in one run. A claim with
a mistake is left out of the result; the others are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from . import dates
from .model.claims import FORWARD_LOOKING, Anonymous, Claim, ClaimInput, Source, SourceInput
from .model.compact import assemble, compacted, shared, shared_fields_set
from .model.registry import Entity, Predicate
from .model.values import DateValue
from .paths import PathError, resolve_inside
from .problems import InputError, Problem
from .pydantic_problems import problems_from
from .registry import Registry, did_you_mean
from .text import fold
from .value_reading import ReadingContext, ValueProblem, read_date, read_published, read_value
from .yamlfile import Document, limit

_CLAIMS = TypeAdapter(list[ClaimInput])
_TOP_KEYS = ("source", "claims", "proposed_entities")
_WHAT = {"list": "a list", "str": "text", "int": "a number", "float": "a number", "bool": "true or false",
         "date": "a date", "datetime": "a date"}


@dataclass
class ClaimsFile:
    source: Source | None
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Vocabulary:
    registry: Registry
    predicates: dict[str, Predicate]
    ton: str = "metric"
    root: Path | None = None   # the project root: paths that claims name must lie inside it (None: not checked)


def read_claims_file(document: Document, vocabulary: Vocabulary, *,
                     default_source_id: str | None = None) -> ClaimsFile:
    """Read one claims file; its source id defaults to the file name without `.yaml`."""
    data = document.data
    if not isinstance(data, dict):
        found = "an empty file" if data is None else _WHAT.get(type(data).__name__, type(data).__name__)
        return ClaimsFile(None, problems=[document.problem((), f"expected a mapping with 'source:' and "
                                                                  f"'claims:', found {found}")])
    result = ClaimsFile(None)
    for key in data:
        if key not in _TOP_KEYS:
            result.problems.append(document.problem((key,), f"unknown key {key!r}", key=True,
                                                    hint="a claims file has 'source:' and 'claims:'"))
    result.source = _read_source(document, data.get("source"), result.problems,
                                 default_source_id or Path(document.file).stem, root=vocabulary.root)
    raw_claims = data.get("claims") or []
    if not isinstance(raw_claims, list):
        result.problems.append(document.problem(("claims",), "'claims' must be a list of claims"))
        return result
    if _too_many(document, len(raw_claims), result.problems):
        return result
    drafts = _with_proposals(document, data.get("proposed_entities"), vocabulary, result.problems)
    contexts: dict[tuple[int, bool], ReadingContext] = {}   # the file's claims share a few reading contexts
    for index, claim_input, keep in _validated_claims(document, raw_claims, result.problems):
        claim = _resolve(document, index, claim_input, result.source, drafts if claim_input.draft else vocabulary,
                         result.problems, contexts)
        if claim is not None and keep:
            result.claims.append(claim)
    return result


def _with_proposals(document: Document, raw, vocabulary: Vocabulary, problems: list[Problem]) -> Vocabulary:
    """The vocabulary that draft claims are read with: the registry plus this file's `proposed_entities`.

    Proposed entities are validated like registry entries; they are visible to the draft claims of
    their own file only, never to reviewed claims, so accepting a draft means registering them.
    """
    if raw is None:
        return vocabulary
    if not isinstance(raw, dict):
        problems.append(document.problem(("proposed_entities",), "'proposed_entities' must map ids to entities"))
        return vocabulary
    registry = vocabulary.registry
    entities, spellings = dict(registry.entities), dict(registry.by_spelling)
    for entity_id, body in raw.items():
        path = ("proposed_entities", entity_id)
        if not isinstance(body, dict):
            problems.append(document.problem(path, "expected a mapping with 'name:' and 'kind:'"))
            continue
        try:
            entity = Entity.model_validate({"id": entity_id, **body})
        except ValidationError as exc:
            problems.extend(problems_from(exc, document, path, Entity))
            continue
        if entity.id in registry.entities:
            problems.append(document.problem(path, f"{entity.id!r} is already in the registry",
                                             hint="use the registered entity, or give the proposal another id"))
            continue
        entities[entity.id] = entity
        for spelling in (entity.id, *entity.spellings()):
            spellings.setdefault(fold(spelling), entity.id)
    return Vocabulary(registry=Registry(entities=entities, by_spelling=spellings), predicates=vocabulary.predicates,
                      ton=vocabulary.ton, root=vocabulary.root)


def _too_many(document: Document, count: int, problems: list[Problem]) -> bool:
    """More claims than one file may hold (FACTCHECK_MAX_CLAIMS_PER_FILE): refused before any is read."""
    try:
        most = limit("MAX_CLAIMS_PER_FILE")
    except InputError as exc:   # a bad setting in the environment
        problems.extend(exc.problems)
        return True
    if count <= most:
        return False
    problems.append(document.problem(("claims",), f"{count:,} claims in one file; the limit is {most:,}",
                                     hint="one file per article: split it, or raise FACTCHECK_MAX_CLAIMS_PER_FILE"))
    return True


def _read_source(document: Document, raw, problems: list[Problem], default_id: str, *,
                 root: Path | None = None) -> Source | None:
    if raw is None:
        problems.append(document.problem((), "missing key 'source'",
                                         hint="say which article the claims come from: title, outlet, published"))
        return None
    if not isinstance(raw, dict):
        problems.append(document.problem(("source",), "'source' must be a mapping"))
        return None
    try:
        given = SourceInput.model_validate(raw)
    except ValidationError as exc:
        problems.extend(problems_from(exc, document, ("source",), SourceInput))
        return None
    try:
        published = read_published(given.published)
    except ValueProblem as exc:
        problems.append(document.problem(("source", "published"), str(exc), hint=exc.hint))
        published = None
    if root is not None and given.archive is not None:
        _check_path(document, ("source", "archive"), given.archive, root, problems)
    return compacted(Source(id=given.id or default_id, file=document.file, title=given.title, outlet=given.outlet,
                            author=given.author, published=shared(published) if published else None,
                            url=given.url, archive=given.archive))


def _validated_claims(document: Document, raw_claims: list, problems: list[Problem]):
    """(index, claim, keep) for each claim whose shape is valid, or becomes so without its unknown keys.

    A claim with unknown keys is still resolved, so that its other mistakes are reported in
    the same run, but it is not kept.
    """
    try:  # the fast path: one call for the whole list
        return [(index, claim, True) for index, claim in enumerate(_CLAIMS.validate_python(raw_claims))]
    except ValidationError:
        pass
    valid = []
    for index, raw in enumerate(raw_claims):
        if not isinstance(raw, dict):
            problems.append(document.problem(("claims", index), "each claim must be a mapping"))
            continue
        try:
            valid.append((index, ClaimInput.model_validate(raw), True))
        except ValidationError as exc:
            problems.extend(problems_from(exc, document, ("claims", index), ClaimInput))
            known = {key: value for key, value in raw.items() if key in ClaimInput.model_fields}
            try:
                valid.append((index, ClaimInput.model_validate(known), False))
            except ValidationError:
                continue
    return valid


def _resolve(document: Document, index: int, given: ClaimInput, source: Source | None,
             vocabulary: Vocabulary, problems: list[Problem], contexts: dict) -> Claim | None:
    path = ("claims", index)
    before = len(problems)

    def fail(key: str | tuple, message: str, hint: str | None = None) -> None:
        keys = key if isinstance(key, tuple) else (key,)
        problems.append(document.problem(path + keys, message, hint=hint))

    subject = vocabulary.registry.resolve(given.subject)
    if subject is None:
        fail("subject", f"unknown entity {given.subject!r}",
             did_you_mean(vocabulary.registry, given.subject) or "add it to the entity registry")
    predicate = vocabulary.predicates.get(given.predicate)
    if predicate is None:
        fail("predicate", f"unknown predicate {given.predicate!r}", _predicate_hint(vocabulary, given.predicate))
    elif subject is not None and predicate.subject_kinds and subject.kind not in predicate.subject_kinds:
        fail("subject", f"{subject.id!r} is a {subject.kind}; {predicate.id!r} is said of "
                        f"{' or '.join(predicate.subject_kinds)}")
    future = given.modality in FORWARD_LOOKING
    context = contexts.get((id(vocabulary), future))
    if context is None:
        anchor = source.published.span if source and source.published else None
        context = contexts[id(vocabulary), future] = ReadingContext(registry=vocabulary.registry, ton=vocabulary.ton,
                                                                    anchor=anchor, future=future)
    value = None
    if predicate is not None:
        if given.value is None:
            if given.modality != "not-disclosed":
                fail("value", "missing key 'value'",
                     "only a 'not-disclosed' claim may leave its value out")
        else:
            try:
                value = read_value(given.value, predicate, context)
            except ValueProblem as exc:
                fail(("value", exc.key) if exc.key else "value", str(exc), exc.hint)
    said_by, anonymous = _speaker(given, vocabulary, fail)
    holds, holds_event = _holds(given, source, context, vocabulary, fail)
    for number, evidence in enumerate(given.evidence):
        if vocabulary.root is not None and evidence.path is not None:
            _check_path(document, path + ("evidence", number, "path"), evidence.path, vocabulary.root, problems)
    if len(problems) > before or source is None or subject is None or predicate is None:
        return None
    line, column = document.where(path)
    return _assembled(id=given.id, source=source, file=document.file, line=line, column=column, subject=subject.id,
                      predicate=predicate.id, value=value, modality=given.modality, said_by=said_by,
                      said_by_anonymous=anonymous, quote=given.quote, holds=holds, holds_event=holds_event,
                      evidence=given.evidence, names=given.names, note=given.note, draft=given.draft)


_CLAIM_FIELDS = tuple(Claim.model_fields)
_EVERY_CLAIM_FIELD = shared_fields_set(Claim, _CLAIM_FIELDS)   # never changed: pydantic copies it before changing it


def _assembled(**values) -> Claim:
    """A `Claim` of parts that were each validated as they were read (`ClaimInput`, the registry, the
    value readers): validating them again as a whole would cost five times as much as assembling them.
    Every field is given (`assemble` puts them in field order), so the result equals `Claim(**values)`."""
    return assemble(Claim, values, _EVERY_CLAIM_FIELD)


def _check_path(document: Document, where: tuple, given: str, root: Path, problems: list[Problem]) -> None:
    """A path named in the file must be a file inside the project (see `paths.py`)."""
    try:
        resolve_inside(root, given)
    except PathError as exc:
        problems.append(document.problem(where, str(exc), hint=exc.hint))


def _speaker(given: ClaimInput, vocabulary: Vocabulary, fail):
    if isinstance(given.said_by, Anonymous):
        return None, given.said_by.anonymous
    if given.said_by is None:
        return None, None
    entity = vocabulary.registry.resolve(given.said_by)
    if entity is None:
        fail("said_by", f"unknown entity {given.said_by!r}",
             did_you_mean(vocabulary.registry, given.said_by) or
             "add the speaker to the registry, or write said_by: {anonymous: 'a senior official'}")
        return None, None
    return entity.id, None


def _holds(given: ClaimInput, source: Source | None, context: ReadingContext, vocabulary: Vocabulary, fail):
    """When the claim is true: as given, at an event, or else on the day it was published."""
    raw = given.holds
    if raw is None:
        return (source.published if source else None), None
    if isinstance(raw, dict) and set(raw) == {"event"}:
        event = vocabulary.registry.resolve(str(raw["event"]))
        if event is None or event.kind != "event":
            fail(("holds", "event"), f"{raw['event']!r} is not a registered event",
                 "register the event with kind: event")
            return None, None
        return None, event.id
    if isinstance(raw, dict) and "from" in raw and "to" in raw and set(raw) <= {"from", "to", "inferred"}:
        try:
            start, _ = dates.parse_absolute(raw["from"])
            end, precision = dates.parse_absolute(raw["to"])
        except dates.DateError as exc:
            fail("holds", str(exc))
            return None, None
        if end.end < start.start:
            fail("holds", "the interval ends before it starts")
            return None, None
        return DateValue(start=start.start, end=end.end, precision="day", inferred=raw.get("inferred")), None
    try:
        return read_date(raw, context), None
    except ValueProblem as exc:
        fail(("holds", exc.key) if exc.key else "holds", str(exc),
             exc.hint or "write a date, {from: ..., to: ...}, or {event: an-event-id}")
        return None, None


def _predicate_hint(vocabulary: Vocabulary, name: str) -> str:
    from rapidfuzz import process

    near = process.extract(name, list(vocabulary.predicates), limit=3, score_cutoff=60)
    if near:
        return "did you mean " + ", ".join(repr(n) for n, _, _ in near) + "?"
    return "add it to the predicate vocabulary"
