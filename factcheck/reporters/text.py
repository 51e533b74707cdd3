"""text: one line per finding, `file:line:col: severity [rule] message`, then its claims.

Each claim is shown with its source, date, speaker and quote, so the reader sees
why without opening the files. Colour only on a terminal; control characters in
quotes are stripped so a pasted quote cannot drive the terminal.
"""
from __future__ import annotations

import textwrap
from collections import Counter

from ..findings import Finding
from ..text import printable

NAME = "text"
_COLOURS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1"}


def render(report, *, color: bool = False, root=None) -> str:
    paint = _painter(color)
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_finding(finding, paint))
    for finding in report.accepted:
        first = finding.primary
        lines.append(paint("dim", f"{first.file}:{first.line}:{first.column}: accepted [{finding.rule}] "
                                  f"{printable(finding.message)}"))
    for entry in report.stale:
        lines.append(f"stale baseline entry {entry.fingerprint} [{entry.rule}]: no longer found; "
                     "remove it (factcheck baseline --update)")
    for suppression in report.expired:
        lines.append(f"expired suppression {suppression.fingerprint} (expired {suppression.expires}): "
                     "its finding is reported again")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _finding(finding: Finding, paint) -> list[str]:
    first = finding.primary
    where = f"{first.file}:{first.line}:{first.column}" if first else "-"
    label = finding.severity + (" (possible)" if finding.certainty == "possible" else "")
    out = [f"{where}: {paint(finding.severity, label)} [{finding.rule}] {printable(finding.message)}"]
    out.extend("    " + line for line in textwrap.wrap(printable(finding.reason), 100))
    for claim in finding.claims:
        source = f"{claim.source_name}, {claim.published or 'undated'}"
        value = f" = {printable(claim.value)}" if claim.value else ""
        modality = f" ({claim.modality})" if claim.modality != "asserted" else ""
        holds = f" holds {claim.holds}" if claim.holds not in (None, "unknown", claim.published) else ""
        out.append(f"  - {claim.id}{value}{modality}{holds}  [{printable(source)}] {claim.file}:{claim.line}")
        if claim.said_by:
            out.append(paint("dim", f"      said by {printable(claim.said_by)}"))
        if claim.quote:
            out.append(paint("dim", f"      \u201c{printable(claim.quote)}\u201d"))
    return out


def summary(report) -> str:
    counts = Counter(finding.severity for finding in report.findings)
    if report.problems:
        return f"{len(report.problems)} problem(s) in the input; no rule was run."
    found = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info")
                      if counts[s])
    known = [f"{n} {what}" for n, what in ((len(report.accepted), "accepted by the baseline"),
                                             (len(report.suppressed), "suppressed"),
                                             (len(report.stale), "stale baseline entries")) if n]
    return (f"{len(report.findings)} finding(s){' (' + found + ')' if found else ''} "
            f"from {len(report.rules)} rules over {report.claims} claims in {report.sources} sources "
            f"(as of {report.as_of.isoformat()})" + (f"; {', '.join(known)}" if known else "") + ".")


def _painter(color: bool):
    def paint(style: str, text: str) -> str:
        if not color:
            return text
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m"
    return paint
