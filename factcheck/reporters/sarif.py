"""sarif: SARIF 2.1.0, the format GitHub code scanning and most review tools ingest.

One run; `tool.driver.rules` lists every rule of the report (so rules without
findings are known to the viewer), each result points at its first claim and
lists the others as related locations, and carries the finding's fingerprint in
`partialFingerprints` so code scanning tracks it across edits. Paths are
relative to the project root (`%SRCROOT%`). Problems in the input are tool
execution notifications, with their positions. Output is deterministic: no
timestamps, no absolute paths, keys sorted.
"""
from __future__ import annotations

import json
from urllib.parse import quote as url_quote

from ..findings import ClaimRef, Finding
from .common import plain, rules_by_id, source_label

NAME = "sarif"
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "factcheck/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
ROOT = "%SRCROOT%"


def render(report, *, color: bool = False, root=None) -> str:
    return json.dumps(as_data(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def as_data(report) -> dict:
    rules = rules_by_id(report)
    index = {rule.id: position for position, rule in enumerate(rules)}
    run = {
        "tool": {"driver": {"name": "factcheck", "version": report.tool_version,
                            "semanticVersion": report.tool_version,
                            "rules": [_rule(rule) for rule in rules]}},
        "originalUriBaseIds": {ROOT: {"description": {"text": "The root of the factcheck project: the "
                                                              "folder of its factcheck.toml or pyproject.toml."}}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(report)],
        "results": [_result(finding, index, {rule.id: rule for rule in rules}) for finding in report.findings],
        "properties": {"asOf": report.as_of.isoformat(), "sources": report.sources, "claims": report.claims},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(rule) -> dict:
    help_text = rule.help.strip() if rule.help else rule.description
    markdown = f"**{_sentence(rule.description)}**\n\n{help_text}"
    if rule.link:
        markdown += f"\n\nMore: <{rule.link}>"
    data = {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.replace("_", "-").replace(".", "-").split("-")),
        "shortDescription": {"text": _sentence(rule.description)},
        "fullDescription": {"text": _sentence(rule.description) + (f" {_one_line(rule.help)}" if rule.help else "")},
        "help": {"text": _sentence(help_text), "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "tags": ["factcheck", rule.kind], "file": rule.file},
    }
    if rule.link:
        data["helpUri"] = rule.link
    return data


def _result(finding: Finding, index: dict[str, int], rules: dict) -> dict:
    first, others = (finding.claims[0], finding.claims[1:]) if finding.claims else (None, ())
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index.get(finding.rule, -1),
        "level": LEVELS[finding.severity],
        "kind": "fail",
        "message": {"text": _message(finding)},
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {"certainty": finding.certainty, "subject": finding.subject, "predicate": finding.predicate,
                       "claims": [claim.id for claim in finding.claims]},
    }
    if result["ruleIndex"] < 0:
        del result["ruleIndex"]
    if first is not None:
        result["locations"] = [{"physicalLocation": _physical(first.file, first.line, first.column),
                                "message": {"text": _escape(_claim_text(first))}}]
    elif finding.rule in rules:   # a finding about no claim in particular: point at its rule
        result["locations"] = [{"physicalLocation": _physical(rules[finding.rule].file, 1, 1)}]
    if others:
        result["relatedLocations"] = [{"id": number, "physicalLocation": _physical(claim.file, claim.line,
                                                                                   claim.column),
                                       "message": {"text": _escape(_claim_text(claim))}}
                                      for number, claim in enumerate(others, start=1)]
    return result


def _message(finding: Finding) -> str:
    """The message, the reason, and every claim with its quote; related claims linked by their id."""
    lines = [_sentence(_escape(plain(finding.message))), _sentence(_escape(plain(finding.reason))), "Claims:"]
    for number, claim in enumerate(finding.claims):
        name = _escape(plain(claim.id))
        label = f"[{name}]({number})" if number else name
        lines.append(f"- {label}: {_escape(_claim_text(claim, with_id=False))}")
    return "\n".join(lines)


def _claim_text(claim: ClaimRef, *, with_id: bool = True) -> str:
    text = f"claim {plain(claim.id)}: " if with_id else ""
    if claim.value:
        text += plain(claim.value) + (f" ({claim.modality})" if claim.modality != "asserted" else "") + " "
    text += f"in {source_label(claim)}"
    if claim.said_by:
        text += f", said by {plain(claim.said_by)}"
    if claim.quote:
        text += f": \u201c{plain(claim.quote)}\u201d"
    return text + "."


def _invocation(report) -> dict:
    invocation: dict = {"executionSuccessful": not report.problems}
    if report.problems:
        invocation["toolExecutionNotifications"] = [_notification(problem) for problem in report.problems]
    return invocation


def _notification(problem) -> dict:
    text = plain(problem.message) + (f" (hint: {plain(problem.hint)})" if problem.hint else "")
    return {"level": "error", "descriptor": {"id": "input-problem"}, "message": {"text": _sentence(_escape(text))},
            "locations": [{"physicalLocation": _physical(problem.file, problem.line, problem.column)}]}


def _physical(file: str, line: int, column: int) -> dict:
    location: dict = {"artifactLocation": _artifact(file)}
    if line > 0:
        location["region"] = {"startLine": line, **({"startColumn": column} if column > 0 else {})}
    return location


def _artifact(file: str) -> dict:
    if file.startswith("/"):
        return {"uri": "file://" + url_quote(file, safe="/")}
    return {"uri": url_quote(file, safe="/"), "uriBaseId": ROOT}


def _escape(text: str) -> str:
    """Plain-text SARIF messages read `[text](id)` as a link: literal brackets are escaped."""
    return text.replace("[", "\\[").replace("]", "\\]")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _one_line(text: str) -> str:
    return " ".join(text.split())
