"""The command line: exact output, exit statuses 0/1/2, no traceback on bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main

REPO = Path(__file__).resolve().parents[1]
ENTITIES = """
entities:
  refinery: {name: Example refinery, kind: facility, aliases: [the refinery]}
"""
PREDICATES = """
predicates:
  annual-capacity: {type: quantity, unit: t/yr}
"""
ARTICLE_A = """
source: {title: Refinery opens, outlet: Daily A, published: 2025-06-17}
claims:
  - id: a1
    subject: refinery
    predicate: annual-capacity
    value: 200 t/yr
    quote: "an annual capacity of 200 tonnes"
"""
ARTICLE_B = """
source: {title: Refinery revisited, outlet: Weekly B, published: 2025-07-01}
claims:
  - id: b1
    subject: the refinery
    predicate: annual-capacity
    value: 300 tonnes per year
    quote: "300 tonnes a year"
"""


@pytest.fixture
def project(scratch, monkeypatch):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", PREDICATES)
    scratch.use_rule("conflicting-values")
    scratch.write("claims/a.yaml", ARTICLE_A)
    monkeypatch.chdir(scratch.root)
    return scratch


def test_clean_corpus_exits_0_with_a_summary(project, capsys):
    assert main(["check", "--as-of", "2026-01-01"]) == 0
    assert capsys.readouterr().out == (
        "0 finding(s) from 1 rules over 1 claims in 1 sources (as of 2026-01-01).\n")


def test_a_conflict_exits_1_and_explains_itself(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B)
    assert main(["check", "--as-of", "2026-01-01"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("claims/a.yaml:3:5: error [conflicting-values] Example refinery: conflicting "
                                   "annual-capacity: 200 t/yr (Daily A); 300 tonnes per year (Weekly B)")
    assert "  - a1 = 200 t/yr  [Daily A, 2025-06-17] claims/a.yaml:3" in out
    assert "      \u201can annual capacity of 200 tonnes\u201d" in out
    assert "  - b1 = 300 tonnes per year  [Weekly B, 2025-07-01] claims/b.yaml:3" in out
    assert out.endswith("1 finding(s) (1 error) from 1 rules over 2 claims in 2 sources (as of 2026-01-01).\n")


def test_fail_on_warning_and_info(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B.replace("300 tonnes per year", "about 250 tonnes per year"))
    assert main(["check", "--as-of", "2026-01-01"]) == 0          # a possible conflict is a warning
    assert main(["check", "--as-of", "2026-01-01", "--fail-on", "warning"]) == 1


def test_bad_input_exits_2_with_positions_and_no_traceback(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B.replace("the refinery", "the refinry"))
    assert main(["check"]) == 2
    captured = capsys.readouterr()
    assert "claims/b.yaml:4:14: error: unknown entity 'the refinry'" in captured.err
    assert "Traceback" not in captured.out + captured.err


def test_usage_errors_exit_2(project, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "nonsense"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--as-of", "yesterday"])
    assert exc.value.code == 2


def test_several_formats_in_one_run_written_atomically(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B)
    assert main(["check", "--format", "json", "--output", "out/report.json", "--format", "sarif",
                 "--output", "out/report.sarif", "--format", "text"]) == 1
    report = json.loads((project.root / "out/report.json").read_text())
    assert report["version"] == 1 and report["summary"]["findings"] == 1
    assert json.loads((project.root / "out/report.sarif").read_text())["version"] == "2.1.0"
    assert "conflicting-values" in capsys.readouterr().out
    assert sorted(p.name for p in (project.root / "out").iterdir()) == ["report.json", "report.sarif"]


def test_json_is_byte_identical_across_runs(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B)
    main(["check", "--format", "json", "--as-of", "2026-01-01"])
    first = capsys.readouterr().out
    main(["check", "--format", "json", "--as-of", "2026-01-01"])
    assert capsys.readouterr().out == first


def test_validate_kinds_explain_and_test_rules(project, capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "ok: 1 claims in 1 sources, 1 entities, 1 predicates, 1 rules\n"
    assert main(["kinds"]) == 0
    kinds = capsys.readouterr().out
    for kind in ("conflict", "unsupported", "superseded", "temporal", "count", "names"):
        assert f"\n{kind}: " in "\n" + kinds
    assert main(["explain", "conflicting-values"]) == 0
    assert "kind conflict:" in capsys.readouterr().out
    assert main(["test-rules"]) == 0
    assert capsys.readouterr().out.endswith(" passed, 0 failed\n")
    assert main(["explain", "no-such-rule"]) == 2


def test_a_rule_whose_example_fails_makes_test_rules_exit_1(project, capsys):
    rule = (REPO / "rules" / "conflicting-values.yaml").read_text()
    project.write("rules/conflicting-values.yaml", rule.replace("value: 300 tonnes per year", "value: 200 t/yr"))
    assert main(["test-rules"]) == 1
    out = capsys.readouterr().out
    assert "FAIL conflicting-values::capacities-disagree (fire): must fire, but found nothing" in out


def test_rule_files_with_mistakes_are_positioned(project, capsys):
    project.write("rules/broken.yaml", """
        kind: conflicts
        description: x
        message: "{subject} {nonsense}"
        examples: {fire: [], pass: []}
    """)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "rules/broken.yaml:1:7: error: unknown check kind 'conflicts'" in err
    assert "rules/broken.yaml:4:18: error: examples fire: needs at least 1 item(s), found none" in err
    assert "rules/broken.yaml:4:28: error: examples pass: needs at least 1 item(s), found none" in err


def test_baseline_accepts_known_findings_and_fails_on_new_ones(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B)
    assert main(["baseline"]) == 2                                   # a reason is required
    assert main(["baseline", "--reason", "reviewed: the articles disagree"]) == 0
    assert main(["baseline", "--reason", "again"]) == 2              # never overwritten unasked
    capsys.readouterr()
    assert main(["check", "--baseline", "factcheck-baseline.yaml"]) == 0
    assert "1 accepted by the baseline" in capsys.readouterr().out
    project.write("claims/c.yaml", ARTICLE_B.replace("b1", "c1").replace("300 tonnes", "400 tonnes"))
    assert main(["check", "--baseline", "factcheck-baseline.yaml"]) == 1
    project.write("claims/b.yaml", ARTICLE_B.replace("300 tonnes per year", "200 t/yr"))
    (project.root / "claims/c.yaml").unlink()
    assert main(["check", "--baseline", "factcheck-baseline.yaml"]) == 0
    assert "1 stale baseline entries" in capsys.readouterr().out


def test_suppressions_with_expiry(project, capsys):
    project.write("claims/b.yaml", ARTICLE_B)
    main(["check", "--format", "json"])
    fingerprint = json.loads(capsys.readouterr().out)["findings"][0]["fingerprint"]
    project.write("factcheck.toml", 'claims = "claims"\nrules = "rules"\nsuppressions = "suppressions.yaml"\n')
    project.write("suppressions.yaml", f"""
        suppressions:
          - fingerprint: {fingerprint}
            reason: the second article corrected itself in print
            expires: 2026-06-30
    """)
    assert main(["check", "--as-of", "2026-01-01"]) == 0
    assert main(["check", "--as-of", "2026-07-01"]) == 1
    assert "expired suppression" in capsys.readouterr().out


def test_init_creates_a_working_project_and_never_overwrites(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "newsroom"]) == 0
    assert (tmp_path / "newsroom/rules/conflicting-values.yaml").is_file()
    monkeypatch.chdir(tmp_path / "newsroom")
    assert main(["validate"]) == 0
    assert main(["test-rules"]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["init", "newsroom"]) == 2


def test_schema_is_json_schema(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    claims = json.loads((tmp_path / "claims.schema.json").read_text())
    assert claims["$schema"].startswith("https://json-schema.org/") and "source" in claims["properties"]
    rule = json.loads((tmp_path / "rule.schema.json").read_text())
    assert "kind" in rule["properties"]


def test_the_installed_script_runs_the_bundled_corpus():
    result = subprocess.run([sys.executable, "-m", "factcheck", "check", "--as-of", "2026-11-23"], cwd=REPO,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "weekday-mismatch" in result.stdout and "conflicting-titles" in result.stdout
