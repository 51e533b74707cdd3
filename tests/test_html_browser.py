"""The HTML report in a real browser: headless Chromium renders it, and we read the DOM it ends with.

What a person would check: the finding cards are there, the quote that carries a
script is shown as text and nothing it carries runs, the filters work (applied
from the URL fragment on load, as a bookmarked view would be), and the page
renders to a screenshot of some substance. A deliberately unsafe page shows that
the harness would notice a payload that ran. Skipped when Chromium is not
installed (Debian: `apt-get install -y chromium`).
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.project import check_project, open_project
from factcheck.reporters import html

FIXTURE = Path(__file__).parent / "fixtures" / "reporting" / "with-findings"
PAYLOAD = '<img src=x onerror="document.documentElement.dataset.pwned=1">'


def _chromium() -> str | None:
    named = os.environ.get("FACTCHECK_CHROMIUM")
    if named:
        return named
    return next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed "
                                                          "(Debian: apt-get install -y chromium)")


def browse(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *extra, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def dump_dom(page: Path, profile: Path, fragment: str = "") -> str:
    done = browse(page.as_uri() + fragment, profile, "--dump-dom")
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(dom: str) -> _Elements:
    parser = _Elements()
    parser.feed(dom)
    return parser


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    project = open_project(start=FIXTURE)
    report = check_project(project)
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(html.render(report, root=project.settings.root, corpus=project.corpus), encoding="utf-8")
    return path


def test_the_page_renders_cards_and_shows_the_injection_as_text(page, tmp_path):
    dom = parse(dump_dom(page, tmp_path / "profile"))
    root = next(attrs for tag, attrs in dom.tags if tag == "html")
    assert root.get("data-ready") == "1"             # our script ran
    assert "data-pwned" not in root                  # no injected handler ran
    cards = [attrs for tag, attrs in dom.tags if tag == "article"]
    assert len(cards) == 4 and not any("hidden" in card for card in cards)
    assert [tag for tag, _ in dom.tags].count("script") == 1
    assert not [tag for tag, _ in dom.tags if tag == "img"]
    assert not [(tag, attrs) for tag, attrs in dom.tags for name in attrs if name.startswith("on")]
    text = "".join(dom.text)
    assert "<script>alert(1)</script>" in text and PAYLOAD in text   # shown, as the words they are
    assert "javascript:alert(1)" in text
    assert not [attrs for tag, attrs in dom.tags if tag == "a" and "javascript" in attrs.get("href", "")]
    filters = next(attrs for tag, attrs in dom.tags if tag == "form")
    assert "hidden" not in filters                   # shown once the script is there to run them


def test_the_harness_notices_a_payload_that_runs(tmp_path):
    unsafe = tmp_path / "unsafe.html"
    unsafe.write_text(f"<!DOCTYPE html><html><body><p>{PAYLOAD}</p></body></html>", encoding="utf-8")
    root = next(attrs for tag, attrs in parse(dump_dom(unsafe, tmp_path / "profile")).tags if tag == "html")
    assert root.get("data-pwned") == "1"


@pytest.mark.parametrize("fragment, shown", [("#severity=warning", {"warning"}),
                                             ("#severity=error&kind=conflict", {"error"}),
                                             ("#kind=none", set())])
def test_filters_from_the_fragment_hide_cards_that_do_not_match(page, tmp_path, fragment, shown):
    dom = parse(dump_dom(page, tmp_path / "profile", fragment))
    cards = [attrs for tag, attrs in dom.tags if tag == "article"]
    visible = [card for card in cards if "hidden" not in card]
    assert {card["data-severity"] for card in visible} == shown
    assert all(card["data-severity"] in shown for card in visible)
    assert len(cards) - len(visible) == sum(1 for card in cards if card["data-severity"] not in shown)
    root = next(attrs for tag, attrs in dom.tags if tag == "html")
    assert root["data-shown"] == str(len(visible))
    sections = {attrs["id"]: "hidden" in attrs for tag, attrs in dom.tags if tag == "section"}
    if shown == {"warning"}:   # the other entity has only errors: its whole section goes
        assert sections == {"entity-kounda-refinery": False, "entity-aurum-sahel": True}


def test_screenshot(page, tmp_path):
    shot = tmp_path / "report.png"
    done = browse(page.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000")
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000   # a rendered report, not a blank page
