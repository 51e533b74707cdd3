"""json: the versioned machine-readable report, a public contract (see the README).

Keys are sorted and findings come in the engine's stable order, so two runs on
the same corpus give byte-identical output. A change of shape bumps `version`.
"""
from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring

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
        "findings": [finding.as_dict() for finding in report.findings],
        "errors": [problem.as_dict() for problem in report.problems],
        "baseline": {"accepted": [finding.fingerprint for finding in report.accepted],
                     "suppressed": [finding.fingerprint for finding in report.suppressed],
                     "stale": [entry.fingerprint for entry in report.stale],
                     "expired": [entry.fingerprint for entry in report.expired]},
    }


def render(report, *, color: bool = False, root=None) -> str:
    return dumps(as_data(report)) + "\n"


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
