"""json: the versioned machine-readable report, a public contract (see the README).

Keys are sorted and findings come in the engine's stable order, so two runs on
the same corpus give byte-identical output. A change of shape bumps `version`.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import fields
from json.encoder import encode_basestring
from operator import attrgetter

from ..findings import ClaimRef, Finding

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
    return dumps(as_data(report)) + "\n"


class _Findings(tuple):
    """Findings that `dumps` writes as their dicts (`Finding.as_dict`) without making them."""


def dumps(value) -> str:
    """`json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`, byte for byte, several times
    faster: with an indent, the standard library falls back to its pure-Python encoder."""
    parts: list[str] = []
    _write(value, "\n", parts)
    return "".join(parts)


_SCALARS = {type(None): lambda value: "null", bool: lambda value: "true" if value else "false",
            int: int.__repr__, str: encode_basestring}


def _write(value, newline: str, parts: list[str]) -> None:
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


_FINDINGS_AT_ONCE = 1_000   # encoded by one call: all of them in one, the writer held 4 times the report, now 2


def _write_findings(findings, newline: str, parts: list[str]) -> None:
    """The list of findings as `_write` writes their dicts (`Finding.as_dict`), a thousand at a time."""
    if not findings:
        parts.append("[]")
        return
    parts.append("[" + newline + "  ")
    for start in range(0, len(findings), _FINDINGS_AT_ONCE):
        if start:
            parts.append("," + newline + "  ")
        parts.append(_findings_text(findings[start:start + _FINDINGS_AT_ONCE], newline))
    parts.append(newline + "]")


def _findings_text(findings, newline: str) -> str:
    """Findings as `_write` writes them in a list, without the brackets, several times faster: every field
    of every finding and claim is encoded by one call of the C encoder and put, by one `%`, into a text
    made of one piece per finding (one per number of claims). The C encoder escapes every control
    character, so a NUL separates what it encoded."""
    item = "," + newline + "  "
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
            parts: list[str] = []
            _write(finding.as_dict(), newline + "  ", parts)
            texts.append("".join(parts))
        return item.join(texts)
    pieces: dict[int, str] = {}   # number of claims -> a finding's text, with `%s` for each value
    for finding in findings:
        if len(finding.claims) not in pieces:
            pieces[len(finding.claims)] = _finding_text(len(finding.claims), newline + "  ")
    return item.join([pieces[len(finding.claims)] for finding in findings]) % tuple(encoded)


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
_CLAIM_FIELDS = sorted(field.name for field in fields(ClaimRef))
_CLAIM_VALUES = attrgetter(*_CLAIM_FIELDS)
