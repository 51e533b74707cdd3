"""Rule files: a built-in check kind, a selector, parameters, a message, and examples.

One rule per file; its id is the file name without `.yaml` (like Vale). Unknown
keys, unknown kinds, unknown parameters, unknown predicates in a selector and
unknown placeholders in a message are errors with a file, line and column.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .kinds import KINDS
from .model.claims import MODALITIES, Claim, Modality
from .model.registry import EntityKind, Predicate
from .problems import Problem
from .pydantic_problems import problems_from
from .registry import Registry
from .yamlfile import Document, read_document

COMMON_FIELDS = ("subject", "predicate", "reason", "claims", "sources", "rule")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Selector(_Strict):
    """Which claims a rule looks at; every key given must match (an empty selector takes all)."""

    predicates: tuple[str, ...] = ()
    predicate_types: tuple[Literal["quantity", "date", "entity", "rank", "count", "boolean", "text"], ...] = ()
    subject_kinds: tuple[EntityKind, ...] = ()
    modalities: tuple[Modality, ...] = ()
    sources: tuple[str, ...] = ()
    functional: bool | None = None
    time_varying: bool | None = None


class Example(_Strict):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    as_of: object = None
    articles: tuple[dict, ...] = Field(min_length=1)
    findings: tuple[tuple[str, ...], ...] | None = None   # the exact claim sets expected, if given


class Examples(_Strict):
    entities: dict[str, dict] = {}
    predicates: dict[str, dict] = {}
    fire: tuple[Example, ...] = Field(min_length=1)
    pass_: tuple[Example, ...] = Field(min_length=1, alias="pass")


class RuleInput(_Strict):
    kind: str
    description: str = Field(min_length=1)
    severity: Literal["error", "warning", "info"] = "warning"
    message: str = Field(min_length=1)
    select: Selector = Selector()
    params: dict = {}
    help: str | None = None
    link: str | None = None
    examples: Examples


@dataclass(frozen=True)
class Rule:
    id: str
    file: str
    line: int
    kind: str
    description: str
    severity: str
    message: str
    select: Selector
    params: BaseModel
    examples: Examples
    help: str | None
    link: str | None
    document: Document

    def selects(self, claim: Claim, predicates: dict[str, Predicate], registry: Registry) -> bool:
        select = self.select
        if select.modalities and claim.modality not in select.modalities:
            return False
        if select.sources and claim.source.id not in select.sources:
            return False
        if not self.selects_predicate(predicates.get(claim.predicate)):
            return False
        if select.subject_kinds:
            entity = registry.entities.get(claim.subject)
            if entity is None or entity.kind not in select.subject_kinds:
                return False
        return True

    def selects_predicate(self, predicate: Predicate | None) -> bool:
        """What the selector asks of a claim's predicate (its type, whether it is functional, time-varying)."""
        select = self.select
        if predicate is None:
            return False
        if select.predicate_types and predicate.type not in select.predicate_types:
            return False
        if select.functional is not None and predicate.functional != select.functional:
            return False
        if select.time_varying is not None and predicate.time_varying != select.time_varying:
            return False
        return True


def rule_files(rules_dir: Path, skip: set[Path]) -> list[Path]:
    """The YAML files in a folder, but dot files and those in `skip` (resolved paths)."""
    if not rules_dir.is_dir():
        return []
    return sorted(p for p in rules_dir.glob("*.y*ml") if p.suffix in (".yaml", ".yml")
                  and p.resolve() not in skip and not p.name.startswith("."))


def project_rule_files(settings) -> list[Path]:
    """The project's rule files: every YAML file in its rules folder but the predicate vocabulary."""
    return rule_files(settings.rules, {settings.predicates.resolve()})


def load_rules(paths: list[Path], display, predicates: dict[str, Predicate]) -> tuple[list[Rule], list[Problem]]:
    rules: list[Rule] = []
    problems: list[Problem] = []
    for path in paths:
        document = read_document(path, display(path), problems)
        if document is None:
            continue
        rule = read_rule(document, Path(path).stem, predicates, problems)
        if rule is not None:
            rules.append(rule)
    return rules, problems


def read_rule(document: Document, rule_id: str, predicates: dict[str, Predicate],
              problems: list[Problem]) -> Rule | None:
    data = document.data
    if not isinstance(data, dict):
        problems.append(document.problem((), "a rule file is a mapping with kind, description, severity, "
                                             "message, select, params and examples"))
        return None
    before = len(problems)
    try:
        given = RuleInput.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, document, (), RuleInput))
        _check_kind(document, data.get("kind"), problems)
        return None
    kind = _check_kind(document, given.kind, problems)
    if kind is None:
        return None
    try:
        params = kind.Params.model_validate(given.params)
    except ValidationError as exc:
        problems.extend(problems_from(exc, document, ("params",), kind.Params))
        return None
    _check_message(document, given.message, kind, problems)
    for index, predicate_id in enumerate(given.select.predicates):
        if predicate_id not in predicates:
            problems.append(document.problem(("select", "predicates", index), f"unknown predicate {predicate_id!r}",
                                             hint="predicates are defined in the vocabulary (predicates.yaml)"))
    for path, predicate_id in getattr(kind, "predicates_in", lambda _: ())(params):
        if predicate_id not in predicates:
            problems.append(document.problem(("params", *path), f"unknown predicate {predicate_id!r}",
                                             hint="predicates are defined in the vocabulary (predicates.yaml)"))
    if len(problems) > before:
        return None
    return Rule(id=rule_id, file=document.file, line=1, kind=given.kind, description=given.description,
                severity=given.severity, message=given.message, select=given.select, params=params,
                examples=given.examples, help=given.help, link=given.link, document=document)


def _check_kind(document: Document, kind_name, problems: list[Problem]):
    if isinstance(kind_name, str) and kind_name in KINDS:   # a list or mapping here is not hashable
        return KINDS[kind_name]
    if isinstance(kind_name, str):   # anything else is not text, which the schema check reports
        problems.append(document.problem(("kind",), f"unknown check kind {kind_name!r}",
                                         hint="one of: " + ", ".join(sorted(KINDS))))
    return None


def _check_message(document: Document, message: str, kind, problems: list[Problem]) -> None:
    allowed = set(COMMON_FIELDS) | set(kind.FIELDS)
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        problems.append(document.problem(("message",), f"the message template is malformed: {exc}",
                                         hint="write a literal brace as {{ or }}"))
        return
    for name in names:
        if name not in allowed:
            problems.append(document.problem(("message",), f"unknown placeholder {{{name}}} in the message",
                                             hint="available: " + ", ".join("{%s}" % n for n in sorted(allowed))))


def render_message(template: str, fields: dict) -> str:
    return template.format_map(fields)


__all__ = ["Rule", "Selector", "load_rules", "read_rule", "rule_files", "render_message", "MODALITIES"]
