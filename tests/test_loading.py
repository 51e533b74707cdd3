"""Loading claims files: every mistake reported at its file, line and column, all at once."""
from __future__ import annotations

from factcheck.cli import main

REGISTRY = """
entities:
  senou-gold-refinery:
    name: Senou gold refinery
    kind: facility
    aliases: [Sénou refinery]
  yadran-group:
    name: Yadran Group
    kind: company
  assimi-goita:
    name: Assimi Goïta
    kind: person
"""
PREDICATES = """
predicates:
  annual-capacity: {type: quantity, unit: t/yr}
  construction-start: {type: date}
  partner: {type: entity, functional: false}
"""


def _project(scratch):
    scratch.write("claims/entities.yaml", REGISTRY)
    scratch.write("rules/predicates.yaml", PREDICATES)
    return scratch


def test_a_good_file_loads_with_typed_values(scratch):
    _project(scratch).write("claims/2025-06-18-refinery.yaml", """
        source:
          title: Mali begins building
          outlet: Example Wire
          published: 2025-06-18
        claims:
          - id: cap
            subject: Sénou refinery
            predicate: annual-capacity
            value: up to 200 tonnes per year
            said_by: Assimi Goita
            quote: "up to 200 tonnes"
          - id: start
            subject: senou-gold-refinery
            predicate: construction-start
            value: on Monday
    """)
    project = scratch.open()
    assert project.problems == []
    claims = {claim.id: claim for claim in project.corpus.claims}
    assert claims["cap"].subject == "senou-gold-refinery"
    assert claims["cap"].said_by == "assimi-goita"
    assert claims["cap"].value.bound == "at-most"
    assert claims["cap"].value.si_high == claims["cap"].value.si_low
    assert claims["cap"].line == 6 and claims["cap"].column == 5
    start = claims["start"].value
    assert (start.said, start.start.isoformat(), start.weekday) == ("on Monday", "2025-06-16", 0)
    assert claims["start"].holds.start.isoformat() == "2025-06-18"


def test_every_mistake_is_reported_with_its_position(scratch, capsys, monkeypatch):
    _project(scratch).write("claims/bad.yaml", """
        source:
          title: A report
          published: 2025-13-01
        claims:
          - id: one
            subject: senou-gold-refinry
            predicate: annual-capacity
            value: 200 t/yr
          - id: two
            subject: senou-gold-refinery
            predicate: anual-capacity
            value: 200 t/yr
          - id: three
            subject: senou-gold-refinery
            predicate: annual-capacity
            value: 3 MW
          - id: four
            subject: senou-gold-refinery
            predicate: construction-start
            value: 2025-02-30
            colour: red
          - id: one
            subject: senou-gold-refinery
            predicate: partner
            value: Yadran Group
            value: Yadran
    """)
    monkeypatch.chdir(scratch.root)
    status = main(["validate"])
    err = capsys.readouterr().err
    assert status == 2
    expected = [
        "claims/bad.yaml:3:14: error: no such date: month must be in 1..12",
        "claims/bad.yaml:6:14: error: unknown entity 'senou-gold-refinry'",
        "claims/bad.yaml:11:16: error: unknown predicate 'anual-capacity'",
        "claims/bad.yaml:16:12: error: 'MW' is not a unit of 'annual-capacity'",
        "claims/bad.yaml:20:12: error: no such date: day is out of range for month",
        "claims/bad.yaml:21:5: error: unknown key 'colour'",
        "claims/bad.yaml:26:5: error: duplicate key 'value' (first at line 25)",
    ]
    for line in expected:
        assert line in err, f"{line!r} not in:\n{err}"
    assert "did you mean 'senou-gold-refinery'?" in err
    assert "did you mean 'annual-capacity'?" in err
    assert "7 problem(s) found." in err
    assert "Traceback" not in err


def test_duplicate_claim_ids_across_files(scratch):
    _project(scratch)
    for name in ("a", "b"):
        scratch.write(f"claims/{name}.yaml", """
            source: {title: T}
            claims:
              - {id: same-id, subject: yadran-group, predicate: partner, value: assimi-goita}
        """)
    problems = scratch.open().problems
    assert [(p.file, p.line, p.message.split(" (")[0]) for p in problems] == [
        ("claims/b.yaml", 3, "duplicate claim id 'same-id'")]



def test_every_duplicate_claim_id_is_reported_with_the_first_claim_that_has_it(scratch):
    """Within one file, across files, after files without one, and in several files: each later claim
    is reported with the first one, and the first one is kept."""
    _project(scratch)
    claim = "{{id: {}, subject: yadran-group, predicate: partner, value: assimi-goita}}"
    files = {"a": ["x1", "x2"], "b": ["y1", "y1", "y2"], "c": ["z1"], "d": ["x2", "d1"], "e": ["z1", "y1"]}
    for name, ids in files.items():
        scratch.write(f"claims/{name}.yaml", "source: {title: T}\nclaims:\n" +
                      "".join(f"  - {claim.format(claim_id)}\n" for claim_id in ids))
    corpus = scratch.open().corpus
    assert [(p.file, p.line, p.message) for p in corpus.problems] == [
        ("claims/b.yaml", 4, "duplicate claim id 'y1' (first at claims/b.yaml:3)"),
        ("claims/d.yaml", 3, "duplicate claim id 'x2' (first at claims/a.yaml:4)"),
        ("claims/e.yaml", 3, "duplicate claim id 'z1' (first at claims/c.yaml:3)"),
        ("claims/e.yaml", 4, "duplicate claim id 'y1' (first at claims/b.yaml:3)")]
    assert [(c.id, c.file, c.line) for c in corpus.claims] == [
        ("x1", "claims/a.yaml", 3), ("x2", "claims/a.yaml", 4), ("y1", "claims/b.yaml", 3),
        ("y2", "claims/b.yaml", 5), ("z1", "claims/c.yaml", 3), ("d1", "claims/d.yaml", 4)]
    assert corpus.ids == {"x1", "x2", "y1", "y2", "z1", "d1"}

