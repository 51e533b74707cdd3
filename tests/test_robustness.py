"""Malformed input and resource bombs: exit status 2 and `file:line:col: message`, never a traceback.

One test per kind of bad input a claims file, the registry or a rule file can be:
broken YAML, tabs, a BOM, CRLF, bytes that are not UTF-8, binary files, empty files,
a list or a scalar where a mapping belongs, deep nesting, duplicate keys and claim ids,
YAML tags that would construct Python objects, registry cycles, unknown rule kinds
and parameters, and the limits (file size, scalar length, alias expansion, nesting)
with the environment variables that raise them. Inputs that could crash the process
outright (nesting deep enough to overflow libyaml's recursive composer) run in a
subprocess, so a regression fails this test instead of killing the test run.
"""
from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck import yamlfile
from factcheck.cli import main
from factcheck.problems import InputError

ENTITIES = """
entities:
  refinery: {name: Kounda refinery, kind: facility}
  aurum: {name: Aurum Sahel, kind: company}
"""
PREDICATES = """
predicates:
  capacity: {type: quantity, unit: t/yr}
  start: {type: date}
  funds: {type: count}
  status: {type: text}
"""
GOOD = """
source: {title: Refinery opens, outlet: Daily A, published: 2025-06-17}
claims:
  - id: a1
    subject: refinery
    predicate: capacity
    value: 200 t/yr
    quote: "an annual capacity of 200 tonnes"
"""


@pytest.fixture
def project(scratch, monkeypatch):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", PREDICATES)
    monkeypatch.chdir(scratch.root)
    for name in yamlfile.LIMIT_ENV.values():
        monkeypatch.delenv(name, raising=False)
    return scratch


@pytest.fixture(autouse=True)
def no_hang():
    """A generous guard: a test that would hang fails instead (refusals are quick by construction)."""
    def expired(*_):
        raise TimeoutError("took more than 120 s: something hangs")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def validate(capsys, *args: str) -> tuple[int, str]:
    status = main(["validate", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return status, captured.err


def write_bytes(project, name: str, data: bytes) -> Path:
    path = project.root / name
    path.write_bytes(data)
    return path


# --- YAML that is not well-formed --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("source: {title: T\nclaims: []\n",
     "claims/bad.yaml:2:7: error: invalid YAML: did not find expected ',' or '}'"),
    ("source:\n  title: T\n claims: []\n",
     "claims/bad.yaml:3:2: error: invalid YAML: did not find expected key"),
    ("source: {title: T}\n---\nclaims: []\n",
     "claims/bad.yaml:2:1: error: invalid YAML: but found another document"),
    ("source: {title: 'T}\nclaims: []\n",
     "claims/bad.yaml:3:1: error: invalid YAML: found unexpected end of stream"),
    ("source: {title: T}\nclaims:\n  - {id: a, quote: \"\\q\"}\n",
     "claims/bad.yaml:3:21: error: invalid YAML: found unknown escape character"),
])
def test_invalid_yaml_is_positioned(project, capsys, text, expected):
    write_bytes(project, "claims/bad.yaml", text.encode())
    status, err = validate(capsys)
    assert status == 2 and expected in err, err
    assert re.search(r"^\s+\d+ \| .*\n\s+\^$", err, re.MULTILINE), "the offending line and a caret"


def test_a_tab_in_the_indentation_says_so(project, capsys):
    write_bytes(project, "claims/tab.yaml", b"source: {title: T}\nclaims:\n\t- {id: t1}\n")
    status, err = validate(capsys)
    assert status == 2
    assert "claims/tab.yaml:3:1: error: invalid YAML: found character that cannot start any token" in err
    assert "= hint: YAML indents with spaces, never tabs" in err


