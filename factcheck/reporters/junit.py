"""junit: JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, CircleCI).

Every rule is a test case (`classname="factcheck.<kind>"`, `name="<rule id>"`):
a rule without findings passes, a rule with findings fails with one `<failure>`
per finding, whose `type` is the finding's severity and whose text gives the
reason and every claim. Problems in the input are one `<error>` test case, since
no rule ran. Counts follow the usual meaning: `tests` test cases, `failures`
failed test cases. Built with xml.etree, so all text is escaped; characters XML
cannot carry are dropped.
"""
from __future__ import annotations

import re

from ..findings import Finding
from .common import describe_claim, plain, rules_by_id

NAME = "junit"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report, *, color: bool = False, root=None) -> str:
    import xml.etree.ElementTree as ET   # here: the other formats need not load it
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    suites = ET.Element("testsuites", name="factcheck")
    suite = ET.SubElement(suites, "testsuite", name="factcheck")
    properties = ET.SubElement(suite, "properties")
    for name, value in (("as-of", report.as_of.isoformat()), ("sources", report.sources),
                        ("claims", report.claims), ("findings", len(report.findings)),
                        ("factcheck-version", report.tool_version)):
        ET.SubElement(properties, "property", name=name, value=str(value))
    failed = errors = 0
    if report.problems:
        errors = 1
        case = ET.SubElement(suite, "testcase", classname="factcheck.input", name="load the project", time="0")
        for problem in report.problems:
            error = ET.SubElement(case, "error", type="input-problem",
                                  message=_xml(f"{problem.location()}: {plain(problem.message)}"))
            error.text = _xml(plain(problem.hint)) if problem.hint else None
    for rule in rules_by_id(report):
        case = ET.SubElement(suite, "testcase", classname=f"factcheck.{rule.kind}", name=rule.id,
                             file=rule.file, time="0")
        findings = by_rule.get(rule.id, [])
        failed += bool(findings)
        for finding in findings:
            failure = ET.SubElement(case, "failure", type=finding.severity, message=_xml(_headline(finding)))
            failure.text = _xml(_body(finding))
    tests = len(report.rules) + errors
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failed))
        element.set("errors", str(errors))
        element.set("skipped", "0")
        element.set("time", "0")
    ET.indent(suites, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _headline(finding: Finding) -> str:
    where = f"{finding.primary.file}:{finding.primary.line}: " if finding.primary else ""
    possible = " (possible)" if finding.certainty == "possible" else ""
    return f"{where}{plain(finding.message)}{possible}"


def _body(finding: Finding) -> str:
    lines = [plain(finding.reason), "", "Claims:"]
    lines.extend(f"- {describe_claim(claim)}" for claim in finding.claims)
    lines.append(f"Fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
