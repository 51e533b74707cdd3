"""Fuzzing: generated claims files and rule files, valid and then corrupted, through the real loaders.

Hypothesis writes a valid claims file (or starts from a bundled rule), then corrupts it:
at the data level (a list where a mapping is expected, a number where text is, unknown
keys, missing keys) and at the byte level (flips, deletions, insertions, line shuffles,
tabs, a BOM, CRLF, truncation). Each result is written into a throwaway project and
opened the way `factcheck validate` opens one. The only outcomes allowed: the project
loads (and then every rule runs over it and every report renders), or every problem
names a file of the project, a line from 1 to the file's line count + 1 and a column
from 1. Never an exception.

The normal suite runs a couple of hundred cases per test; a dedicated run raises that:

    FACTCHECK_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factcheck.problems import Problem, render_all
from factcheck.project import check_project, open_project
from factcheck.reporters import REPORTERS
from factcheck.rule_examples import cases, run_example

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 200,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])

ENTITIES = """
entities:
  refinery: {name: Kounda refinery, kind: facility, aliases: [the refinery, Kounda]}
  aurum: {name: Aurum Sahel, kind: company, part_of: [sahel-holdings]}
  sahel-holdings: {name: Sahel Holdings, kind: company}
  diarra: {name: Moussa Diarra, kind: person, represents: [aurum]}
  general: {name: General, kind: title, aliases: [Gen]}
  mali: {name: Mali, kind: country}
  bamako: {name: Bamako, kind: place, part_of: [mali]}
  groundbreaking: {name: the groundbreaking, kind: event}
  gold: {name: gold, kind: commodity}
