"""What claims carry cannot drive a terminal or run in a rendered Markdown report.

The terminal: a quote, a speaker or an outlet with ANSI escape sequences, carriage
returns, bells or bidi overrides prints without them, in `check`'s text output and in
the problems `validate` prints. Markdown: the report is rendered by GitHub's own
renderer (cmarkgfm, with raw HTML allowed, the least forgiving setting), and the HTML
it gives has no script, no element with an event handler and no javascript: link,
while the quote still reads as the words it is. Skipped when cmarkgfm is not installed
(`pip install cmarkgfm`).
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from factcheck.cli import main
from factcheck.reporters import markdown

ENTITIES = "entities:\n  refinery: {name: Kounda refinery, kind: facility}\n"
PREDICATES = "predicates:\n  capacity: {type: quantity, unit: t/yr}\n"
TERMINAL_TRICKS = ["\x1b[31m", "\x1b]0;owned\x07", "\x1b[2J", "\r", "\x07", "\x08", "\x9b31m", "\u202e",
                   "\u2066", "\u200f", "\x00"]
MARKDOWN_TRICKS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))", "<javascript:alert(1)>", "![i](x onerror=alert(1))",
    "[ref][r]\n\n[r]: javascript:alert(1)", "&#106;avascript:alert(1)", "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)>", "`code` | cell | ** bold **", "@someone", "<!-- comment -->",
]


def write_project(scratch, quote_a: str, quote_b: str, outlet: str = "Daily A"):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", PREDICATES)
    scratch.use_rule("conflicting-values")
    for name, quote, value, source in (("a", quote_a, "200 t/yr", outlet), ("b", quote_b, "300 t/yr", "Weekly B")):
        scratch.write(f"claims/{name}.yaml", f"""
            source: {{title: {json.dumps(source)}, outlet: {json.dumps(source)}, published: 2025-06-17}}
            claims:
              - id: {name}1
                subject: refinery
                predicate: capacity
                value: {value}
                said_by: {{anonymous: {json.dumps(quote)}}}
                quote: {json.dumps(quote)}
        """)


def test_terminal_output_strips_control_and_bidi_characters(scratch, monkeypatch, capsys):
    quote = "the refinery " + " ".join(f"{trick}word{n}" for n, trick in enumerate(TERMINAL_TRICKS))
    write_project(scratch, quote, quote, outlet="Daily \x1b[5mA\u202e")
    monkeypatch.chdir(scratch.root)
    assert main(["check", "--as-of", "2026-01-01", "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert "word0" in out and f"word{len(TERMINAL_TRICKS) - 1}" in out and "Daily" in out
    for trick in TERMINAL_TRICKS:
        for char in trick:
            if not char.isprintable() or char in "\u202e\u2066\u200f":
                assert char not in out, f"{char!r} reached the terminal"


def test_colour_output_has_only_our_own_colour_codes(scratch, monkeypatch, capsys):
    quote = "the refinery \x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[31mred"
    write_project(scratch, quote, quote)
    monkeypatch.chdir(scratch.root)
    assert main(["check", "--as-of", "2026-01-01", "--color", "always"]) == 1
    out = capsys.readouterr().out
    assert set(re.findall(r"\x1b\[[0-9;]*m", out)) <= {"\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[2m", "\x1b[1m",
                                                         "\x1b[0m"}
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out
    assert out.count("\x1b[31m") == 1   # the one for the error label, none from the quote


def test_problems_printed_for_bad_input_strip_them_too(scratch, monkeypatch, capsys):
    write_project(scratch, "q", "q")
    scratch.write("claims/c.yaml", """
        source: {title: T}
        claims:
          - {id: c1, subject: "\\u202erefinery\\e[2J", predicate: capacity, value: 1 t/yr}
    """)
    monkeypatch.chdir(scratch.root)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert "claims/c.yaml:3:23: error: unknown entity" in err
    assert "\u202e" not in err and "\x1b" not in err


class _Rendered(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.text.append(data)


def test_markdown_rendered_by_githubs_renderer_runs_nothing(scratch):
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    quote = " ".join(MARKDOWN_TRICKS)
    write_project(scratch, quote, "a plain quote", outlet="<b onmouseover=alert(1)>Daily A</b>")
    text = markdown.render(scratch.check())
    page = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    rendered = _Rendered(page)
    tags = [tag for tag, _ in rendered.tags]
    assert not set(tags) & {"script", "img", "svg", "details", "iframe", "b"}, tags
    assert not [(tag, name) for tag, attrs in rendered.tags for name in attrs if name.startswith("on")]
    links = [attrs.get("href", "") for tag, attrs in rendered.tags if tag == "a"]
    assert not [href for href in links if not href.startswith(("http://", "https://", "#"))], links
    shown = "".join(rendered.text)
    assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown
    assert "[click](javascript:alert(1))" in shown and "<b onmouseover=alert(1)>Daily A</b>" in shown
    assert "<!-- comment -->" in shown
    rows = [line for line in text.splitlines() if line.startswith("| `a1`")]
    assert len(rows) == 1 and len(re.split(r"(?<!\\)\|", rows[0])) == 9   # the quote stays in its cell
