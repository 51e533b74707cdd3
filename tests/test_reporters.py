"""Every output format, from the same Report: on a project with findings, one without, one with bad input.

The fixture projects live in tests/fixtures/reporting/: `with-findings` has two
definite conflicts about one entity, one about another, a possible one, an
undated source, and a source whose quote, speaker, outlet and URL carry script
injection attempts; `clean` has claims that agree.
"""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck import cli
from factcheck.project import check_project, open_project
from factcheck.reporters import REPORTERS, github, html, junit, markdown, sarif

FIXTURES = Path(__file__).parent / "fixtures" / "reporting"
WITH_FINDINGS = FIXTURES / "with-findings"
CLEAN = FIXTURES / "clean"
FORMATS = sorted(REPORTERS)


def load(root: Path):
    project = open_project(start=root)
    assert not project.problems, project.problems
    return project, check_project(project)


@pytest.fixture(scope="module")
def found():
    return load(WITH_FINDINGS)


@pytest.fixture(scope="module")
def clean():
    return load(CLEAN)


@pytest.fixture
def broken(tmp_path):
    """A copy of the project with findings whose one claims file has a mistake at a known place."""
    root = tmp_path / "broken"
    shutil.copytree(WITH_FINDINGS, root)
    path = root / "claims" / "2025-07-02-mining-weekly.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("predicate: construction-start",
                                                             "predicate: construction-begun"), encoding="utf-8")
    project = open_project(start=root)
    assert project.problems
    return project, check_project(project)


def test_the_fixture_has_definite_and_possible_conflicts_and_the_clean_one_none(found, clean):
    _, report = found
    assert {(f.severity, f.certainty) for f in report.findings} == {("error", "definite"), ("warning", "possible")}
    assert len({f.subject for f in report.findings}) == 2
    assert clean[1].findings == () and clean[1].claims == 2


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("which", ["found", "clean", "broken"])
def test_every_format_is_deterministic_and_pure(name, which, request):
    project, report = request.getfixturevalue(which)
    first = REPORTERS[name].render(report, root=project.settings.root)
    again = REPORTERS[name].render(report, root=project.settings.root)
    assert first == again and (first.endswith("\n") or (name == "github" and first == ""))
    assert str(project.settings.root) not in first   # paths are relative to the project root


def test_every_format_is_registered():
    assert {"text", "json", "sarif", "junit", "github", "markdown", "html"} <= set(REPORTERS)
    for module in REPORTERS.values():
        assert module.NAME in REPORTERS and callable(module.render)


# json ---------------------------------------------------------------------------------------------

def test_json_is_versioned_sorted_and_stable(found):
    project, report = found
    text = REPORTERS["json"].render(report)
    data = json.loads(text)
    assert data["version"] == 1
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["summary"]["by_severity"] == {"error": 3, "warning": 1, "info": 0}
    assert text == REPORTERS["json"].render(load(WITH_FINDINGS)[1])   # a second run, byte for byte


def test_json_without_findings(clean):
    data = json.loads(REPORTERS["json"].render(clean[1]))
    assert data["findings"] == [] and data["errors"] == [] and data["summary"]["findings"] == 0


# sarif --------------------------------------------------------------------------------------------

