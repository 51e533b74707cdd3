"""Findings: frozen values that explain themselves, with a fingerprint that survives edits.

A finding names its rule and kind, says what is wrong in a sentence, and carries
every claim involved with its file, line, source, publication date and quote,
so that a fact-checker can act on it without opening the data. Its fingerprint
hashes only what identifies the problem (rule, subject, predicate, claim ids),
never positions or file names, so reformatting, reordering or moving claims to
another file keeps it, and baselines keep matching.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from operator import attrgetter

from .model.claims import Claim, source_label

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class ClaimRef:
    """A claim as a finding shows it."""

    id: str
    source: str
    file: str
    line: int
    column: int
    quote: str | None
    value: str | None
    published: str | None
    outlet: str | None
    title: str | None
    author: str | None
    said_by: str | None
    modality: str
    holds: str | None

    @classmethod
    def of(cls, claim: Claim, registry) -> ClaimRef:
        """A claim as a reader wants it: the speaker and any event by name, dates at their precision."""
        def name(entity_id: str) -> str:
            entity = registry.entities.get(entity_id)
            return entity.name if entity else entity_id

        speaker_name = name(claim.said_by) if claim.said_by else claim.said_by_anonymous
        holds = (f"at {name(claim.holds_event)}" if claim.holds_event
                 else claim.holds.display() if claim.holds is not None else None)
        source = claim.source
        return cls(id=claim.id, source=source.id, file=claim.file, line=claim.line, column=claim.column,
                   quote=claim.quote, value=claim.value.display() if claim.value is not None else None,
                   published=source.published_text(), outlet=source.outlet, title=source.title,
                   author=source.author, said_by=speaker_name, modality=claim.modality, holds=holds)

    @property
    def source_name(self) -> str:
        """What a reader knows the article by: its outlet, else its title, else its id."""
        return source_label(self.outlet, self.title, self.source)

    def as_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "file": self.file, "line": self.line,
                "column": self.column, "quote": self.quote, "value": self.value, "published": self.published,
                "outlet": self.outlet, "title": self.title, "author": self.author, "said_by": self.said_by,
                "modality": self.modality, "holds": self.holds}


@dataclass(frozen=True)
class Finding:
    rule: str
    kind: str
    severity: str
    certainty: str                 # "definite" or "possible"
    message: str
    subject: str | None
    subject_name: str | None
    predicate: str | None
    claims: tuple[ClaimRef, ...]
    reason: str                    # why the claims disagree or lack support, in a sentence or two
    fingerprint: str = field(default="")

    @property
    def primary(self) -> ClaimRef | None:
        return self.claims[0] if self.claims else None

    def sort_key(self) -> tuple:
        """By file, then rule and fingerprint: stable when claims move within a file."""
        return (self.primary_file(), self.rule, self.subject or "", self.predicate or "", self.fingerprint)

    def primary_file(self) -> str:
        """The file of its first claim; a finding read back from a state knows it without its claims."""
        first = self.__dict__.get(_FIRST_FILE)
        return first if first is not None else self.claims[0].file if self.claims else ""

    def __reduce_ex__(self, protocol: int):
        """A finding that keeps its text in the JSON report (`json_report.keep_texts`, for a state) pickles as
        that text and its other fields: its claims are read back from the text only when asked for (a
        re-check that writes JSON never asks), and the state is smaller and faster to read."""
        parts = _kept_parts(self)
        if parts is None:
            return super().__reduce_ex__(protocol)
        return (_kept, (type(self), *parts))

    def __getattr__(self, name: str):
        """Only asked when `name` is not in the instance: the claims of a finding `_kept` made."""
        text = self.__dict__.get(TEXT_KEPT) if name == "claims" else None
        if text is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        claims = tuple(ClaimRef(**claim) for claim in json.loads(text)["claims"])
        object.__setattr__(self, "claims", claims)
        return claims

    def as_dict(self) -> dict:
        return {"rule": self.rule, "kind": self.kind, "severity": self.severity, "certainty": self.certainty,
                "message": self.message, "reason": self.reason, "subject": self.subject,
                "subject_name": self.subject_name, "predicate": self.predicate, "fingerprint": self.fingerprint,
                "claims": [claim.as_dict() for claim in self.claims]}


TEXT_KEPT = "_json"         # the attribute holding a finding's text in the JSON report, once kept
_FIRST_FILE = "_first_file"   # the file of its first claim, on a finding `_kept` made
_FIELDS_BUT_CLAIMS = tuple(field.name for field in fields(Finding) if field.name != "claims")
_BUT_CLAIMS = attrgetter(*_FIELDS_BUT_CLAIMS)   # a finding's fields but its claims, as a tuple, in that order


def _kept_parts(finding: Finding) -> tuple | None:
    """What `_kept` reads a finding back from besides its class; None for a finding that keeps no text."""
    text = finding.__dict__.get(TEXT_KEPT)
    return None if text is None else (_BUT_CLAIMS(finding), finding.primary_file(), text)


def _kept(cls: type, fields_but_claims: tuple, first_file: str, text: str) -> Finding:
    """A finding read back from its text in the JSON report: its claims are decoded when first asked for."""
    finding = object.__new__(cls)
    values = dict(zip(_FIELDS_BUT_CLAIMS, fields_but_claims))
    values[_FIRST_FILE] = first_file
    values[TEXT_KEPT] = text
    object.__setattr__(finding, "__dict__", values)
    return finding


def packed(pairs: list[tuple[str, Finding]]) -> list[tuple]:
    """(scope, finding) pairs as plain rows for a state: `(scope, fields but claims, first file, text)` for a
    finding that keeps its text, `(scope, finding)` for one that does not. Pickled one by one, each finding
    names `_kept` and its class, which unpickling looks up again each time: read back as rows, 100k claims'
    findings take 136 M instructions instead of 219 M."""
    rows = []
    for scope, finding in pairs:
        parts = _kept_parts(finding) if type(finding) is Finding else None
        rows.append((scope, *parts) if parts is not None else (scope, finding))
    return rows


def unpacked(rows: list[tuple]) -> list[tuple[str, Finding]]:
    """The (scope, finding) pairs `packed` made rows of."""
    return [(row[0], _kept(Finding, row[1], row[2], row[3])) if len(row) == 4 else row for row in rows]


def fingerprint(rule: str, subject: str | None, predicate: str | None, claim_ids: list[str],
                extra: str = "") -> str:
    """Stable across reformatting, reordering and moving: ids only, sorted."""
    payload = json.dumps([rule, subject, predicate, sorted(set(claim_ids)), extra], ensure_ascii=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def at_or_above(findings: list[Finding], severity: str) -> list[Finding]:
    limit = SEVERITY_ORDER[severity]
    return [finding for finding in findings if SEVERITY_ORDER[finding.severity] <= limit]
