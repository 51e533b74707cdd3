"""`factcheck bench` keeps working: a tiny corpus, every figure present; the generator is deterministic.

No timing is asserted: these tests only check that the bench runs and says what it measured.
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from factcheck.bench.generate import generate
from factcheck.cli import main
from factcheck.progress import Progress
from factcheck.project import check_project, open_project


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def test_the_bench_runs_on_a_tiny_corpus_and_reports_every_figure(capsys):
    assert main(["bench", "--claims", "120", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["corpus"]["claims"] == 120 and figures["corpus"]["files"] == 6
    assert set(figures["phases"]) == {"read", "parse", "validate", "check", "report"}
    assert all(phase["seconds"] >= 0 and "claims_per_second" in phase for phase in figures["phases"].values())
    assert set(figures["runs"]) == {"cold", "warm", "edited", "edited_value", "next_day", "no_cache"}
    assert all(run["exit"] in (0, 1) and run["peak_memory_mb"] > 0 for run in figures["runs"].values())
    for key in ("total_seconds", "ratio_cold_to_floor", "edited_share_of_cold", "edited_value_share_of_cold",
                "next_day_share_of_cold", "peak_memory_mb"):
        assert figures[key] > 0
    assert figures["floor"]["seconds"] > 0
    assert figures["processes_from_bytecode"] is True


def test_with_repeats_the_bench_also_gives_each_ratio_within_a_round(capsys):
    """Each round times the floor and then every check once: a ratio of one round does not pair a fast
    minute of the machine with a slow one."""
    assert main(["bench", "--claims", "120", "--repeat", "2", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    rounds = figures["rounds"]
    assert len(rounds) == 2 and all(set(round_) == {"floor_seconds", "cold", "warm", "edited", "edited_value",
                                                    "next_day", "no_cache"} for round_ in rounds)
    assert figures["runs"]["cold"]["seconds"] == min(round_["cold"] for round_ in rounds)
    assert figures["floor"]["seconds"] == min(round_["floor_seconds"] for round_ in rounds)
    ratios = sorted(round_["cold"] / round_["floor_seconds"] for round_ in rounds)   # of seconds rounded to 0.1 ms
    paired = figures["paired"]["ratio_cold_to_floor"]
    assert (paired["low"], paired["median"], paired["high"]) == pytest.approx(
        (ratios[0], (ratios[0] + ratios[1]) / 2, ratios[1]), rel=0.02)
    assert set(figures["paired"]) == {"ratio_cold_to_floor", "edited_share_of_cold", "edited_value_share_of_cold",
                                      "next_day_share_of_cold"}


def test_against_a_smaller_corpus_the_bench_gives_how_the_check_scales_within_each_round(capsys):
    """With --against, each round times the floor and a cold check of the smaller corpus, then of the
    larger one, back to back; the ratios are taken within each round."""
    assert main(["bench", "--claims", "120", "--against", "40", "--repeat", "2", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    scaling = figures["scaling"]
    assert scaling["against_claims"] == 40 and len(scaling["rounds"]) == 2
    assert all(set(round_) == {"against_floor", "against_cold", "corpus_floor", "corpus_cold"} and
               all(value > 0 for value in round_.values()) for round_ in scaling["rounds"])
    cold = sorted(round_["corpus_cold"] / round_["against_cold"] for round_ in scaling["rounds"])
    assert (scaling["cold"]["low"], scaling["cold"]["median"], scaling["cold"]["high"]) == pytest.approx(
        (cold[0], (cold[0] + cold[1]) / 2, cold[1]), rel=0.02)
    assert set(scaling["floor"]) == {"low", "median", "high"}
    assert main(["bench", "--claims", "120", "--against", "40"]) == 0
    table = capsys.readouterr().out
    assert "120 claims against 40 (3 times as many), within each of 1 round(s): the cold check took" in table
    shares = [line for line in table.splitlines() if " / cold: " in line]   # the runs after the cold check
    assert [line.split(" / cold: ")[0] for line in shares] == ["after editing a quote", "after editing a value",
                                                               "a day later (--as-of)"]
    assert ["(target <= 10%); within each of 1 round(s): " in line for line in shares] == [True, True, False]
    assert main(["bench", "--claims", "120", "--against", "40", "--no-processes"]) == 2
    assert "--against times whole processes" in capsys.readouterr().err
    assert main(["bench", "--claims", "120", "--against", "120"]) == 2   # refused before anything is generated
    assert "--against 120 is not fewer claims than --claims 120" in capsys.readouterr().err


def test_the_table_names_the_floor_and_the_ratio(capsys):
    assert main(["bench", "--claims", "40", "--no-processes"]) == 0
    table = capsys.readouterr().out
    assert "floor: PyYAML CSafeLoader load" in table and "validate" in table and "report" in table


def test_generate_is_deterministic_and_the_corpus_is_valid(tmp_path: Path):
    first = generate(tmp_path / "a", claims=2000, seed=7)
    generate(tmp_path / "b", claims=2000, seed=7)
    other = generate(tmp_path / "c", claims=2000, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")
    assert first.claims == 2000 and first.files == 100 and other.claims == 2000
    assert 0.04 <= first.conflicting_groups / first.groups <= 0.06
    project = open_project(start=tmp_path / "a", use_cache=False)
    assert not project.problems, [problem.render() for problem in project.problems[:5]]
    assert len(project.corpus.claims) == 2000
    values = {claim.value.type for claim in project.corpus.claims if claim.value is not None}
    assert values == {"quantity", "date", "entity", "rank", "count", "boolean", "text"}
    assert {claim.modality for claim in project.corpus.claims} >= {"asserted", "planned", "expected",
                                                                   "not-disclosed", "uncertain"}
    report = check_project(project, use_baseline=False)
    assert {finding.rule for finding in report.findings} >= {"conflicting-values", "conflicting-titles",
                                                              "unsupported-ranking", "weekday-mismatch"}


def test_bench_generate_writes_the_corpus_and_refuses_a_full_folder(tmp_path: Path, capsys):
    out = tmp_path / "corpus"
    assert main(["bench", "generate", "--claims", "60", "--out", str(out)]) == 0
    assert len(list((out / "claims").glob("*.yaml"))) == 4   # three claims files and the registry
    assert "60 claims" in capsys.readouterr().out
    assert main(["bench", "generate", "--claims", "60", "--out", str(out)]) == 2


def test_the_progress_bar_draws_only_on_a_terminal_and_erases_itself(monkeypatch):
    monkeypatch.setattr("factcheck.progress._DELAY", 0.0)
    monkeypatch.setattr("factcheck.progress._INTERVAL", 0.0)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FACTCHECK_NO_PROGRESS", raising=False)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    with Progress("reading", 3, stream=shown) as bar:
        for _ in range(3):
            bar.advance()
    assert "reading [" in shown.getvalue() and "3/3" in shown.getvalue() and shown.getvalue().endswith("\r")
    piped = io.StringIO()
    with Progress("reading", 3, stream=piped) as bar:
        bar.advance(3)
    assert piped.getvalue() == ""


def test_timed_processes_start_from_bytecode_as_an_installed_package_does(tmp_path: Path, monkeypatch):
    import importlib.util
    import sys

    from factcheck.bench import timing

    package = tmp_path / "factcheck"
    package.mkdir()
    (package / "cli.py").write_text("X = 1\n")
    (package / "bench").mkdir()
    monkeypatch.setattr(timing, "__file__", str(package / "bench" / "timing.py"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)   # as PYTHONDONTWRITEBYTECODE sets it
    assert timing.compile_to_bytecode()
    assert Path(importlib.util.cache_from_source(str(package / "cli.py"))).is_file()


def test_the_table_says_when_the_processes_had_to_compile_factcheck(monkeypatch, capsys):
    from factcheck.bench import timing

    monkeypatch.setattr(timing, "compile_to_bytecode", lambda: False)   # as in a read-only install
    assert main(["bench", "--claims", "120"]) == 0
    assert "bytecode could not be written" in capsys.readouterr().out