def test_a_byte_order_mark_is_fine(project, capsys):
    write_bytes(project, "claims/bom.yaml", b"\xef\xbb\xbf" + GOOD.lstrip().encode())
    assert validate(capsys) == (0, "")
    write_bytes(project, "claims/bom.yaml", b"\xef\xbb\xbfsource: {title: T, colour: red}\nclaims: []\n")
    status, err = validate(capsys)
    assert status == 2
    assert "claims/bom.yaml:1:20: error: unknown key 'colour'" in err   # the BOM is not a column
    assert "   1 | source: {title: T, colour: red}\n" + " " * 26 + "^" in err


def test_crlf_line_endings_are_fine_and_lines_count_right(project, capsys):
    crlf = GOOD.lstrip().replace("\n", "\r\n").encode()
    write_bytes(project, "claims/crlf.yaml", crlf)
    assert validate(capsys) == (0, "")
    write_bytes(project, "claims/crlf.yaml", crlf.replace(b"subject: refinery", b"subject: refinry"))
    status, err = validate(capsys)
    assert status == 2 and "claims/crlf.yaml:4:14: error: unknown entity 'refinry'" in err
    assert "   4 |     subject: refinry\n" in err          # the excerpt has no stray carriage return


def test_old_mac_line_endings_count_as_lines(project, capsys):
    write_bytes(project, "claims/cr.yaml", GOOD.lstrip().replace("\n", "\r").replace("refinery", "refinry").encode())
    status, err = validate(capsys)
    assert status == 2 and "claims/cr.yaml:4:14: error: unknown entity 'refinry'" in err


def test_bytes_that_are_not_utf8_are_pointed_at(project, capsys):
    # "Café" is valid UTF-8; the Latin-1 "é" after it is not: column 23 in characters (24 in bytes)
    write_bytes(project, "claims/latin1.yaml", b"claims: []\nsource: {title: \"Caf\xc3\xa9 \xe9t\xe9\"}\n")
    status, err = validate(capsys)
    assert status == 2
    assert "claims/latin1.yaml:2:23: error: the file is not valid UTF-8 text" in err
    assert "= hint: save it as UTF-8" in err
    write_bytes(project, "claims/latin1.yaml", b"\xef\xbb\xbfs\x80ource: {title: T}\n")   # after a BOM
    status, err = validate(capsys)
    assert status == 2 and "claims/latin1.yaml:1:2: error: the file is not valid UTF-8 text" in err


def test_a_control_character_in_the_text_is_pointed_at_and_not_echoed(project, capsys):
    write_bytes(project, "claims/ctrl.yaml",
                b"source: {title: T}\nclaims:\n  - {id: a, quote: \"x\x1b]0;owned\x07y\"}\n")
    status, err = validate(capsys)
    assert status == 2
    assert "claims/ctrl.yaml:3:22: error: invalid YAML: character U+001B is not allowed" in err
    assert "\x1b" not in err and "\x07" not in err         # the excerpt shows U+FFFD instead


def test_a_binary_file_is_refused_without_printing_it(project, capsys):
    write_bytes(project, "claims/image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x1b[2J")
    status, err = validate(capsys)
    assert status == 2
    assert "claims/image.yaml:1:1: error: this is a binary file, not YAML text" in err
    assert "PNG" not in err and "\x1b" not in err


@pytest.mark.parametrize("data, found", [
    (b"", "an empty file"),
    (b"# only a comment\n", "an empty file"),
    (b"- source: {title: T}\n", "a list"),
    (b"42\n", "a number"),
    (b"just some words\n", "text"),
    (b"2025-06-17\n", "a date"),
])
def test_a_file_that_is_not_a_mapping(project, capsys, data, found):
    write_bytes(project, "claims/odd.yaml", data)
    status, err = validate(capsys)
    assert status == 2
    assert f"claims/odd.yaml:1:1: error: expected a mapping with 'source:' and 'claims:', found {found}" in err


