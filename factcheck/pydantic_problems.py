"""Turning pydantic's validation errors into positioned problems a journalist can act on."""
from __future__ import annotations

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yamlfile import Document

_MESSAGES = {
    "missing": "missing key {key!r}",
    "extra_forbidden": "unknown key {key!r}",
    "string_type": "expected text, found {found}",
    "bool_type": "expected true or false, found {found}",
    "int_type": "expected a whole number, found {found}",
    "literal_error": "{msg}",
}


def problems_from(error: ValidationError, document: Document, base: tuple,
                  model: type[BaseModel] | None = None) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not _is_union_branch(part))
        kind = item["type"]
        key = loc[-1] if loc else None
        found = _describe(item.get("input"))
        message = _MESSAGES.get(kind, "{msg}").format(key=key, found=found, msg=item["msg"])
        if kind == "too_short":
            message = f"needs at least {item.get('ctx', {}).get('min_length', 1)} item(s), found none"
        hint = None
        if kind == "extra_forbidden":
            hint = _allowed_keys(model, loc[:-1])
            problems.append(document.problem(base + loc, message, hint=hint, key=True))
            continue
        if kind == "missing":
            problems.append(document.problem(base + loc[:-1], message))
            continue
        where = " ".join(str(p) for p in loc if isinstance(p, str))
        problems.append(document.problem(base + loc, f"{where}: {message}" if where else message))
    return problems


def _is_union_branch(part) -> bool:
    # pydantic names the union member it tried ("str", "Anonymous", "function-after[...]")
    return isinstance(part, str) and (part[:1].isupper() or part in ("str", "int", "date", "float", "bool")
                                      or "[" in part)


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"[:80]


def _allowed_keys(model: type[BaseModel] | None, loc: tuple) -> str | None:
    current = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    if current is None:
        return None
    return "expected one of: " + ", ".join(sorted(current.model_fields))


def _inner_model(annotation):
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
