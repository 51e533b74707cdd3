"""`factcheck show ENTITY`: everything the corpus says about an entity, by predicate, in time order, with sources."""
from __future__ import annotations

import json

import pytest

from factcheck.cli import main

ENTITIES = """
entities:
  refinery: {name: Example refinery, kind: facility, aliases: [the refinery], description: A gold refinery.}
  builder: {name: Example Builders, kind: company, part_of: [country]}
  country: {name: Examplia, kind: country}
  minister: {name: Jane Roe, kind: person, represents: [country]}
"""
PREDICATES = """
predicates:
  annual-capacity: {type: quantity, unit: t/yr}
  construction-start: {type: date}
  partner: {type: entity, functional: false}
"""
LATE = """
source: {title: Refinery revisited, outlet: Weekly B, published: 2025-07-01}
claims:
  - id: b1
    subject: the refinery
    predicate: annual-capacity
    value: 300 tonnes per year
    said_by: minister
    quote: "300 tonnes a year, the minister said"
"""
EARLY = """
source: {title: Refinery opens, outlet: Daily A, published: 2025-06-17}
claims:
  - id: a1
    subject: refinery
    predicate: annual-capacity
    value: 200 t/yr
    quote: "an annual capacity of 200 tonnes"
  - id: a2
    subject: refinery
    predicate: construction-start
    value: 2025-06-16
    quote: "construction began on Monday"
  - id: a3
    subject: refinery
    predicate: partner
    value: builder
    quote: "built with Example Builders"
"""
UNDATED = """
source: {title: A blog post}
claims:
  - id: c1
    subject: refinery
    predicate: annual-capacity
    value: about 250 t/yr
    quote: "about 250 tonnes"
  - id: c2
    subject: refinery
    predicate: annual-capacity
    value: 400 t/yr
    quote: "400 tonnes, a draft"
    draft: true
"""


@pytest.fixture
def project(scratch, monkeypatch):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", PREDICATES)
    scratch.use_rule("conflicting-values")
    scratch.write("claims/b.yaml", LATE)
    scratch.write("claims/a.yaml", EARLY)
    scratch.write("claims/c.yaml", UNDATED)
    monkeypatch.chdir(scratch.root)
    return scratch


def test_show_groups_by_predicate_in_time_order_with_sources(project, capsys):
    assert main(["show", "the refinery", "--as-of", "2026-01-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Example refinery (refinery), facility\n  aliases: the refinery\n  A gold refinery.\n")
    capacity = out.split("annual-capacity (3 claims)", 1)[1].split("\n\n", 1)[0]
    assert "!! disagreement: conflicting-values" in capacity
    lines = [line for line in capacity.splitlines() if line.startswith("  - ")]
    assert [line.split(" \u2014 ")[0] for line in lines] == ["  - 200 t/yr", "  - 300 tonnes per year",
                                                              "  - about 250 t/yr"]   # in time, undated last
    assert "Weekly B, 2025-07-01, said by Jane Roe (claims/b.yaml:3, b1)" in capacity
    assert "\u201c300 tonnes a year, the minister said\u201d" in capacity
    assert "! conflicting-values" in lines[0]
    assert "construction-start (1 claim)\n  - 2025-06-16 \u2014 2025-06-17" in out
    assert "1 draft claim(s) involving this entity await review and are not shown." in out
    assert "400 tonnes" not in out


def test_claims_naming_the_entity_as_a_value_are_shown(project, capsys):
    assert main(["show", "Example Builders"]) == 0
    out = capsys.readouterr().out
    assert "part of: Examplia" in out
    assert "as the value of partner (1 claim)\n  - Example refinery \u2192 partner \u2014 2025-06-17" in out


def test_show_as_json(project, capsys):
    assert main(["show", "refinery", "--format", "json", "--as-of", "2026-01-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entity"]["id"] == "refinery" and data["drafts_not_shown"] == 1
    groups = {(group["role"], group["predicate"]): group for group in data["groups"]}
    capacity = groups[("subject", "annual-capacity")]
    assert [claim["id"] for claim in capacity["claims"]] == ["a1", "b1", "c1"]
    assert capacity["disagreement"] == ["conflicting-values"]
    assert capacity["claims"][1]["said_by"] == "Jane Roe"
    assert capacity["claims"][0]["findings"] == ["conflicting-values"]


def test_unknown_entity_exits_2_with_a_suggestion(project, capsys):
    assert main(["show", "Exampel refinery"]) == 2
    err = capsys.readouterr().err
    assert "unknown entity 'Exampel refinery'" in err and "did you mean 'refinery'?" in err


def test_an_entity_nothing_is_said_about(project, capsys):
    assert main(["show", "Examplia"]) == 0
    assert "No reviewed claim is about this entity or names it as a value." in capsys.readouterr().out