@pytest.mark.parametrize("name, text, expected", [
    ("claims/dup.yaml", "source: {title: T}\nsource: {title: U}\nclaims: []\n",
     "claims/dup.yaml:2:1: error: duplicate key 'source' (first at line 1)"),
    ("claims/dup.yaml", "source: {title: T, title: U}\nclaims: []\n",
     "claims/dup.yaml:1:20: error: duplicate key 'title' (first at line 1)"),
    ("claims/entities.yaml", "entities:\n  refinery: {name: A, kind: facility}\n  refinery: {name: B, kind: place}\n",
     "claims/entities.yaml:3:3: error: duplicate key 'refinery' (first at line 2)"),
    ("rules/predicates.yaml", "predicates:\n  capacity: {type: quantity, unit: t/yr, unit: MW}\n",
     "rules/predicates.yaml:2:42: error: duplicate key 'unit' (first at line 2)"),
])
def test_a_duplicate_key_is_an_error_not_an_overwrite(project, capsys, name, text, expected):
    write_bytes(project, name, text.encode())
    status, err = validate(capsys)
    assert status == 2 and expected in err, err
    assert "= hint: a key may appear once; merge the two entries" in err


def test_a_claim_id_used_in_two_files(project, capsys):
    project.write("claims/a.yaml", GOOD)
    project.write("claims/b.yaml", GOOD.replace("Daily A", "Weekly B"))
    status, err = validate(capsys)
    assert status == 2
    assert "claims/b.yaml:3:5: error: duplicate claim id 'a1' (first at claims/a.yaml:3)" in err
    assert "= hint: claim ids are unique across the corpus; rename one" in err


# --- YAML that would run code -----------------------------------------------------------------------

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:os._wrap_close {{}}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_are_refused_and_never_constructed(project, capsys, tmp_path, payload):
    marker = tmp_path / "owned"
    tag = payload.split()[0][2:]
    # a quote, a registry entry and a rule parameter each carry the payload
    project.write("claims/evil.yaml", GOOD.replace('"an annual capacity of 200 tonnes"', payload.format(marker=marker)))
    project.write("claims/entities.yaml", ENTITIES + f"  evil: {payload.format(marker=marker)}\n")
    project.write("rules/evil.yaml", f"kind: conflict\nparams: {payload.format(marker=marker)}\n")
    status, err = validate(capsys)
    assert status == 2
    assert not marker.exists(), "the payload ran"
    for where in ("claims/evil.yaml:7:12", "claims/entities.yaml:4:9", "rules/evil.yaml:2:9"):
        assert f"{where}: error: unsupported YAML tag 'tag:yaml.org,2002:{tag}'" in err, err


def test_the_payload_is_live_so_refusing_it_matters(tmp_path):
    marker = tmp_path / "owned"
    yaml.load(PAYLOADS[0].format(marker=marker), Loader=yaml.UnsafeLoader)   # what a careless loader does
    assert marker.exists()


@pytest.mark.parametrize("value, tag", [("!foo bar", "!foo"), ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
                                        ("!!set {x, y}", "tag:yaml.org,2002:set"),
                                        ("!<tag:example.com,2000:app/x> 1", "tag:example.com,2000:app/x")])
def test_unknown_tags_are_refused(project, capsys, value, tag):
    project.write("claims/tagged.yaml", GOOD.replace('"an annual capacity of 200 tonnes"', value))
    status, err = validate(capsys)
    assert status == 2 and f"claims/tagged.yaml:7:12: error: unsupported YAML tag {tag!r}" in err, err


def test_merge_keys_are_refused(project, capsys):
    project.write("claims/merge.yaml", """
        source: &s {title: T}
        claims:
          - <<: {id: a, subject: refinery, predicate: capacity, value: 1 t/yr}
    """)
    status, err = validate(capsys)
    assert status == 2 and "claims/merge.yaml:3:5: error: YAML merge keys ('<<') are not supported" in err


# --- the registry and the rules ------------------------------------------------------------------------

