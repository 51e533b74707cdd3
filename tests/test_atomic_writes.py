"""Files factcheck writes: the old one or the new one after any crash, never overwritten unasked.

(a) A process that keeps rewriting a large report is killed with SIGKILL at random
moments: the report is always one of the two complete texts. The temporary file a kill
leaves behind is named `.NAME.PID.XXXXXXXX.tmp`; no reader takes it (claims and rule
lookups skip dot files, and it does not end in .yaml), and the next write removes it.
(b) `baseline` rewrites an existing baseline only with `--update`; `init` writes nothing
when any of its files exists. (c) A path whose parent is a file is an exit-2 error.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from factcheck import atomic
from factcheck.cli import main
from factcheck.config import load_settings
from factcheck.corpus import claims_files
from factcheck.rules import rule_files

WRITER = """
import sys
from pathlib import Path
from factcheck.atomic import write_text

target = Path(sys.argv[1])
texts = [Path(sys.argv[2]).read_text(encoding="utf-8"), Path(sys.argv[3]).read_text(encoding="utf-8")]
print("ready", flush=True)
number = 0
while True:
    write_text(target, texts[number % 2])
    number += 1
"""


def report_text(mark: str, lines: int) -> str:
    return "".join(f"{mark} finding {n:07d}: a long line of report text that fills the file up\n"
                   for n in range(lines)) + f"end of report {mark}\n"


def test_a_killed_writer_leaves_the_old_file_or_the_new_one(scratch, tmp_path):
    old, new = report_text("A", 60_000), report_text("B", 90_000)   # about 5 and 7 MB
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    target = scratch.root / "claims" / "report.yaml"    # where a careless reader would pick it up
    target.write_text(old, encoding="utf-8")
    chance = random.Random(20260101)
    settings = load_settings(scratch.root)
    interrupted = 0
    for _ in range(30):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(tmp_path / "old.txt"),
                                   str(tmp_path / "new.txt")], stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline() == "ready\n"
        time.sleep(chance.uniform(0.0, 0.3))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)                          # reaped: its pid no longer runs
        writer.stdout.close()
        content = target.read_text(encoding="utf-8")
        assert content in (old, new), f"a truncated file: {len(content)} characters"
        stray = [path for path in target.parent.iterdir() if path.name.endswith(".tmp")]
        assert sorted(stray) == sorted(atomic.leftovers(target))   # each one a dead writer's, named for the target
        assert all(path.name.startswith(".report.yaml.") for path in stray)
        listed = claims_files(settings) + rule_files(target.parent, set())
        assert not [path for path in listed if path.name.endswith(".tmp")]   # no reader takes them
        interrupted += bool(stray)
    assert interrupted, "no kill landed in the middle of a write: the test proved nothing"
    atomic.write_text(target, new)                       # the next write sweeps what the kills left
    assert target.read_text(encoding="utf-8") == new
    assert not [path for path in target.parent.iterdir() if path.name.endswith(".tmp")]


def test_a_running_writers_temporary_file_is_not_swept(tmp_path):
    target = tmp_path / "report.json"
    mine = tmp_path / f".report.json.{os.getpid()}.abcdefgh.tmp"     # this process is alive
    mine.write_text("in flight", encoding="utf-8")
    atomic.write_text(target, "{}")
    assert mine.exists() and atomic.leftovers(target) == []


def test_a_failed_write_removes_its_temporary_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def failing_replace(*_):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic.write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


# --- never overwritten unasked -----------------------------------------------------------------------

ENTITIES = "entities:\n  refinery: {name: Example refinery, kind: facility}\n"
PREDICATES = "predicates:\n  annual-capacity: {type: quantity, unit: t/yr}\n"
ARTICLE = """
source: {{title: {title}, outlet: {title}, published: 2025-06-17}}
claims:
  - {{id: {id}, subject: refinery, predicate: annual-capacity, value: {value}}}
