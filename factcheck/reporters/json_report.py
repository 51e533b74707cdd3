"""json: the versioned machine-readable report, a public contract (see the README).

Keys are sorted and findings come in the engine's stable order, so two runs on
the same corpus give byte-identical output. A change of shape bumps `version`.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import fields
from json.encoder import encode_basestring
from operator import attrgetter

from ..findings import TEXT_KEPT, ClaimRef, Finding

NAME = "json"
VERSION = 1


def as_data(report) -> dict:
    counts = Counter(finding.severity for finding in report.findings)
    return {
        "version": VERSION,
        "tool": {"name": "factcheck", "version": report.tool_version},
        "as_of": report.as_of.isoformat(),
        "summary": {"sources": report.sources, "claims": report.claims, "rules": len(report.rules),
                    "findings": len(report.findings),
                    "by_severity": {severity: counts.get(severity, 0) for severity in ("error", "warning", "info")}},
        "findings": _Findings(report.findings),
        "errors": [problem.as_dict() for problem in report.problems],
        "baseline": {"accepted": [finding.fingerprint for finding in report.accepted],
                     "suppressed": [finding.fingerprint for finding in report.suppressed],
                     "stale": [entry.fingerprint for entry in report.stale],
                     "expired": [entry.fingerprint for entry in report.expired]},
    }


def render(report, *, color: bool = False, root=None) -> str:
    return "".join(render_pieces(report))


def render_pieces(report, *, color: bool = False, root=None) -> Iterator[str]:
    """`render` in pieces, the findings a thousand at a time: a million claims' report is never whole
    in memory."""
    yield from _pieces(as_data(report))
    yield "\n"


class _Findings(tuple):
    """Findings that `dumps` writes as their dicts (`Finding.as_dict`) without making them."""


def dumps(value) -> str:
    """`json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`, byte for byte, several times
    faster: with an indent, the standard library falls back to its pure-Python encoder."""
    return "".join(_pieces(value))


def _pieces(value) -> Iterator[str]:
    parts: list = []   # texts, and the findings' texts still to make (`_findings_pieces`)
    _write(value, "\n", parts)
    for part in parts:
        if type(part) is str:
            yield part
        else:
            yield from part


_SCALARS = {type(None): lambda value: "null", bool: lambda value: "true" if value else "false",
            int: int.__repr__, str: encode_basestring}


def _write(value, newline: str, parts: list) -> None:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        parts.append(scalar(value))
    elif type(value) is _Findings:
        _write_findings(value, newline, parts)
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key in sorted(value):
            if type(key) is not str:
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            item = value[key]
            scalar = _SCALARS.get(type(item))
            if scalar is not None:   # most values: written here rather than in a call of their own
                parts.append(separator + encode_basestring(key) + ": " + scalar(item))
            else:
                parts.append(separator + encode_basestring(key) + ": ")
                _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                parts.append(separator + scalar(item))
            else:
                parts.append(separator)
                _write(item, inner, parts)
            separator = "," + inner
        parts.append(newline + "]")
    elif isinstance(value, (int, float)):   # floats, and subclasses of int and str as json writes them
        parts.append(json.dumps(value))
    elif isinstance(value, str):
        parts.append(encode_basestring(value))
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_FINDINGS_AT_ONCE = 1_000   # encoded by one call of the C encoder, and written as one piece
_KEPT_AT = "\n  "           # the newline of the report's list of findings: the one a kept text was made for


def keep_texts(findings) -> None:
    """Keep on each finding its text in the report, made now unless it has it: a state pickles it with the
    finding, so a re-check writes the findings it did not find again without encoding them again."""
    for start in range(0, len(findings), _FINDINGS_AT_ONCE):
        some = findings[start:start + _FINDINGS_AT_ONCE]
        for finding, text in zip(some, _texts(some, _KEPT_AT)):
            finding.__dict__[TEXT_KEPT] = text   # not a field: equality, hashing and `replace` ignore it


def _write_findings(findings, newline: str, parts: list) -> None:
    """The list of findings as `_write` writes their dicts (`Finding.as_dict`), made as it is written."""
    parts.append(_findings_pieces(findings, newline))


def _findings_pieces(findings, newline: str) -> Iterator[str]:
    if not findings:
        yield "[]"
        return
    item = "," + newline + "  "
    yield "[" + newline + "  "
    for start in range(0, len(findings), _FINDINGS_AT_ONCE):
        if start:
            yield item
        yield item.join(_texts(findings[start:start + _FINDINGS_AT_ONCE], newline))
    yield newline + "]"


def _texts(findings, newline: str) -> list[str]:
    """Each finding's text: the one it keeps (`keep_texts`), else made now."""
    if newline != _KEPT_AT:
        return _finding_texts(findings, newline)
    texts = [finding.__dict__.get(TEXT_KEPT) for finding in findings]
    missing = [finding for finding, text in zip(findings, texts) if text is None]
    if missing:
        made = iter(_finding_texts(missing, newline))
        texts = [text if text is not None else next(made) for text in texts]
    return texts


