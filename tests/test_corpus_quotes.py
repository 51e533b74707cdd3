"""Every quote in the bundled corpus is the article's own words, short, and from its own article.

The seed articles live outside the repository: at `<repo>/../shared/seeds/` or at the
path in `FACTCHECK_SEEDS`. Without them the test is skipped. Quotes are compared after
`normalise_quote` on both sides (typographic quote marks made plain, spacing collapsed),
so only whitespace and quote-mark style may differ from the article.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from factcheck.text import normalise_quote

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "claims"
MAX_QUOTE_CHARS = 300


def _seeds_folder() -> Path:
    configured = os.environ.get("FACTCHECK_SEEDS")
    return Path(configured) if configured else REPO.parent / "shared" / "seeds"


def _claims_files() -> list[Path]:
    return sorted(path for path in CLAIMS.glob("*.y*ml")
                  if path.suffix in (".yaml", ".yml") and path.name != "entities.yaml")


def _quotes(path: Path) -> list[tuple[str, str]]:
    """(claim id, quote) for every claim of a claims file; a claim without a quote gets ''."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(str(claim.get("id")), claim.get("quote") or "") for claim in data.get("claims") or []]


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    folder = _seeds_folder()
    if not folder.is_dir():
        pytest.skip(f"seed articles not found at {folder} (set FACTCHECK_SEEDS to their folder)")
    texts = {path.name: normalise_quote(path.read_text(encoding="utf-8"))
             for path in sorted(folder.iterdir()) if path.is_file() and not path.name.startswith(".")}
    if not texts:
        pytest.skip(f"no seed articles in {folder}")
    return texts


def test_there_are_claims_files():
    assert _claims_files(), f"no claims files in {CLAIMS}"


@pytest.mark.parametrize("path", _claims_files(), ids=lambda p: p.name)
def test_every_claim_has_a_short_quote(path: Path):
    missing = [claim_id for claim_id, quote in _quotes(path) if not quote.strip()]
    too_long = [f"{claim_id} ({len(quote)} chars)" for claim_id, quote in _quotes(path)
                if len(quote) > MAX_QUOTE_CHARS]
    assert not missing, f"{path.name}: claims without a quote: {', '.join(missing)}"
    assert not too_long, (f"{path.name}: quotes longer than {MAX_QUOTE_CHARS} characters: "
                          f"{', '.join(too_long)}")


@pytest.mark.parametrize("path", _claims_files(), ids=lambda p: p.name)
def test_quotes_are_verbatim_from_one_article(path: Path, seeds: dict[str, str]):
    quotes = [(claim_id, normalise_quote(quote)) for claim_id, quote in _quotes(path) if quote.strip()]
    if not quotes:
        pytest.skip(f"{path.name} has no quotes")
    # The file's article is the seed that contains the most of its quotes; every quote must be in it.
    found = {name: [claim_id for claim_id, quote in quotes if quote in text] for name, text in seeds.items()}
    article = max(found, key=lambda name: len(found[name]))
    absent = [(claim_id, quote) for claim_id, quote in quotes if quote not in seeds[article]]
    if absent:
        lines = []
        for claim_id, quote in absent:
            elsewhere = [name for name, text in seeds.items() if quote in text]
            where = f" (found in {', '.join(elsewhere)} instead)" if elsewhere else " (in no article)"
            lines.append(f"  {claim_id}: {quote!r}{where}")
        pytest.fail(f"{path.name} is matched to {article} ({len(found[article])} of {len(quotes)} quotes), "
                    f"but {len(absent)} quote(s) are not in it:\n" + "\n".join(lines))


def test_each_article_has_one_claims_file(seeds: dict[str, str]):
    """Two claims files matched to one article would mean one of them quotes the wrong article."""
    matched: dict[str, list[str]] = {}
    for path in _claims_files():
        quotes = [normalise_quote(quote) for _, quote in _quotes(path) if quote.strip()]
        if not quotes:
            continue
        best = max(seeds, key=lambda name: sum(quote in seeds[name] for quote in quotes))
        matched.setdefault(best, []).append(path.name)
    shared = {article: files for article, files in matched.items() if len(files) > 1}
    assert not shared, f"claims files matched to the same article: {shared}"