"""


@pytest.fixture
def conflicting(scratch, monkeypatch):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", PREDICATES)
    scratch.use_rule("conflicting-values")
    scratch.write("claims/a.yaml", ARTICLE.format(title="Daily A", id="a1", value="200 t/yr"))
    scratch.write("claims/b.yaml", ARTICLE.format(title="Weekly B", id="b1", value="300 t/yr"))
    monkeypatch.chdir(scratch.root)
    return scratch


def test_baseline_rewrites_an_existing_baseline_only_with_update(conflicting, capsys):
    baseline = conflicting.root / "factcheck-baseline.yaml"
    assert main(["baseline", "--reason", "reviewed"]) == 0
    written = baseline.read_bytes()
    assert main(["baseline", "--reason", "again"]) == 2
    err = capsys.readouterr().err
    assert "factcheck-baseline.yaml exists; pass --update to rewrite it" in err and "Traceback" not in err
    assert baseline.read_bytes() == written
    assert main(["baseline", "--output", "factcheck-baseline.yaml", "--reason", "again"]) == 2
    assert baseline.read_bytes() == written
    assert main(["baseline", "--update", "--reason", "again"]) == 0
    assert b"reason: reviewed" in baseline.read_bytes()       # kept: the finding is the same


def test_init_writes_nothing_when_any_of_its_files_exists(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsroom" / "rules").mkdir(parents=True)
    (tmp_path / "newsroom" / "rules" / "conflicting-values.yaml").write_text("# my own\n", encoding="utf-8")
    assert main(["init", "newsroom"]) == 2
    err = capsys.readouterr().err
    assert "conflicting-values.yaml already exists; nothing was written" in err
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "newsroom", "newsroom/rules", "newsroom/rules/conflicting-values.yaml"]
    assert (tmp_path / "newsroom/rules/conflicting-values.yaml").read_text(encoding="utf-8") == "# my own\n"


def test_write_without_overwrite_never_replaces(tmp_path):
    target = tmp_path / "draft.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic.write_text(target, "theirs", overwrite=False)
    assert target.read_text(encoding="utf-8") == "mine"
    assert [path.name for path in tmp_path.iterdir()] == ["draft.yaml"]


# --- a folder that is a file ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["check", "--format", "json", "--output", "notes.txt/report.json"],
    ["check", "--output", "notes.txt/deeper/report.txt"],
    ["report", "--html", "notes.txt/report.html"],
    ["report", "--html", "report.html", "--markdown", "notes.txt/report.md"],
    ["baseline", "--reason", "reviewed", "--output", "notes.txt/baseline.yaml"],
    ["schema", "--out", "notes.txt"],
])
def test_writing_under_a_file_is_a_clean_error(conflicting, capsys, argv):
    (conflicting.root / "notes.txt").write_text("a file, not a folder\n", encoding="utf-8")
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in captured.err
    assert "notes.txt is a file, not a folder" in captured.err, captured.err
    assert (conflicting.root / "notes.txt").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_a_long_text_is_written_whole_a_piece_at_a_time(tmp_path):
    """Written a megabyte of characters at a time; characters of several bytes straddle the pieces."""
    text = ("é😀a\n" * 700_000)[:-1] + "ø"
    atomic.write_text(tmp_path / "report.json", text)
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == text


def test_a_text_in_pieces_is_written_as_they_come_and_a_failing_one_keeps_the_old_file(tmp_path):
    """A report written as it is made (`render_pieces`): whole when every piece comes, and when making a
    piece fails, the old file stays and no temporary file is left."""
    target = tmp_path / "report.json"
    atomic.write_text(target, iter(["é" * 3, "", "😀\n" * 600_000]))
    assert target.read_text(encoding="utf-8") == "ééé" + "😀\n" * 600_000

    def failing():
        yield "half of a report"
        raise RuntimeError("a bug while making the report")
    with pytest.raises(RuntimeError):
        atomic.write_text(target, failing())
    assert target.read_text(encoding="utf-8") == "ééé" + "😀\n" * 600_000
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]
