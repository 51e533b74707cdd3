"""The Python API returns what the CLI reports."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import factcheck
from factcheck.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_load_and_check_the_bundled_corpus(capsys, monkeypatch):
    corpus = factcheck.load(REPO)
    assert len(corpus.sources) == 5 and len(corpus.claims) > 150
    findings = factcheck.check(REPO, as_of=date(2026, 11, 23))
    monkeypatch.chdir(REPO)
    main(["check", "--format", "json", "--as-of", "2026-11-23"])
    cli = json.loads(capsys.readouterr().out)["findings"]
    assert [f.fingerprint for f in findings] == [f["fingerprint"] for f in cli]


def test_load_raises_input_error_with_every_problem(scratch):
    scratch.write("claims/a.yaml", "source: {title: T}\nclaims:\n  - {id: a, subject: nobody, predicate: nothing}\n")
    with pytest.raises(factcheck.InputError) as exc:
        factcheck.load(scratch.root)
    assert [(p.line, p.message) for p in exc.value.problems] == [
        (3, "unknown entity 'nobody'"), (3, "unknown predicate 'nothing'")]
