"""Paths named in claims files (`source.archive`, evidence `path`) stay inside the project."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.paths import PathError, resolve_inside


@pytest.fixture
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "archive" / "2025").mkdir(parents=True)
    (project / "archive" / "2025" / "daily-a.txt").write_text("The article.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the project\n", encoding="utf-8")
    (project / "archive" / "out.txt").symlink_to(tmp_path / "secret.txt")
    (project / "archive" / "out-folder").symlink_to(tmp_path, target_is_directory=True)
    (project / "archive" / "in.txt").symlink_to(project / "archive" / "2025" / "daily-a.txt")
    (project / "archive" / "loop").symlink_to(project / "archive" / "loop")
    return project


def test_a_good_relative_path_resolves_to_the_file(root):
    assert resolve_inside(root, "archive/2025/daily-a.txt") == (root / "archive/2025/daily-a.txt").resolve()
    assert resolve_inside(root, "./archive/2025/daily-a.txt") == (root / "archive/2025/daily-a.txt").resolve()


def test_a_link_that_stays_inside_is_fine_and_resolves_to_its_target(root):
    assert resolve_inside(root, "archive/in.txt") == (root / "archive/2025/daily-a.txt").resolve()


def test_a_project_reached_through_a_link_is_still_its_own_inside(root, tmp_path):
    (tmp_path / "alias").symlink_to(root, target_is_directory=True)
    assert resolve_inside(tmp_path / "alias", "archive/2025/daily-a.txt") == \
        (root / "archive/2025/daily-a.txt").resolve()


@pytest.mark.parametrize("given, message", [
    ("../../etc/passwd", "'../../etc/passwd' goes up with '..'; paths in claims files stay inside the project"),
    ("archive/../../secret.txt", "goes up with '..'"),
    ("archive/2025/../2025/daily-a.txt", "goes up with '..'"),   # inside, but '..' is never needed
    ("/etc/passwd", "'/etc/passwd' is an absolute path; paths in claims files stay inside the project"),
    ("//server/share/x", "is an absolute path"),
    ("C:/Windows/win.ini", "is an absolute path"),
    ("~/secret.txt", "is an absolute path"),
    ("..\\..\\etc\\passwd", "contains a backslash"),
    ("archive/out.txt", "'archive/out.txt' leads outside the project (through a symbolic link"),
    ("archive/out-folder/secret.txt", "leads outside the project (through a symbolic link"),
    ("archive/missing.txt", "no such file: 'archive/missing.txt'"),
    ("archive/2025", "'archive/2025' is not a file"),
    ("archive/loop", "is not a file"),
    ("archive/\x00.txt", "a path may not contain a NUL character"),
    ("", "expected a path to a file, found ''"),
    ("a" * 5_000, "a path of 5,000 characters; the limit is 1,000"),
])
def test_paths_that_leave_the_project_or_lead_nowhere_are_refused(root, given, message):
    with pytest.raises(PathError, match=None) as refused:
        resolve_inside(root, given)
    assert message in str(refused.value)
    assert refused.value.hint


ENTITIES = "entities:\n  refinery: {name: Kounda refinery, kind: facility}\n"
PREDICATES = "predicates:\n  capacity: {type: quantity, unit: t/yr}\n"
CLAIMS = """
source:
  title: Refinery opens
  archive: {archive}
claims:
  - id: a1
    subject: refinery
    predicate: capacity
    value: 200 t/yr
    evidence:
      - {{cites: the ministry's readout, path: {evidence}}}
      - {{cites: a second document, path: archive/2025/daily-a.txt}}
"""


@pytest.fixture
def project(scratch, monkeypatch, tmp_path):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", PREDICATES)
    scratch.write("archive/2025/daily-a.txt", "The article.\n")
    (tmp_path / "secret.txt").write_text("outside the project\n", encoding="utf-8")
    (scratch.root / "archive" / "out.txt").symlink_to(tmp_path / "secret.txt")
    monkeypatch.chdir(scratch.root)
    return scratch


def test_good_paths_in_a_claims_file_validate(project, capsys):
    project.write("claims/a.yaml", CLAIMS.format(archive="archive/2025/daily-a.txt",
                                                 evidence="archive/2025/daily-a.txt"))
    assert main(["validate"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("archive, evidence, expected", [
    ("../../etc/passwd", "archive/2025/daily-a.txt",
     ["claims/a.yaml:3:12: error: '../../etc/passwd' goes up with '..'"]),
    ("archive/2025/daily-a.txt", "/etc/passwd",
     ["claims/a.yaml:10:47: error: '/etc/passwd' is an absolute path"]),
    ("archive/out.txt", "archive/out.txt",
     ["claims/a.yaml:3:12: error: 'archive/out.txt' leads outside the project",
      "claims/a.yaml:10:47: error: 'archive/out.txt' leads outside the project"]),
    ("archive/2025/daily-b.txt", "archive/2025/daily-a.txt",
     ["claims/a.yaml:3:12: error: no such file: 'archive/2025/daily-b.txt'"]),
])
def test_bad_paths_in_a_claims_file_are_positioned(project, capsys, archive, evidence, expected):
    project.write("claims/a.yaml", CLAIMS.format(archive=archive, evidence=evidence))
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    for line in expected:
        assert line in err, err
    assert "Traceback" not in err and "outside the project\n" not in err   # the outside file was not shown


def test_the_check_happens_on_every_run_not_only_the_first(project, capsys, tmp_path):
    project.write("claims/a.yaml", CLAIMS.format(archive="archive/2025/daily-a.txt",
                                                 evidence="archive/2025/daily-a.txt"))
    assert main(["validate"]) == 0
    target = project.root / "archive/2025/daily-a.txt"
    target.unlink()
    os.symlink(tmp_path / "secret.txt", target)         # the file becomes a link out of the project
    assert main(["validate"]) == 2
    assert "leads outside the project" in capsys.readouterr().err
