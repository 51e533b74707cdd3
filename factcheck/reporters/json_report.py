"""json: the versioned machine-readable report, a public contract (see the README).

Keys are sorted and findings come in the engine's stable order, so two runs on
the same corpus give byte-identical output. A change of shape bumps `version`.
"""
from __future__ import annotations

import json
from collections import Counter

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
    return json.dumps(as_data(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
