"""What the report formats share: severity order and labels, counts, and claims described in words.

Every piece of text that comes from a claims file (quotes, titles, outlets,
speakers, values) goes through `plain` first, which removes control and bidi
characters; each format then escapes it for its own syntax.
"""
from __future__ import annotations

from collections import Counter

from ..findings import ClaimRef, Finding
from ..text import printable

SEVERITIES = ("error", "warning", "info")
LABELS = {"error": "Errors", "warning": "Warnings", "info": "Info"}


def plain(text: object) -> str:
    """Claim text made safe to embed: no control or bidi characters, one line."""
    return printable(str(text)) if text is not None else ""


def severity_counts(report) -> dict[str, int]:
    counts = Counter(finding.severity for finding in report.findings)
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}


def rules_by_id(report) -> list:
    """The report's rules in a stable order: by id."""
    return sorted(report.rules, key=lambda rule: rule.id)


def source_label(claim: ClaimRef) -> str:
    """`Sahel Ledger, 2025-06-17`: the outlet (or source id) and the date, or `undated`."""
    return f"{plain(claim.source_name)}, {plain(claim.published) or 'undated'}"


def describe_claim(claim: ClaimRef, *, quote: bool = True) -> str:
    """One claim in a line: id, value, modality, source, speaker and quote, then file:line."""
    parts = [plain(claim.id)]
    if claim.value:
        parts.append(f"= {plain(claim.value)}")
    if claim.modality != "asserted":
        parts.append(f"({claim.modality})")
    parts.append(f"[{source_label(claim)}]")
    if claim.said_by:
        parts.append(f"said by {plain(claim.said_by)}")
    if quote and claim.quote:
        parts.append(f"\u201c{plain(claim.quote)}\u201d")
    parts.append(f"({claim.file}:{claim.line})")
    return " ".join(parts)


def summary_line(report) -> str:
    counts = severity_counts(report)
    found = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITIES
                      if counts[s])
    return (f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}"
            f"{' (' + found + ')' if found else ''} from {len(report.rules)} rules over {report.claims} claims "
            f"in {report.sources} sources, as of {report.as_of.isoformat()}")


def finding_title(finding: Finding) -> str:
    return f"[{finding.rule}] {plain(finding.message)}"