@pytest.mark.parametrize("entities, expected", [
    # the position is the link that closes the loop (part_of, else represents), not the entity
    ("  a: {name: Alpha, kind: organisation, part_of: [a]}\n", ["2:49: error: 'a'"]),
    ("  a: {name: Alpha, kind: organisation, part_of: [b]}\n"
     "  b: {name: Beta, kind: organisation, part_of: [c]}\n"
     "  c: {name: Gamma, kind: organisation, part_of: [a]}\n",
     ["2:49: error: 'a'", "3:48: error: 'b'", "4:49: error: 'c'"]),
    ("  a: {name: Alpha, kind: person, represents: [b]}\n"
     "  b: {name: Beta, kind: organisation, part_of: [a]}\n", ["2:46: error: 'a'", "3:48: error: 'b'"]),
])
def test_registry_cycles_are_errors(project, capsys, entities, expected):
    project.write("claims/entities.yaml", "entities:\n" + entities)
    status, err = validate(capsys)
    assert status == 2
    for where in expected:
        assert f"claims/entities.yaml:{where} is, through part_of/represents, part of itself" in err, err
    assert "= hint: break the cycle" in err


def test_a_rule_of_an_unknown_kind(project, capsys):
    project.write("rules/typo.yaml", (REPO_RULES / "conflicting-values.yaml").read_text(encoding="utf-8")
                  .replace("kind: conflict", "kind: conflicts"))
    status, err = validate(capsys)
    assert status == 2
    assert "rules/typo.yaml:1:7: error: unknown check kind 'conflicts'" in err
    assert "= hint: one of: conflict, count," in err


def test_a_rule_with_unknown_or_ill_typed_parameters(project, capsys):
    text = (REPO_RULES / "conflicting-values.yaml").read_text(encoding="utf-8")
    project.write("rules/params.yaml", text.replace("  approximate: 0.10", "  aproximate: 0.10\n  tolerance_pct: 1"))
    project.write("rules/typed.yaml", text.replace("tolerance: 0.01", "tolerance: lots"))
    status, err = validate(capsys)
    assert status == 2
    assert "rules/params.yaml:10:3: error: unknown key 'aproximate'" in err
    assert "rules/params.yaml:11:3: error: unknown key 'tolerance_pct'" in err
    assert "= hint: expected one of: approximate, possible_within_days, tolerance" in err
    assert "rules/typed.yaml:9:14: error: tolerance: Input should be a valid number" in err


REPO_RULES = Path(__file__).resolve().parents[1] / "rules"


# --- limits and resource bombs -------------------------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused_before_it_is_read(project, capsys, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1_000)
    project.write("claims/big.yaml", GOOD + "# padding\n" * 100)
    size = (project.root / "claims/big.yaml").stat().st_size
    with monkeypatch.context() as guard:   # loading refuses it from its size, without reading it
        guard.setattr(Path, "read_bytes", _never_read(Path.read_bytes, "big.yaml"))
        assert [p.message for p in project.open().problems] == [f"file is {size:,} bytes; the limit is 1,000"]
    status, err = validate(capsys)
    assert status == 2
    assert f"claims/big.yaml:1:1: error: file is {size:,} bytes; the limit is 1,000" in err
    assert "= hint: split it, or raise FACTCHECK_MAX_FILE_BYTES" in err


def _never_read(read_bytes, name: str):
    def guarded(path):
        assert path.name != name, f"{name} was read whole although it is over the limit"
        return read_bytes(path)
    return guarded


def test_the_environment_raises_or_lowers_the_file_size_limit(project, capsys, monkeypatch):
    project.write("claims/big.yaml", GOOD + "# padding\n" * 100)
    monkeypatch.setenv("FACTCHECK_MAX_FILE_BYTES", "1000")
    status, err = validate(capsys)
    assert status == 2 and "the limit is 1,000" in err
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1_000)
    monkeypatch.setenv("FACTCHECK_MAX_FILE_BYTES", "50_000")
    assert validate(capsys) == (0, "")


@pytest.mark.parametrize("variable, value", [("FACTCHECK_MAX_FILE_BYTES", "lots"), ("FACTCHECK_MAX_DEPTH", "0"),
                                             ("FACTCHECK_MAX_DEPTH", "100000"), ("FACTCHECK_MAX_SCALAR_CHARS", "-5"),
                                             ("FACTCHECK_MAX_CLAIMS_PER_FILE", "1e6")])
