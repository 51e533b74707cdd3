"""The fast YAML reader gives exactly what the positioned loader gives, or steps aside."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import fastload, yamlfile
from factcheck.problems import InputError

REPO = Path(__file__).resolve().parents[1]


def full(text: str):
    """What the positioned loader makes of `text`: its document, or None when it reports a problem."""
    try:
        document = yamlfile.parse(text, "f.yaml")
    except InputError:
        return None
    return None if document.problems else document


def same_as_full(text: str) -> bool:
    """The fast reader agrees with the positioned loader, or leaves the text to it; never anything else."""
    fast = fastload.parse(text, "f.yaml")
    if fast is None:
        return True
    reference = full(text)
    assert reference is not None, f"the fast reader accepted what the full loader refuses: {text!r}"
    assert repr(fast.data) == repr(reference.data), text
    for path, position in fast.positions.items():
        assert reference.positions[path] == position, (text, path)
    return False


@pytest.mark.parametrize("path", sorted((REPO / "claims").glob("*.yaml")) + sorted((REPO / "rules").glob("*.yaml"))
                         + sorted((REPO / "tests" / "fixtures").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_reads_the_same(path: Path):
    same_as_full(yamlfile.read_text(path, path.name))


@pytest.mark.parametrize("value", [
    "yes", "No", "on", "OFF", "true", "~", "null", "Null", "", "0x1F", "0o17", "017", "1_000", "1:30", "-5", "+7",
    "1.5", "1e3", ".inf", "-.Inf", ".nan", "2025-06-17", "2025-06-17 10:00:00", "2025-6-7", "2025-06", "2025",
    "2025-13-45", "=", "<<", "a: b", "x #comment", "x# not a comment", "plain text, with a comma",
    "'single ''quoted'''", '"double \\"quoted\\" \\u00e9 \\n"', '"\\x41 escape"', '"\\ud83d surrogate"',
    "[a, b, 'c d', \"e\"]", "{amount: 200, unit: t/yr}", "[{cites: report}, {cites: x, url: 'http://a'}]",
    "[a, [b, {c: d}]]", "[]", "{}", "[a, b,]", "[a: b]", "{a, b}", "{a: b, a: c}", "&anchor x", "*alias",
    "!!str 5", "!tag x", "|", ">-", "- a", "? x", "Goïta", "\"unterminated", "[a, b", "https://example.org/x",
    "http:", "a:b", "€1.5 billion", "$5 million", "@x", "`x`", "%x", "Côte d'Ivoire",
])
def test_scalars_and_flow_values(value: str):
    same_as_full(f"source:\n  title: t\nclaims:\n  - id: a1\n    value: {value}\n    note: n\n")
    same_as_full(f"items:\n- {value}\n- other\n")


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",                                   # a duplicate key
    "a:\n  b: 1\n   c: 2\n",                          # odd indentation
    "a: 1\n b: 2\n",
    "a: some\n  continued text\n",                    # a plain scalar over two lines
    "a: |\n  block\n",
    "---\na: 1\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a:\n\tb: 1\n",                                   # a tab
    "a: 1\r\nb: 2\r\n",
    "- - a\n",
    "a: [1,\n  2]\n",
    "",
    "# only a comment\n",
    "just a scalar\n",
    "yes: 1\nno: 2\n1: x\n2025-01-01: d\n~: n\n",      # keys that resolve to other types
    "a:\n- 1\n- 2\nb: 3\n",                           # an indentless sequence
    "a:\n  - x: 1\n    y: 2\n  - z\n",
    "a:\n  -\n    x: 1\n",
    "a: \"x\" # c\nb: 'y' #c\nc: [1] # d\n",
    "a: \"x\"y\n",
    "a: 'it''s'\n",
    "  a: 1\n  b: 2\n",
    "a:   \nb: 1\n",
    "a: x\u2028y\n",
    "a: x\x85y\n",
    "a: \ufeffx\n",
    "a: x\x0by\n",                                   # characters PyYAML refuses, after printable ones
    "a: Kon\u00e9 x\x9f\n",
    "a: Kon\u00e9\u00a0x\n",                          # not printable (a space), yet allowed
    "a: \U0001F600 \u00e9\n",
])
def test_structures(text: str):
    same_as_full(text)


def test_a_claims_file_with_positions():
    text = (REPO / "claims" / "2025-07-01-kremlin-meeting.yaml").read_text(encoding="utf-8")
    fast = fastload.parse(text, "k.yaml")
    reference = full(text)
    assert fast is not None and reference is not None
    assert fast.data == reference.data
    claims = fast.data["claims"]
    assert all(fast.where(("claims", index)) == reference.where(("claims", index)) for index in range(len(claims)))
    with pytest.raises(fastload.NeedsPositions):
        fast.where(("claims", 0, "subject"))
    with pytest.raises(fastload.NeedsPositions):
        fast.where(("source",), key=True)


def test_dates_and_limits(monkeypatch):
    assert fastload.parse("a: 2025-06-17\nb: '2025'\n", "f.yaml").data == {"a": date(2025, 6, 17), "b": "2025"}
    monkeypatch.setenv("FACTCHECK_MAX_SCALAR_CHARS", "5")
    assert fastload.parse("a: abcdefgh\n", "f.yaml") is None
    assert fastload.parse("a: abc\n", "f.yaml") is not None
    monkeypatch.setenv("FACTCHECK_MAX_DEPTH", "3")
    assert fastload.parse("a: abc\n", "f.yaml") is None


def test_a_key_remembered_under_one_limit_is_not_let_through_under_a_lower_one(monkeypatch):
    """Keys are remembered from file to file; a key read while the limit allowed it is still too long after
    the limit was lowered, in the mapping being read as at the start of a claim."""
    for text in ("a: 1\nlonger_key: x\n", "claims:\n  - a: 1\n    longer_key: x\n  - longer_key: y\n"):
        assert fastload.parse(text, "f.yaml") is not None
        monkeypatch.setenv("FACTCHECK_MAX_SCALAR_CHARS", "8")
        assert fastload.parse(text, "f.yaml") is None
        monkeypatch.delenv("FACTCHECK_MAX_SCALAR_CHARS")


_WORDS = st.sampled_from(["a", "b", "id", "yes", "no", "on", "null", "~", "1", "-1", "0x1f", "1_0", "1:2", "2.5",
                          "2025-06-17", "2025-06", "t/yr", "Goïta", "x y", "x: y", "x #c", "#c", "&a", "*a",
                          "!t", "|", ">", "'q'", "'q''s'", '"d"', '"e\\"s"', '"\\t"', "[a, b]", "{k: v}",
                          "[{k: v}]", "[", "{", "}", "]", ",", "-", "- x", "? x", "", " ", "\t", "'", '"',
                          "https://a.b/c", "a:b", "€5", "%p", "@x"])


@st.composite
def documents(draw):
    """Block YAML of mappings, sequences and scalars, with odd tokens, indentation and comments mixed in."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 2, 4, 4, 6, 1, 3]))
        shape = draw(st.sampled_from(["key", "key", "item", "itemkey", "keyonly", "itemonly", "comment", "blank",
                                      "raw"]))
        key = draw(st.sampled_from(["id", "subject", "value", "claims", "source", "yes", "1", "a b", "a", "-x",
                                    "'q'", "k"]))
        word = draw(_WORDS)
        if shape == "key":
            lines.append(f"{indent}{key}: {word}")
        elif shape == "item":
            lines.append(f"{indent}- {word}")
        elif shape == "itemkey":
            lines.append(f"{indent}- {key}: {word}")
        elif shape == "keyonly":
            lines.append(f"{indent}{key}:")
        elif shape == "itemonly":
            lines.append(f"{indent}-")
        elif shape == "comment":
            lines.append(f"{indent}# {word}")
        elif shape == "blank":
            lines.append("")
        else:
            lines.append(f"{indent}{word}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_documents_read_the_same_or_are_left_to_pyyaml(text: str):
    same_as_full(text)


_SCALARS = st.sampled_from(["a", "text with spaces", "yes", "No", "on", "null", "~", "1", "-1", "0x1f", "1_0",
                            "1:20", "2.5", "1e3", ".inf", "2025-06-17", "2025-06", "2025-06-17 10:20:30",
                            "t/yr", "Goïta", "'single'", "'it''s'", '"double"', '"esc \\" \\n \\u00e9"', "''",
                            '""', "[a, 'b', 1]", "{amount: 5, unit: MW}", "[{cites: x}]", "[]", "{}",
                            "https://a.b/c?d=e", "€5 bn", "a,b", "x#y", "trailing # comment", "-x", ".5"])
_KEYS = st.sampled_from(["id", "subject", "value", "claims", "source", "yes", "1", "a b", "k.v", "x_y", "2025-01-01"])


def _tree(depth: int):
    if depth == 0:
        return _SCALARS
    children = _tree(depth - 1)
    return st.one_of(_SCALARS, st.lists(children, min_size=1, max_size=4),
                     st.dictionaries(_KEYS, children, min_size=1, max_size=4))


def _block(value, indent: int, step: int, indentless: bool) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, child in value.items():
            if isinstance(child, (dict, list)):
                lines.append(f"{pad}{key}:")
                nested = indent if isinstance(child, list) and indentless else indent + step
                lines.extend(_block(child, nested, step, indentless))
            else:
                lines.append(f"{pad}{key}: {child}")
        return lines
    if isinstance(value, list):
        lines = []
        for child in value:
            if isinstance(child, dict):
                inner = _block(child, indent + 2, step, indentless)
                lines.append(f"{pad}- {inner[0].lstrip(' ')}")
                lines.extend(inner[1:])
            elif isinstance(child, list):
                lines.append(f"{pad}-")
                lines.extend(_block(child, indent + step, step, indentless))
            else:
                lines.append(f"{pad}- {child}")
        return lines
    return [f"{pad}{value}"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _tree(3), min_size=1, max_size=5), st.sampled_from([2, 4]), st.booleans(),
       st.booleans())
def test_well_formed_documents_read_the_same(tree, step: int, indentless: bool, comments: bool):
    lines = _block(tree, 0, step, indentless)
    if comments:
        lines = [part for line in lines for part in (line, "  # a comment")]
    same_as_full("\n".join(lines) + "\n")