def test_sarif_describes_rules_results_and_locations(found):
    _, report = found
    data = json.loads(sarif.render(report))
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck" and driver["semanticVersion"] == report.tool_version
    assert "informationUri" not in driver
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == sorted(rule.id for rule in report.rules)
    rule = driver["rules"][0]
    assert rule["name"] == "ConflictingValues" and rule["defaultConfiguration"]["level"] == "error"
    assert rule["help"]["text"] and rule["help"]["markdown"] and rule["fullDescription"]["text"]
    assert rule["properties"]["kind"] == "conflict" and "conflict" in rule["properties"]["tags"]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert "%SRCROOT%" in run["originalUriBaseIds"]
    results = run["results"]
    assert len(results) == len(report.findings)
    for result, finding in zip(results, report.findings):
        assert rule_ids[result["ruleIndex"]] == result["ruleId"] == finding.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert result["partialFingerprints"] == {"factcheck/v1": finding.fingerprint}
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": finding.claims[0].file, "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": finding.claims[0].line, "startColumn": finding.claims[0].column}
        related = result["relatedLocations"]
        assert [r["physicalLocation"]["region"]["startLine"] for r in related] == [c.line for c in finding.claims[1:]]
        for number, (entry, claim) in enumerate(zip(related, finding.claims[1:]), start=1):
            assert entry["id"] == number and claim.id in entry["message"]["text"]
            assert f"[{claim.id}]({number})" in result["message"]["text"]   # linked from the message
        assert finding.reason.split(":")[0] in result["message"]["text"]
    capacity = next(r for r in results if "annual-capacity" in r["message"]["text"])
    assert "undated" in capacity["message"]["text"]
    assert "\\[click\\](javascript:alert(1))" in capacity["message"]["text"]   # not a link in SARIF