def _finding_texts(findings, newline: str) -> list[str]:
    """Findings as `_write` writes each of them in a list, several times faster: every field of every
    finding and claim is encoded by one call of the C encoder, then put, by one `%` per finding, into a
    text made once per number of claims. The C encoder escapes every control character, so a NUL
    separates what it encoded."""
    values: list = []
    for finding in findings:
        own = _FINDING_VALUES(finding)
        values += own[:_CLAIMS_AT]
        for claim in finding.claims:
            values += _CLAIM_VALUES(claim)
        values += own[_CLAIMS_AT:]
    encoded = _SEPARATED.encode(values)[1:-1].split("\0")
    if len(encoded) != len(values):   # a field held a list or a dict: write each finding's dict
        texts = []
        for finding in findings:
            parts: list = []
            _write(finding.as_dict(), newline + "  ", parts)
            texts.append("".join(parts))
        return texts
    templates: dict[int, str] = {}   # number of claims -> a finding's text, with `%s` for each value
    texts = []
    at = 0
    for finding in findings:
        claims = len(finding.claims)
        template = templates.get(claims)
        if template is None:
            template = templates[claims] = _finding_text(claims, newline + "  ")
        count = _FINDING_OWN + claims * len(_CLAIM_FIELDS)
        texts.append(template % tuple(encoded[at:at + count]))
        at += count
    return texts


def _finding_text(claims: int, newline: str) -> str:
    field, claim_item = newline + "  ", newline + "    "
    claim = _text(_CLAIM_FIELDS, claim_item + "  ")
    listed = "[" + claim_item + ("," + claim_item).join([claim] * claims) + field + "]" if claims else "[]"
    names = _text(_FINDING_FIELDS, field).split("%s")   # field names hold no "%"
    return "%s".join(names[:_CLAIMS_AT + 1]) + listed + "%s".join(names[_CLAIMS_AT + 1:])


def _text(names: list[str], inner: str) -> str:
    """A dict of these keys as `_write` writes it, with `%s` for each value."""
    return "{" + ",".join(inner + encode_basestring(name) + ": %s" for name in names) + inner[:-2] + "}"


_SEPARATED = json.JSONEncoder(ensure_ascii=False, separators=("\0", ": "))
_FINDING_FIELDS = sorted(field.name for field in fields(Finding))
_CLAIMS_AT = _FINDING_FIELDS.index("claims")
_FINDING_VALUES = attrgetter(*(name for name in _FINDING_FIELDS if name != "claims"))
_FINDING_OWN = len(_FINDING_FIELDS) - 1
_CLAIM_FIELDS = sorted(field.name for field in fields(ClaimRef))
_CLAIM_VALUES = attrgetter(*_CLAIM_FIELDS)