def test_a_bad_limit_in_the_environment_is_an_input_error(project, capsys, monkeypatch, variable, value):
    project.write("claims/a.yaml", GOOD)
    monkeypatch.setenv(variable, value)
    status, err = validate(capsys)
    assert status == 2
    assert f"{variable} (environment): error: {variable} must be a whole number from 1" in err
    assert f"found {value!r}" in err


def test_a_scalar_over_the_limit(project, capsys, monkeypatch):
    project.write("claims/long.yaml", GOOD.replace("an annual capacity of 200 tonnes", "x" * 100_001))
    status, err = validate(capsys)
    assert status == 2
    assert "claims/long.yaml:7:12: error: a value of 100,001 characters; the limit is 100,000" in err
    assert "= hint: shorten it, or raise FACTCHECK_MAX_SCALAR_CHARS" in err
    monkeypatch.setenv("FACTCHECK_MAX_SCALAR_CHARS", "200000")
    assert validate(capsys) == (0, "")


def test_more_claims_in_one_file_than_the_limit(project, capsys, monkeypatch):
    claims = "".join(f"  - {{id: c{n}, subject: refinery, predicate: capacity, value: {n} t/yr}}\n" for n in range(12))
    project.write("claims/many.yaml", "source: {title: T}\nclaims:\n" + claims)
    monkeypatch.setattr(yamlfile, "MAX_CLAIMS_PER_FILE", 10)
    status, err = validate(capsys)
    assert status == 2
    assert "claims/many.yaml:3:3: error: 12 claims in one file; the limit is 10" in err
    assert "= hint: one file per article: split it, or raise FACTCHECK_MAX_CLAIMS_PER_FILE" in err
    monkeypatch.setenv("FACTCHECK_MAX_CLAIMS_PER_FILE", "12")
    assert validate(capsys) == (0, "")


LAUGHS = "".join(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]\n" for n in range(1, 10))


def test_a_billion_laughs_is_refused_within_the_node_budget(project, capsys, monkeypatch):
    text = "source: {title: T}\nl0: &l0 lol\n" + LAUGHS + "claims: []\n"
    project.write("claims/lol.yaml", text)
    visits = []
    original = yamlfile._Walker.value
    monkeypatch.setattr(yamlfile._Walker, "value", lambda self, *a: visits.append(1) or original(self, *a))
    status, err = validate(capsys)
    assert status == 2
    assert re.search(r"claims/lol\.yaml:\d+:\d+: error: the YAML expands to too many nodes", err), err
    assert "= hint: anchors and aliases may not multiply the document; write the values out" in err
    budget = max(yamlfile.MIN_NODE_BUDGET, yamlfile.NODE_BUDGET_PER_BYTE * len(text))
    assert len(visits) < 2 * budget + 1_000     # 10**9 nodes are never visited: the refusal is quick by construction


