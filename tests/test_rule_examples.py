"""Every example of every bundled rule, each its own test: `<rule>::<example>`."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.project import open_project
from factcheck.rule_examples import cases, run_example

REPO = Path(__file__).resolve().parents[1]
_PROJECT = open_project(start=REPO)
_CASES = [(rule, expect, index, example) for rule in sorted(_PROJECT.rules, key=lambda r: r.id)
          for expect, index, example in cases(rule)]


def test_bundled_rules_load_without_problems():
    rule_problems = [p.render() for p in _PROJECT.problems if p.file.startswith("rules/")]
    assert rule_problems == []
    assert len(_PROJECT.rules) >= 6


@pytest.mark.parametrize("rule, expect, index, example", _CASES,
                         ids=[f"{rule.id}::{example.name}" for rule, _, _, example in _CASES])
def test_rule_example(rule, expect, index, example):
    result = run_example(rule, expect, index, example, _PROJECT.vocabulary, as_of=date(2026, 11, 23))
    assert result.ok, result.explain()


def test_every_rule_has_examples_both_ways():
    for rule in _PROJECT.rules:
        assert rule.examples.fire and rule.examples.pass_, rule.id
