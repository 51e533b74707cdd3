"""github: GitHub Actions workflow commands, one line per finding, shown as annotations on the diff.

`::error file=claims/x.yaml,line=12,col=5,title=[rule] message::reason (claims: ...)`;
`warning` and `notice` for warning and info findings. Values are escaped as the
Actions runner expects (`%`, CR and LF everywhere; `:` and `,` also in the
properties), so a quote can neither end a command nor start a new one.
"""
from __future__ import annotations

from ..findings import Finding
from .common import plain, source_label

NAME = "github"
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report, *, color: bool = False, root=None) -> str:
    lines = [_problem(problem) for problem in report.problems]
    lines.extend(_finding(finding) for finding in report.findings)
    return "".join(line + "\n" for line in lines)


def _finding(finding: Finding) -> str:
    properties = {}
    if finding.primary:
        first = finding.primary
        properties = {"file": first.file, "line": first.line, "col": first.column}
    possible = " (possible)" if finding.certainty == "possible" else ""
    properties["title"] = f"[{finding.rule}] {plain(finding.message)}{possible}"
    claims = "; ".join(f"{plain(claim.id)} = {plain(claim.value) or '?'} in {source_label(claim)} "
                       f"({claim.file}:{claim.line})" for claim in finding.claims)
    return _command(COMMANDS[finding.severity], properties, f"{plain(finding.reason)} (claims: {claims})")


def _problem(problem) -> str:
    properties: dict = {"file": problem.file}
    if problem.line > 0:
        properties["line"] = problem.line
        if problem.column > 0:
            properties["col"] = problem.column
    properties["title"] = "factcheck: problem in the input"
    return _command("error", properties, plain(problem.message))


def _command(name: str, properties: dict, message: str) -> str:
    given = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {given}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