def test_sarif_without_findings_and_with_bad_input(clean, broken):
    (run,) = json.loads(sarif.render(clean[1]))["runs"]
    assert run["results"] == [] and run["invocations"][0]["executionSuccessful"] is True
    assert run["tool"]["driver"]["rules"]   # rules are listed even when none fired
    (run,) = json.loads(sarif.render(broken[1]))["runs"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notification = invocation["toolExecutionNotifications"][0]
    problem = broken[1].problems[0]
    assert notification["level"] == "error" and "construction-begun" in notification["message"]["text"]
    location = notification["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == problem.file
    assert location["region"]["startLine"] == problem.line


# junit --------------------------------------------------------------------------------------------

def test_junit_one_case_per_rule_one_failure_per_finding(found):
    _, report = found
    root = ET.fromstring(junit.render(report))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "factcheck"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == sorted(rule.id for rule in report.rules)
    assert {c.get("classname") for c in cases} == {f"factcheck.{rule.kind}" for rule in report.rules}
    failures = [f for c in cases for f in c.findall("failure")]
    assert len(failures) == len(report.findings)
    assert [f.get("type") for f in failures] == [f.severity for f in report.findings]
    failed_cases = sum(1 for c in cases if c.findall("failure"))
    for element in (root, suite):
        assert element.get("tests") == str(len(cases)) and element.get("failures") == str(failed_cases)
        assert element.get("errors") == "0"
    body = next(f.text for f in failures if "Officials promised" in f.text)
    assert "<script>alert(1)</script>" in body and "said by a ministry spokesperson" in body


def test_junit_clean_passes_and_bad_input_is_an_error(clean, broken):
    root = ET.fromstring(junit.render(clean[1]))
    assert root.get("failures") == "0" and root.get("tests") == str(len(clean[1].rules))
    assert not list(root.iter("failure"))
    root = ET.fromstring(junit.render(broken[1]))
    errors = list(root.iter("error"))
    assert root.get("errors") == "1" and errors and "construction-begun" in errors[0].get("message")


# github -------------------------------------------------------------------------------------------

def test_github_one_command_per_finding(found):
    _, report = found
    lines = github.render(report).splitlines()
    assert len(lines) == len(report.findings)
    first, finding = lines[0], report.findings[0]
    claim = finding.claims[0]
    assert first.startswith(f"::error file={claim.file},line={claim.line},col={claim.column},title=[{finding.rule}] ")
    assert any(line.startswith("::warning ") for line in lines)
    for line in lines:
        properties, message = line[2:].split("::", 1)
        assert "\n" not in line and "::" not in message
        assert ":" not in properties.split(" ", 1)[1].replace("%3A", "")   # colons escaped in properties


def test_github_escaping():
    assert github.escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert github.escape_property("a: b, c%") == "a%3A b%2C c%25"


def test_github_clean_is_empty_and_bad_input_is_annotated(clean, broken):
    assert github.render(clean[1]) == ""
    lines = github.render(broken[1]).splitlines()
    problem = broken[1].problems[0]
    assert lines[0].startswith(f"::error file={problem.file},line={problem.line},col={problem.column},")


# markdown -----------------------------------------------------------------------------------------

def test_markdown_summary_and_claim_tables(found):
    _, report = found
    text = markdown.render(report)
    assert text.startswith("## ")
    assert "| Errors | Warnings | Info | Sources | Claims | Rules | As of |" in text
    assert "| 3 | 1 | 0 | 3 | 11 | 1 | 2025-09-01 |" in text
    assert text.count("\n### ") == len(report.findings)
    assert "**warning** \u00b7 possible" in text and "**error** \u00b7 definite" in text
    header = "| Claim | Source | Published | Value | Said by | Quote | Where |"
    assert text.count(header) == len(report.findings)
    for line in text.splitlines():
        if line.startswith("| `"):   # a claim row: exactly seven cells, whatever the quote holds
            assert len(re.split(r"(?<!\\)\|", line)) == 9, line


def test_markdown_escapes_claim_text(found):
    text = markdown.render(found[1])
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert" in text and "&lt;img src=x onerror=alert" in text
    assert "\\[click\\]" in text   # no link
    assert "\\`100 tonnes\\`" in text and "\\*100 tonnes\\*" in text and "\\| 200 \\|" in text
    assert markdown.escape("@someone") != "@someone"   # no @mention


def test_markdown_clean_and_broken(clean, broken):
    assert "No findings" in markdown.render(clean[1])
    text = markdown.render(broken[1])
    assert "no rule was run" in text and "construction\\-begun" in text


# html ---------------------------------------------------------------------------------------------

class _Elements(HTMLParser):
    """The elements and attributes of a page, to check structure rather than text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(page: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(page)
    return parser.tags


def test_html_is_self_contained_and_escapes_everything(found):
    project, report = found
    page = html.render(report, root=project.settings.root, corpus=project.corpus)
    tags = elements(page)
    assert [t for t, _ in tags].count("script") == 1 and not any(t == "img" for t, _ in tags)
    assert not [(t, a) for t, a in tags for name in a if name.startswith("on")]   # no event handler anywhere
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "img-src data:" in csp and "connect-src" not in csp
    for tag, attrs in tags:
        for name in ("href", "src"):
            if name in attrs:
                assert attrs[name].startswith(("https://", "http://", "#")), (tag, attrs)
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;b&gt;unverified&lt;/b&gt;" in page
    assert 'href="https://news.example.org/mining-weekly/kounda-doubts?ref=a&amp;b=c"' in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        "https://news.example.org", "")   # nothing else that could be fetched


def test_html_groups_by_entity_and_kind_with_timelines(found):
    project, report = found
    page = html.render(report, corpus=project.corpus)
    tags = elements(page)
    sections = [a["id"] for t, a in tags if t == "section"]
    assert sections == ["entity-kounda-refinery", "entity-aurum-sahel"]   # most findings first
    cards = [a for t, a in tags if t == "article"]
    assert len(cards) == len(report.findings)
    assert {(a["data-severity"], a["data-certainty"]) for a in cards} == {("error", "definite"),
                                                                          ("warning", "possible")}
    assert [t for t, _ in tags].count("svg") == 2
    assert "Undated: the source gives no date" in page           # a lane, not an invented date
    assert "about 150 t/yr \u2014 Bamako Mining Weekly" in page  # a claim in no finding, on the same fact
    assert "Aurum Sahel SA \u2014 Sahel Ledger" not in page      # a fact with no finding is left out
    flagged = [a for t, a in tags if t == "circle" and "tl-flagged" in a.get("class", "")]
    plain_dots = [a for t, a in tags if t == "circle" and "tl-flagged" not in a.get("class", "")]
    assert len(flagged) == 9 and len(plain_dots) == 1


def test_html_without_corpus_uses_the_findings_alone(found):
    page = html.render(found[1])
    assert "Undated: the source gives no date" in page and "150 t/yr" not in page


def test_html_clean_and_broken(clean, broken):
    page = html.render(clean[1])
    assert "No contradictions found" in page and "<article" not in page
    page = html.render(broken[1])
    assert "no rule was run" in page and "construction-begun" in page


def test_safe_url():
    assert html.safe_url("https://example.org/a?b=c")
    for url in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                "java\tscript:alert(1)", "//evil.example/x", "https://", "vbscript:x", "https://exa\u202emple.org"):
        assert not html.safe_url(url), url


def test_timeline_dates():
    from factcheck.reporters.timeline import span_of
    from datetime import date

    assert span_of("2025") == (date(2025, 1, 1), date(2025, 12, 31))
    assert span_of("2025-02") == (date(2025, 2, 1), date(2025, 2, 28))
    assert span_of("2024-01-01..2025-06-30") == (date(2024, 1, 1), date(2025, 6, 30))
    assert span_of('"on Monday" (2025-06-16)') == (date(2025, 6, 16), date(2025, 6, 16))
    for text in (None, "unknown", "at summit-2025", "2025-13", "any time"):
        assert span_of(text) is None, text


# the command line ---------------------------------------------------------------------------------

def test_check_writes_two_formats_in_one_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(WITH_FINDINGS)
    sarif_file, json_file = tmp_path / "a.sarif", tmp_path / "out" / "b.json"
    status = cli.main(["check", "--format", "sarif", "--output", str(sarif_file),
                       "--format", "json", "--output", str(json_file)])
    assert status == 1   # error findings
    assert capsys.readouterr().out == ""
    assert json.loads(sarif_file.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert json.loads(json_file.read_text(encoding="utf-8"))["summary"]["findings"] == 4
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "out").glob(".*.tmp"))


@pytest.mark.parametrize("name", ["junit", "github", "markdown", "html"])
def test_check_accepts_every_new_format(name, monkeypatch, capsys):
    monkeypatch.chdir(CLEAN)
    assert cli.main(["check", "--format", name]) == 0
    assert capsys.readouterr().out == REPORTERS[name].render(load(CLEAN)[1], root=CLEAN)


def test_report_writes_html_and_markdown(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(WITH_FINDINGS)
    page, comment = tmp_path / "report.html", tmp_path / "report.md"
    assert cli.main(["report", "--html", str(page), "--markdown", str(comment)]) == 0   # findings, still 0
    out = capsys.readouterr().out
    assert f"wrote {page}" in out and "4 findings (3 errors, 1 warning)" in out
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count('<article class="finding') == 4
    assert "https://news.example.org/sahel-ledger/kounda-refinery" in text   # source URLs, from the corpus
    assert comment.read_text(encoding="utf-8").startswith("## factcheck")


def test_report_as_of_and_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(WITH_FINDINGS)
    page = tmp_path / "r.html"
    assert cli.main(["report", "claims/2025-06-17-sahel-ledger.yaml", "claims/2025-07-02-mining-weekly.yaml",
                     "--html", str(page), "--as-of", "2026-01-31"]) == 0
    text = page.read_text(encoding="utf-8")
    assert "2026-01-31" in text and "Gold Watch Blog" not in text


def test_report_clean_project(tmp_path, monkeypatch):
    monkeypatch.chdir(CLEAN)
    page = tmp_path / "r.html"
    assert cli.main(["report", "--html", str(page)]) == 0
    assert "No contradictions found" in page.read_text(encoding="utf-8")


def test_report_bad_input_exits_2_and_writes_nothing(broken, tmp_path, monkeypatch, capsys):
    project, _ = broken
    monkeypatch.chdir(project.settings.root)
    page = tmp_path / "r.html"
    assert cli.main(["report", "--html", str(page)]) == 2
    err = capsys.readouterr().err
    assert "claims/2025-07-02-mining-weekly.yaml:" in err and "construction-begun" in err
    assert not page.exists()


def test_report_needs_a_destination(monkeypatch, capsys):
    monkeypatch.chdir(CLEAN)
    assert cli.main(["report"]) == 2
    assert "--html" in capsys.readouterr().err