DEEP = {
    "flow sequences": "claims: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "flow mappings": "claims: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n",
    "block sequences on one line": "claims:\n" + "- " * 100_000 + "x\n",
    "explicit keys on one line": "claims:\n  " + "? " * 100_000 + "x\n",
    "explicit keys and sequences": "claims:\n  " + "? - " * 50_000 + "x\n",
    "deep indentation": "claims:\n" + "".join(" " * (depth + 1) + "a:\n" for depth in range(1_500))
                        + " " * 1_502 + "x\n",
    "deep sequence indentation": "claims:\n" + "".join(" " * depth + "-\n" for depth in range(1_500))
                                 + " " * 1_500 + "x\n",
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_is_refused_before_the_composer_can_crash(project, shape):
    project.write("claims/deep.yaml", "source: {title: T}\n" + DEEP[shape])
    # in a subprocess: a regression here is a segmentation fault, which would end the test run
    done = subprocess.run([sys.executable, "-m", "factcheck", "validate"], cwd=project.root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    found = re.search(r"claims/deep\.yaml:(\d+):(\d+): error: the YAML is nested deeper than 64 levels", done.stderr)
    assert found, done.stderr[-2000:]
    line, column = map(int, found.groups())
    assert 2 <= line <= 70 and column >= 1
    assert "= hint: flatten it, or raise FACTCHECK_MAX_DEPTH" in done.stderr


def test_the_environment_raises_the_nesting_limit_up_to_its_ceiling(monkeypatch):
    text = "[" * 100 + "]" * 100
    with pytest.raises(InputError, match="nested deeper than 64 levels"):
        yamlfile.parse(text, "deep.yaml")
    monkeypatch.setenv("FACTCHECK_MAX_DEPTH", str(yamlfile.HARD_MAX_DEPTH))
    assert yamlfile.parse(text, "deep.yaml").problems == []
    deepest = "".join(" " * level + "a:\n" for level in range(yamlfile.HARD_MAX_DEPTH - 1)) + "x: 1\n"
    assert yamlfile.parse(deepest, "deep.yaml").problems == []   # the walker's recursion fits in Python's stack
    with pytest.raises(InputError, match=f"nested deeper than {yamlfile.HARD_MAX_DEPTH} levels"):
        yamlfile.parse("[" * 250 + "]" * 250, "deep.yaml")


# --- values that once crashed the reader -------------------------------------------------------------

@pytest.mark.parametrize("predicate, value, message", [
    ("funds", '"' + "9" * 5_000 + '"', "expected a count (a whole number, or 'at least 5'), found '999"),
    ("funds", "²", "expected a count (a whole number, or 'at least 5'), found '²'"),
    ("start", "99999 years ago", "'99999 years ago' falls outside the years 1 to 9999"),
    ("start", "99999999999 days ago", "'99999999999 days ago' falls outside the years 1 to 9999"),
    ("start", "{relative: tomorrow, anchor: 9999-12-31}", "'tomorrow' falls outside the years 1 to 9999"),
    ("start", "{relative: last week, anchor: 0001-01-01}", "'last week' falls outside the years 1 to 9999"),
    ("capacity", ".nan", "a quantity must be a finite number"),
    ("capacity", "-.inf", "a quantity must be a finite number"),
    ("capacity", "{amount: 1" + "0" * 400 + ", unit: t/yr}", "amount is too large a number"),   # at 6:21
    ("capacity", '"' + "9" * 400 + ' t/yr"', "a quantity must be a finite number"),
    ("capacity", "200 " + "x" * 50_000, "a unit of 50,000 characters is not a unit (the limit is 100)"),
    ("capacity", "200 t**9**9**9", "unknown unit 't**9**9**9': a power must be a small plain number, such as m**2"),
    ("capacity", "200 t**1e308", "unknown unit 't**1e308': it does not convert to a finite amount"),
    ("capacity", '"up to' + " " * 50_000 + 'x"', "cannot read 'up to "),
])
def test_values_that_once_crashed_or_hung_are_positioned_errors(project, capsys, predicate, value, message):
    project.write("claims/v.yaml", f"""
        source: {{title: T, published: 2025-06-17}}
        claims:
          - id: v1
            subject: refinery
            predicate: {predicate}
            value: {value}
    """)
    status, err = validate(capsys)
    assert status == 2
    column = 21 if message.startswith("amount") else 12   # a mapping's wrong key, else the value
    assert f"claims/v.yaml:6:{column}: error: {message}" in err, err[:500]
    assert len(err.splitlines()[0]) < 700   # a huge value is not echoed whole


def test_a_unit_in_the_vocabulary_is_checked_the_same_way(project, capsys):
    project.write("rules/predicates.yaml", "predicates:\n  capacity: {type: quantity, unit: 't**9**9**9'}\n")
    status, err = validate(capsys)
    assert status == 2 and "rules/predicates.yaml:2:36: error: unknown unit 't**9**9**9'" in err, err