"""
SUBJECTS = ["refinery", "the refinery", "Kounda", "aurum", "Aurum Sahel", "diarra", "mali"]
ARCHIVED = "archive/2025-06-17-daily-a.txt"
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

# --- valid claims files --------------------------------------------------------------------------------

WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)
DAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
DATES = st.one_of(DAY, DAY.map(lambda d: d.isoformat()[:7]), st.integers(1990, 2030),
                  DAY.map(lambda d: d.strftime("%B %d, %Y")),
                  st.sampled_from(["by 2027", "before 2025-07-01", "since 2023", "on Monday", "yesterday",
                                   "next month", "last year", "over the past two years", "three months ago",
                                   "September of last year"]),
                  st.builds(lambda d, basis: {"date": d.isoformat(), "inferred": basis}, DAY, WORDS),
                  st.builds(lambda d: {"relative": "one month before", "anchor": d.isoformat()}, DAY))
AMOUNTS = st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False).map(lambda x: round(x, 2)))
VALUES = {
    "annual-capacity": st.one_of(
        AMOUNTS.map(lambda a: f"{a} t/yr"), AMOUNTS.map(lambda a: f"up to {a} tonnes per year"),
        AMOUNTS.map(lambda a: f"about {a}-ton-per-year"), AMOUNTS,
        st.builds(lambda a, b: {"min": min(a, b), "max": max(a, b), "unit": "t/yr"}, AMOUNTS, AMOUNTS),
        st.builds(lambda a: {"amount": a, "unit": "kilotonnes/yr", "bound": "at-least"}, AMOUNTS)),
    "power-capacity": st.sampled_from(["1-2 GW", "between 1 and 2 GW", "at least 5 MW", "300 MW"]),
    "capacity-increase": st.sampled_from(["10 %", "about 25 percent", 12]),
    "construction-start": DATES,
    "completion-date": DATES,
    "event-date": DATES,
    "operator": st.sampled_from(["aurum", "Aurum Sahel", "sahel-holdings"]),
    "military-rank": st.sampled_from(["general", "Gen", "General"]),
    "partner": st.sampled_from(SUBJECTS),
    "location": st.sampled_from(["mali", "bamako", "Bamako"]),
    "ranking": st.builds(lambda n, among: {"position": n, "among": among, "scope": "Africa"},
                         st.integers(1, 20), WORDS),
    "fund-count": st.sampled_from([5, "five", "at least 3", 0]),
    "had-military-coup": st.booleans(),
    "status": WORDS,
    "purpose": WORDS,
}
HOLDS = st.one_of(st.none(), DATES, st.just({"event": "groundbreaking"}),
                  st.builds(lambda a, b: {"from": min(a, b).isoformat(), "to": max(a, b).isoformat()}, DAY, DAY))
EVIDENCE = st.lists(st.fixed_dictionaries(
    {"cites": WORDS}, optional={"url": st.just("https://example.org/readout"),
                                "path": st.sampled_from([ARCHIVED, "archive/missing.txt", "../outside.txt",
                                                         "/etc/passwd", "archive/link-out.txt", "archive"])}),
    max_size=2)


@st.composite
def claims_files(draw) -> dict:
    source = draw(st.fixed_dictionaries(
        {"title": WORDS},
        optional={"outlet": WORDS, "author": WORDS, "published": DATES, "url": st.just("https://example.org/a"),
                  "archive": st.sampled_from([ARCHIVED, ARCHIVED, "../../etc/passwd", "archive/link-out.txt"]),
                  "id": st.sampled_from(["daily-a", "weekly-b"])}))
    claims = []
    for index in range(draw(st.integers(0, 6))):
        predicate = draw(st.sampled_from(sorted(VALUES)))
        claim = {"id": f"c-{index}", "subject": draw(st.sampled_from(SUBJECTS)), "predicate": predicate,
                 "value": draw(VALUES[predicate])}
        optional = draw(st.fixed_dictionaries({}, optional={
            "modality": st.sampled_from(["asserted", "planned", "expected", "denied", "not-disclosed", "uncertain"]),
            "said_by": st.one_of(st.sampled_from(["diarra", "Moussa Diarra"]),
                                 st.builds(lambda who: {"anonymous": who}, WORDS)),
            "quote": WORDS, "holds": HOLDS, "evidence": EVIDENCE, "names": st.lists(WORDS, max_size=2),
            "note": WORDS, "draft": st.booleans()}))
        claims.append({**claim, **{key: value for key, value in optional.items() if value is not None}})
    return {"source": source, "claims": claims}


# --- corruption ----------------------------------------------------------------------------------------

ODD_VALUES = st.one_of(
    st.sampled_from([[], {}, [1, 2], {"x": 1}, 42, -1, 3.5, True, None, "", "text", "2025-13-45", "9" * 400,
                     float("inf"), float("nan"), [[[[["deep"]]]]], {"amount": "lots"}, {"relative": 5},
                     {"from": 2025}, {"event": "nowhere"}, "!!python/object/apply:os.system", "x" * 1000,
                     date(2025, 6, 17), "99999 years ago", "200 t**9**9**9", "up to" + " " * 500 + "x"]),
    WORDS, st.integers(), st.floats())


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, path + (index,))


def _replace(node, path, make):
    if not path:
        return make(node)
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replace(node[path[0]], path[1:], make)
    return copy


@st.composite
def data_corruptions(draw, data):
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        action = draw(st.sampled_from(["swap", "unknown-key", "drop-key", "rename-key"]))
        if action == "swap":
            odd = draw(ODD_VALUES)
            data = _replace(data, path, lambda _: odd)
        elif action == "unknown-key":
            key = draw(st.sampled_from(["colour", "valeu", "subjekt", "id", "claims", 7, True, None]))
            extra = draw(ODD_VALUES)
            data = _replace(data, path, lambda node: {**node, key: extra} if isinstance(node, dict) else node)
        elif action == "drop-key":
            data = _replace(data, path, lambda node: {k: v for k, v in list(node.items())[1:]}
                            if isinstance(node, dict) and node else node)
        else:
            data = _replace(data, path, lambda node: {(f"{k}s" if isinstance(k, str) else k): v
                                                      for k, v in node.items()} if isinstance(node, dict) else node)
    return data


def dump(data, style: dict) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, **style).encode("utf-8")


STYLES = st.fixed_dictionaries({"default_flow_style": st.sampled_from([False, None, True]),
                                "allow_unicode": st.booleans(), "width": st.sampled_from([40, 80, 10_000]),
                                "indent": st.sampled_from([2, 4])})
SIGNIFICANT = b":-[]{},#&*!|>'\"%@`?\t\r\n \\\x00\xff\xc3\xef\xbb\xbf"
BYTE_ACTIONS = ["flip", "delete", "insert", "duplicate-line", "drop-line", "swap-lines", "indent", "dedent",
                "tab", "truncate", "bom", "crlf"]


@st.composite
def byte_corruptions(draw, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(BYTE_ACTIONS))
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        lines = bytes(data).split(b"\n")
        line = draw(st.integers(0, max(len(lines) - 1, 0)))
        if action == "flip" and data:
            data[where] ^= draw(st.integers(1, 255))
        elif action == "delete":
            del data[where:where + draw(st.integers(1, 8))]
        elif action == "insert":
            inserted = draw(st.one_of(st.binary(min_size=1, max_size=4),
                                      st.lists(st.sampled_from(SIGNIFICANT), min_size=1, max_size=4).map(bytes)))
            data[where:where] = inserted
        elif action == "duplicate-line":
            lines.insert(line, lines[line])
            data = bytearray(b"\n".join(lines))
        elif action == "drop-line":
            del lines[line]
            data = bytearray(b"\n".join(lines))
        elif action == "swap-lines":
            other = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines[line], lines[other] = lines[other], lines[line]
            data = bytearray(b"\n".join(lines))
        elif action in ("indent", "dedent", "tab"):
            lines[line] = {"indent": b" " + lines[line], "dedent": lines[line][1:], "tab": b"\t" + lines[line]}[action]
            data = bytearray(b"\n".join(lines))
        elif action == "truncate":
            del data[where:]
        elif action == "bom":
            data[0:0] = b"\xef\xbb\xbf"
        else:
            data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
    return bytes(data)


# --- the throwaway project and the invariants ------------------------------------------------------------

def make_project(root: Path, *, rules: dict[str, bytes], claims: dict[str, bytes]) -> None:
    (root / "claims").mkdir(parents=True)
    (root / "rules").mkdir()
    (root / "archive").mkdir()
    (root / "factcheck.toml").write_text('claims = "claims"\nrules = "rules"\n', encoding="utf-8")
    (root / "claims" / "entities.yaml").write_text(ENTITIES.lstrip(), encoding="utf-8")
    (root / "rules" / "predicates.yaml").write_bytes((REPO / "rules" / "predicates.yaml").read_bytes())
    (root / ARCHIVED).write_text("The article's text.\n", encoding="utf-8")
    outside = root.parent / "outside.txt"
    outside.write_text("not the project's\n", encoding="utf-8")
    (root / "archive" / "link-out.txt").symlink_to(outside)
    for name, raw in rules.items():
        (root / "rules" / name).write_bytes(raw)
    for name, raw in claims.items():
        (root / "claims" / name).write_bytes(raw)


def yaml_lines(raw: bytes) -> int:
    """How many lines the file has, counted as YAML counts them (a last line without a break counts)."""
    return len(LINE_BREAK.split(raw.decode("utf-8", errors="replace")))


def assert_positioned(problems: list[Problem], root: Path, fuzzed: dict[str, bytes]) -> None:
    for problem in problems:
        assert problem.message, problem
        if problem.file in fuzzed:
            lines = yaml_lines(fuzzed[problem.file])
            assert 1 <= problem.line <= lines + 1, (problem, lines)
            assert problem.column >= 1, problem
        else:   # the files we did not corrupt are correct
            raise AssertionError(f"a problem outside the fuzzed files: {problem}")
    render_all(problems, root=root)   # the excerpts render too


def open_and_check(root: Path, fuzzed: dict[str, bytes]):
    project = open_project(start=root)
    assert_positioned(project.problems, root, fuzzed)
    event("fails with positioned problems" if project.problems else "loads, then checks and renders")
    if project.problems:
        return project
    report = check_project(project, as_of=date(2026, 1, 1))
    for name in ("text", "json", "markdown", "html", "sarif"):
        REPORTERS[name].render(report, root=root)
    return project


# --- the tests -----------------------------------------------------------------------------------------

@FUZZ
@given(data=claims_files(), style=STYLES, st_data=st.data())
def test_corrupted_claims_files_load_or_fail_with_positions(data, style, st_data):
    corrupted = st_data.draw(data_corruptions(data), label="data corruption")
    raw = st_data.draw(byte_corruptions(dump(corrupted, style)), label="byte corruption")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        rules = {name: (REPO / "rules" / name).read_bytes() for name in ("conflicting-values.yaml",
                                                                         "plan-overdue.yaml")}
        make_project(root, rules=rules, claims={"fuzzed.yaml": raw})
        open_and_check(root, {"claims/fuzzed.yaml": raw})


BUNDLED_RULES = sorted(path.name for path in (REPO / "rules").glob("*.yaml") if path.name != "predicates.yaml")
GOOD_CLAIMS = dump({"source": {"title": "Refinery opens", "outlet": "Daily A", "published": "2025-06-17"},
                    "claims": [{"id": "a1", "subject": "refinery", "predicate": "annual-capacity",
                                "value": "200 t/yr"}]}, {})


@FUZZ
@given(name=st.sampled_from(BUNDLED_RULES), style=STYLES, st_data=st.data())
def test_corrupted_rule_files_load_or_fail_with_positions(name, style, st_data):
    rule = yaml.safe_load((REPO / "rules" / name).read_text(encoding="utf-8"))
    restyled = st_data.draw(st.booleans(), label="restyle")
    if restyled:   # through the data: corrupt the structure, then dump it in some style
        raw = dump(st_data.draw(data_corruptions(rule), label="data corruption"), style)
    else:          # the file as written, comments and all
        raw = (REPO / "rules" / name).read_bytes()
    raw = st_data.draw(byte_corruptions(raw), label="byte corruption")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        make_project(root, rules={"fuzzed.yaml": raw}, claims={"a.yaml": GOOD_CLAIMS})
        project = open_and_check(root, {"rules/fuzzed.yaml": raw})
        for loaded in project.rules:   # a rule that loads runs its own examples, as `test-rules` does
            for expect, index, example in cases(loaded):
                result = run_example(loaded, expect, index, example, project.vocabulary, as_of=date(2026, 1, 1))
                assert_positioned(list(result.problems), root, {"rules/fuzzed.yaml": raw})
                result.explain()


@FUZZ
@given(style=STYLES, st_data=st.data())
def test_corrupted_registries_load_or_fail_with_positions(style, st_data):
    registry = yaml.safe_load(ENTITIES)
    if st_data.draw(st.booleans(), label="restyle"):
        raw = dump(st_data.draw(data_corruptions(registry), label="data corruption"), style)
    else:
        raw = ENTITIES.lstrip().encode("utf-8")
    raw = st_data.draw(byte_corruptions(raw), label="byte corruption")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        make_project(root, rules={"conflicting-values.yaml": (REPO / "rules" / "conflicting-values.yaml").read_bytes()},
                     claims={})
        (root / "claims" / "entities.yaml").write_bytes(raw)
        open_and_check(root, {"claims/entities.yaml": raw})
