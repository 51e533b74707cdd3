"""The findings on the bundled corpus are pinned: a change in what factcheck reports on real articles is seen."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from factcheck.project import check_project, open_project

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
EXPECTED = {
    ("conflicting-titles", "definite", ("gr-goita-rank-at-ceremony", "gr-goita-rank-at-launch",
                                        "gr-subhead-goita-rank", "neo-goita-rank-at-groundbreaking")),
    ("weekday-mismatch", "definite", ("gr-refinery-construction-start", "jic-refinery-construction-start")),
    ("name-variants", "definite", ("jic-sanou-office", "menafn-sanou-office", "menafn-visit-camara",
                                   "menafn-visit-date", "menafn-visit-location", "menafn-visit-sanou")),
    ("plan-overdue", "definite", ("menafn-exploration-start",)),
    ("plan-overdue", "definite", ("menafn-specialists-arrival",)),
    ("unsupported-ranking", "definite", ("lith-mali-spodumene-top-five",)),
    ("unsupported-ranking", "definite", ("neo-gold-most-valuable",)),
}


def _report():
    project = open_project(start=REPO)
    assert project.problems == []
    return check_project(project, as_of=AS_OF, use_baseline=False)


def test_the_bundled_corpus_gives_exactly_the_reviewed_findings():
    found = {(f.rule, f.certainty, tuple(sorted(c.id for c in f.claims))) for f in _report().findings}
    assert found == EXPECTED, (f"new: {sorted(found - EXPECTED)}\nmissing: {sorted(EXPECTED - found)}\n"
                               "update claims/README.md and this test together")


def test_the_corpus_readme_explains_every_finding():
    readme = (REPO / "claims" / "README.md").read_text(encoding="utf-8")
    for rule, _, claim_ids in EXPECTED:
        assert f"**{rule}**" in readme
        assert any(f"`{claim_id}`" in readme for claim_id in claim_ids), (rule, claim_ids)


def test_the_reviewed_baseline_accepts_every_finding():
    report = check_project(open_project(start=REPO), as_of=AS_OF, baseline=REPO / "factcheck-baseline.yaml")
    assert report.findings == () and len(report.accepted) == len(EXPECTED) and report.stale == ()


def test_the_new_eastern_outlook_reproduces_the_groundbreaking_report():
    """Shared verbatim text makes two articles one source: why 'second-largest' is still supported."""
    from factcheck.kinds.base import Context
    from factcheck.kinds.independence import independent_groups

    corpus = open_project(start=REPO).corpus
    groups = independent_groups(Context(registry=corpus.registry, predicates=corpus.predicates,
                                        all_claims=corpus.claims, as_of=AS_OF), 8)
    assert groups["2025-07-01-kremlin-meeting"] == groups["undated-senou-gold-refinery"]
    assert len({groups[source] for source in corpus.sources}) == 4
