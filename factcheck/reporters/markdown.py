"""markdown: the report as a pull-request comment (GitHub-flavoured Markdown).

A title, a summary table, then each finding as a heading with its rule,
severity and certainty, the reason, and its claims side by side in a table.
Every piece of claim text is escaped: Markdown punctuation gets a backslash,
`<`, `>` and `&` become entities, pipes cannot end a cell, and `@` cannot
mention anyone, so a quote always renders as the words it is.
"""
from __future__ import annotations

from ..findings import Finding
from .common import LABELS, SEVERITIES, plain, severity_counts

NAME = "markdown"
ICONS = {"error": "\u274c", "warning": "\u26a0\ufe0f", "info": "\u2139\ufe0f"}
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_PUNCTUATION = set("\\`*_{}[]#+-.!|~")


def escape(text: object) -> str:
    """Claim text as literal Markdown, safe in a table cell."""
    out = []
    for char in plain(text):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _PUNCTUATION:
            out.append("\\" + char)
        elif char == "@":
            out.append("@\u2060")   # a word joiner: no @mention
        else:
            out.append(char)
    return "".join(out)


def code(text: str) -> str:
    """An identifier as inline code, or escaped text if it could break out of the code span."""
    text = plain(text)
    return f"`{text}`" if text and not set(text) & set("`|\\<>&") else escape(text)


def render(report, *, color: bool = False, root=None) -> str:
    lines = ["## factcheck: contradiction report", "", *_summary(report), ""]
    if report.problems:
        lines += [f"**{len(report.problems)} problem(s) in the input; no rule was run.**", ""]
        lines += [f"- `{escape(problem.location())}`: {escape(problem.message)}" for problem in report.problems]
        lines.append("")
    elif not report.findings:
        lines += ["\u2705 No findings: the claims agree with each other under every rule.", ""]
    for finding in report.findings:
        lines += _finding(finding)
    lines.append(f"<sub>factcheck {escape(report.tool_version)}, as of {report.as_of.isoformat()}</sub>")
    return "\n".join(lines) + "\n"


def _summary(report) -> list[str]:
    counts = severity_counts(report)
    header = [LABELS[s] for s in SEVERITIES] + ["Sources", "Claims", "Rules", "As of"]
    row = [str(counts[s]) for s in SEVERITIES] + [str(report.sources), str(report.claims),
                                                   str(len(report.rules)), report.as_of.isoformat()]
    return [_row(header), _row(["---:"] * (len(header) - 1) + [":---"]), _row(row)]


def _finding(finding: Finding) -> list[str]:
    heading = f"### {ICONS[finding.severity]} {escape(finding.message)}"
    meta = (f"**{finding.severity}** \u00b7 {finding.certainty} \u00b7 rule {code(finding.rule)} "
            f"\u00b7 kind {code(finding.kind)} \u00b7 fingerprint {code(finding.fingerprint)}")
    lines = [heading, "", meta, "", escape(finding.reason), ""]
    lines.append(_row(["Claim", "Source", "Published", "Value", "Said by", "Quote", "Where"]))
    lines.append(_row(["---"] * 7))
    for claim in finding.claims:
        source = escape(claim.title) if claim.title else ""
        outlet = escape(claim.outlet or claim.source)
        value = escape(claim.value) if claim.value else "\u2014"
        if claim.modality != "asserted":
            value += f" ({claim.modality})"
        lines.append(_row([
            code(claim.id),
            f"{outlet}<br>{source}" if source else outlet,
            escape(claim.published) if claim.published else "undated",
            value,
            escape(claim.said_by) if claim.said_by else "\u2014",
            f"\u201c{escape(claim.quote)}\u201d" if claim.quote else "\u2014",
            f"{escape(claim.file)}:{claim.line}",
        ]))
    return lines + [""]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
