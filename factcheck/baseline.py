"""Baselines and suppressions: known findings a newsroom has reviewed, so CI fails only on new ones.

A baseline (`factcheck baseline`) records every current finding by fingerprint,
each with the reason it was accepted. `check` with a baseline reports only new
findings, counts the accepted ones, and lists baseline entries that no longer
occur as stale, so the baseline shrinks as the corpus is fixed.

Suppressions are single findings silenced in one reviewed file, each with a
required reason and an optional expiry date; once expired, the finding fires again.
Both files are YAML, read with positions like everything else a user writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .findings import Finding
from .problems import InputError, Problem
from .pydantic_problems import problems_from
from .yamlfile import read_document

BASELINE_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Accepted(_Strict):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")
    rule: str
    reason: str = Field(min_length=1)
    message: str | None = None
    claims: tuple[str, ...] = ()


class BaselineFile(_Strict):
    version: int = BASELINE_VERSION
    accepted: tuple[Accepted, ...] = ()


class Suppression(_Strict):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")
    reason: str = Field(min_length=1)
    expires: date | None = None
    rule: str | None = None
    note: str | None = None


class SuppressionsFile(_Strict):
    suppressions: tuple[Suppression, ...] = ()


@dataclass(frozen=True)
class Filtered:
    """What is left to report once the baseline and suppressions have taken their part."""

    findings: tuple[Finding, ...]
    accepted: tuple[Finding, ...] = ()
    suppressed: tuple[Finding, ...] = ()
    stale: tuple[Accepted, ...] = ()
    expired: tuple[Suppression, ...] = field(default=())


def read_baseline(path: Path, display: str) -> BaselineFile:
    return _read(path, display, BaselineFile)


def read_suppressions(path: Path, display: str) -> SuppressionsFile:
    return _read(path, display, SuppressionsFile)


def _read(path: Path, display: str, model: type[BaseModel]):
    problems: list[Problem] = []
    document = read_document(path, display, problems)
    if document is None or problems:
        raise InputError(problems)
    if document.data is None:
        return model()
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, document, (), model)) from None


def apply(findings: tuple[Finding, ...], *, baseline: BaselineFile | None, suppressions: SuppressionsFile | None,
          as_of: date) -> Filtered:
    accepted_prints = {entry.fingerprint: entry for entry in baseline.accepted} if baseline else {}
    live = {s.fingerprint: s for s in suppressions.suppressions if s.expires is None or s.expires >= as_of} \
        if suppressions else {}
    expired = tuple(s for s in suppressions.suppressions if s.expires is not None and s.expires < as_of) \
        if suppressions else ()
    kept, accepted, suppressed = [], [], []
    for finding in findings:
        if finding.fingerprint in live:
            suppressed.append(finding)
        elif finding.fingerprint in accepted_prints:
            accepted.append(finding)
        else:
            kept.append(finding)
    present = {finding.fingerprint for finding in findings}
    stale = tuple(entry for entry in accepted_prints.values() if entry.fingerprint not in present)
    return Filtered(findings=tuple(kept), accepted=tuple(accepted), suppressed=tuple(suppressed), stale=stale,
                    expired=expired)


def render_baseline(findings: tuple[Finding, ...], *, reason: str, previous: BaselineFile | None) -> str:
    """The baseline as YAML: previous reasons are kept, new findings get `reason`, gone ones are dropped."""
    import yaml

    reasons = {entry.fingerprint: entry.reason for entry in previous.accepted} if previous else {}
    entries = [{"fingerprint": f.fingerprint, "rule": f.rule, "reason": reasons.get(f.fingerprint, reason),
                "message": f.message, "claims": [c.id for c in f.claims]}
               for f in sorted(findings, key=lambda f: (f.rule, f.fingerprint))]
    header = ("# factcheck baseline: reviewed findings that do not fail `factcheck check`.\n"
              "# Each entry needs a reason; remove an entry to make its finding fail again.\n")
    return header + yaml.safe_dump({"version": BASELINE_VERSION, "accepted": entries}, sort_keys=False,
                                   allow_unicode=True, width=100)
