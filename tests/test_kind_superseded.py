"""The superseded kind's plans: when one is overdue, and what a re-check on another date may keep."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.kinds.superseded import Params, changes_between
from factcheck.project import check_project

REPO = Path(__file__).resolve().parents[1]

REGISTRY = "entities:\n  mine: {name: Example mine, kind: facility}\n"
PREDICATES = "predicates:\n  operational-date: {type: date}\n"
_DAYS = st.dates(date(2024, 1, 1), date(2028, 12, 31))


def _project(scratch, target: date, grace: int):
    rule = (REPO / "rules" / "plan-overdue.yaml").read_text(encoding="utf-8")
    assert "grace_days: 0" in rule
    scratch.write("rules/plan-overdue.yaml", rule.replace("grace_days: 0", f"grace_days: {grace}"))
    scratch.write("claims/entities.yaml", REGISTRY)
    scratch.write("rules/predicates.yaml", PREDICATES)
    scratch.write("claims/article.yaml", f"""
        source: {{outlet: Wire A, published: 2023-06-01}}
        claims:
          - {{id: a1, subject: mine, predicate: operational-date, value: {target.isoformat()}, modality: planned}}
        """)
    project = scratch.open()
    assert not project.problems
    return project


def _overdue(project, as_of: date) -> list:
    return list(check_project(project, as_of=as_of).findings)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=_DAYS, grace=st.integers(0, 90), before=_DAYS, after=_DAYS)
def test_a_plan_changes_between_two_dates_exactly_when_its_finding_does(scratch, target, grace, before, after):
    """`changes_between` is what a re-check on another date relies on to keep every other finding."""
    project = _project(scratch, target, grace)
    found_before, found_after = _overdue(project, before), _overdue(project, after)
    assert changes_between(Params(grace_days=grace), target, before, after) == (found_before != found_after)
    if found_before and found_after:
        assert found_before == found_after   # the finding does not name the reference date: the report does


def test_a_plan_is_overdue_from_the_day_after_its_date_and_its_grace(scratch):
    target = date(2025, 6, 30)
    project = _project(scratch, target, 10)
    assert not _overdue(project, target + timedelta(days=10))
    (finding,) = _overdue(project, target + timedelta(days=11))
    assert finding.reason == ("Wire A reported that the operational-date of Example mine was planned for "
                              "2025-06-30. That date passed on 2025-06-30, and no report in the corpus "
                              "published after it says whether it happened.")
    assert not changes_between(Params(grace_days=10), target, date(2026, 1, 1), date(2031, 1, 1))
    assert changes_between(Params(grace_days=10), target, target + timedelta(days=10), target + timedelta(days=11))
    assert not changes_between(Params(plans=False), target, date(2024, 1, 1), date(2031, 1, 1))