def test_claims_are_in_file_then_line_then_id_order_however_they_are_written(scratch):
    """Claims usually come in that order, and are then not sorted again; two on one line (a flow list)
    come by id, and a file's claims follow the claims of every file whose name sorts first."""
    from factcheck.corpus import _in_order, claim_order
    from factcheck.project import open_project

    _project(scratch)
    claim = "{{id: {}, subject: yadran-group, predicate: partner, value: assimi-goita}}"
    scratch.write("claims/b.yaml", f"""
        source: {{title: B}}
        claims: [{claim.format("b-late")}, {claim.format("b-early")}]
    """)
    scratch.write("claims/a.yaml", f"""
        source: {{title: A}}
        claims:
          - {claim.format("a-2")}
          - {claim.format("a-1")}
    """)
    scratch.write("claims/a/c.yaml", f"""
        source: {{title: C}}
        claims:
          - {claim.format("c-1")}
    """)
    for use_cache in (False, True, True):   # no cache, then filling it, then from it
        project = open_project(start=scratch.root, use_cache=use_cache)
        assert project.problems == []
        claims = project.corpus.claims
        assert [c.id for c in claims] == ["a-2", "a-1", "c-1", "b-early", "b-late"]   # "a." before "a/"
        assert claims == sorted(claims, key=claim_order)
    of = {file: [c for c in claims if c.file == file] for file in ("claims/a.yaml", "claims/a/c.yaml", "claims/b.yaml")}
    assert _in_order(of["claims/a.yaml"], None) and _in_order(of["claims/a/c.yaml"], "claims/a.yaml")   # not sorted
    assert not _in_order(of["claims/b.yaml"], None) and not _in_order(of["claims/a.yaml"], "claims/a/c.yaml")


def test_not_disclosed_may_leave_the_value_out_but_nothing_else_may(scratch):
    _project(scratch).write("claims/a.yaml", """
        source: {title: T}
        claims:
          - {id: a1, subject: senou-gold-refinery, predicate: construction-start, modality: not-disclosed}
          - {id: a2, subject: senou-gold-refinery, predicate: construction-start}
    """)
    problems = scratch.open().problems
    assert [(p.line, p.message) for p in problems] == [(4, "missing key 'value'")]


def test_file_that_is_a_list_or_empty(scratch):
    _project(scratch)
    scratch.write("claims/list.yaml", "- a\n- b\n")
    scratch.write("claims/empty.yaml", "")
    messages = sorted((p.file, p.message) for p in scratch.open().problems)
    assert messages == [
        ("claims/empty.yaml", "expected a mapping with 'source:' and 'claims:', found an empty file"),
        ("claims/list.yaml", "expected a mapping with 'source:' and 'claims:', found a list"),
    ]


def test_registry_alias_shared_by_two_entities(scratch):
    scratch.write("claims/entities.yaml", """
        entities:
          a: {name: Alpha, kind: person, aliases: [Al]}
          b: {name: Beta, kind: person, aliases: [al]}
    """)
    problems = scratch.open().problems
    assert [(p.file, p.line, p.message) for p in problems] == [
        ("claims/entities.yaml", 3, "the spelling 'al' of 'b' is already a spelling of 'a'")]


def test_registry_cycle_is_an_error(scratch):
    scratch.write("claims/entities.yaml", """
        entities:
          a: {name: Alpha, kind: organisation, part_of: [b]}
          b: {name: Beta, kind: organisation, part_of: [a]}
    """)
    messages = [p.message for p in scratch.open().problems]
    assert "'a' is, through part_of/represents, part of itself" in messages


def test_the_claims_files_listed_are_those_under_the_claims_folder_as_reports_show_them(scratch, tmp_path):
    """Folders nested in it are listed, links to folders are not followed, hidden files and the registry
    (even through a link) are left out, and a linked file is shown at its target."""
    from factcheck.config import load_settings
    from factcheck.corpus import shown_claims_paths

    _project(scratch)
    for name in ("claims/b.yaml", "claims/2025/a.yml", "claims/2025/06/c.yaml", "claims/.hidden.yaml",
                 "claims/notes.txt", "sources/linked.yaml", str(tmp_path / "away" / "d.yaml")):
        (scratch.root / name).parent.mkdir(parents=True, exist_ok=True)
        (scratch.root / name).write_text("source: {title: T}\n", encoding="utf-8")
    (scratch.root / "claims" / "link.yaml").symlink_to(scratch.root / "sources" / "linked.yaml")
    (scratch.root / "claims" / "registry.yaml").symlink_to(scratch.root / "claims" / "entities.yaml")
    (scratch.root / "claims" / "away").symlink_to(tmp_path / "away", target_is_directory=True)
    listed = shown_claims_paths(load_settings(scratch.root))
    claims = str(scratch.root / "claims")
    assert listed == [(f"{claims}/2025/06/c.yaml", "claims/2025/06/c.yaml"),
                      (f"{claims}/2025/a.yml", "claims/2025/a.yml"),
                      (f"{claims}/b.yaml", "claims/b.yaml"),
                      (f"{claims}/link.yaml", "sources/linked.yaml")]
    named = [scratch.root / "claims" / name for name in ("link.yaml", ".hidden.yaml", "b.yaml", "registry.yaml")]
    assert shown_claims_paths(load_settings(scratch.root), named) == [   # files named: the same rules
        (f"{claims}/b.yaml", "claims/b.yaml"), (f"{claims}/link.yaml", "sources/linked.yaml")]
