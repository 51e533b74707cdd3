"""The temporal kind: relative dates against absolute ones, dates after their article, ends before starts."""
from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.dates import WEEKDAYS

AS_OF = date(2026, 11, 23)
REGISTRY = """
entities:
  summit: {name: Example summit, kind: event}
  plant: {name: Example plant, kind: facility}
"""
PREDICATES = """
predicates:
  event-date: {type: date}
  coup-date: {type: date, functional: false}
  construction-start: {type: date}
  completion-date: {type: date}
  operational-date: {type: date}
  deadline: {type: date}
"""


def _article(published, *claims: str) -> str:
    source = f"{{published: {published}}}" if published else "{}"
    return f"source: {source}\nclaims:\n" + "".join(f"  - {claim}\n" for claim in claims)


def _findings(scratch, rule: str, *articles: str, rule_text: str | None = None):
    scratch.write("claims/entities.yaml", REGISTRY)
    scratch.write("rules/predicates.yaml", PREDICATES)
    for number, article in enumerate(articles, start=1):
        scratch.write(f"claims/article-{number}.yaml", article)
    if rule_text is None:
        scratch.use_rule(rule)
    else:
        scratch.write(f"rules/{rule}.yaml", rule_text)
    return list(scratch.check(as_of=AS_OF).findings)


def _ids(finding) -> set[str]:
    return {claim.id for claim in finding.claims}


# --- relative dates ---------------------------------------------------------------------------------

def test_a_weekday_in_an_undated_article_contradicts_a_day_of_another_weekday(scratch):
    found = _findings(scratch, "weekday-mismatch",
                      _article(None, "{id: a1, subject: summit, predicate: event-date, value: on Monday}"),
                      _article("2025-06-20", "{id: b1, subject: summit, predicate: event-date, value: 2025-06-17}"))
    assert len(found) == 1
    finding = found[0]
    assert (finding.rule, finding.certainty, finding.severity) == ("weekday-mismatch", "definite", "error")
    assert _ids(finding) == {"a1", "b1"}
    assert "'on Monday' (article-1, undated) but June 17, 2025 (article-2) was a Tuesday" in finding.reason


def test_a_matching_weekday_does_not_fire(scratch):
    assert _findings(scratch, "weekday-mismatch",
                     _article(None, "{id: a1, subject: summit, predicate: event-date, value: on Tuesday}"),
                     _article(None, "{id: b1, subject: summit, predicate: event-date, value: 2025-06-17}")) == []


def test_an_inferred_date_makes_the_finding_possible(scratch):
    found = _findings(scratch, "weekday-mismatch",
                      _article(None, "{id: a1, subject: summit, predicate: event-date, value: on Monday}"),
                      _article(None, "{id: b1, subject: summit, predicate: event-date, "
                                     "value: {date: 2025-06-17, inferred: one day before the session}}"))
    assert [(f.certainty, f.severity) for f in found] == [("possible", "warning")]
    assert _ids(found[0]) == {"a1", "b1"}
    assert "inferred" in found[0].reason and "Tuesday" in found[0].reason


def test_the_right_weekday_in_another_week_is_only_possible(scratch):
    # Published Friday 2025-06-20: "on Tuesday" reads as 2025-06-17, but 2025-06-10 was a Tuesday too.
    found = _findings(scratch, "weekday-mismatch",
                      _article("2025-06-20", "{id: a1, subject: summit, predicate: event-date, value: on Tuesday}"),
                      _article(None, "{id: b1, subject: summit, predicate: event-date, value: 2025-06-10}"))
    assert [f.certainty for f in found] == ["possible"]
    assert "Tuesday, June 17, 2025" in found[0].reason and "earlier week" in found[0].reason


def test_a_resolved_relative_date_outside_the_absolute_one_is_definite(scratch):
    found = _findings(scratch, "weekday-mismatch",
                      _article("2025-03-01", "{id: a1, subject: summit, predicate: event-date, value: last year}"),
                      _article("2025-07-01", "{id: b1, subject: summit, predicate: event-date, value: 2023}",
                               "{id: b2, subject: summit, predicate: event-date, value: 2024-05}"))
    assert [(_ids(f), f.certainty) for f in found] == [({"a1", "b1"}, "definite")]
    assert "'last year' (article-1, published 2025-03-01) means 2024, which is not 2023" in found[0].reason


def test_a_plan_against_a_report_is_only_possible(scratch):
    found = _findings(scratch, "weekday-mismatch",
                      _article("2025-05-10", "{id: a1, subject: summit, predicate: event-date, value: next month, "
                                             "modality: planned}"),
                      _article("2025-09-01", "{id: b1, subject: summit, predicate: event-date, value: 2025-08-01}"))
    assert [(_ids(f), f.certainty) for f in found] == [({"a1", "b1"}, "possible")]
    assert "plan" in found[0].reason


def test_dates_of_a_predicate_with_many_true_values_are_not_compared(scratch):
    assert _findings(scratch, "weekday-mismatch",
                     _article(None, "{id: a1, subject: summit, predicate: coup-date, value: on Monday}"),
                     _article(None, "{id: b1, subject: summit, predicate: coup-date, value: 2025-06-17}")) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)), published=st.booleans(),
       lag=st.integers(min_value=1, max_value=6))
def test_a_weekday_never_conflicts_with_a_date_on_that_weekday(scratch, day, published, lag):
    weekday = WEEKDAYS[day.weekday()].capitalize()
    # Published within the week after `day`, so "on <weekday>" resolves to `day` itself.
    source = (day + timedelta(days=lag)).isoformat() if published else None
    found = _findings(scratch, "weekday-mismatch",
                      _article(source, f"{{id: a1, subject: summit, predicate: event-date, value: on {weekday}}}"),
                      _article(None, f"{{id: b1, subject: summit, predicate: event-date, value: {day.isoformat()}}}"))
    assert found == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)), shift=st.integers(1, 6))
def test_any_other_weekday_always_conflicts(scratch, day, shift):
    weekday = WEEKDAYS[(day.weekday() + shift) % 7]
    found = _findings(scratch, "weekday-mismatch",
                      _article(None, f"{{id: a1, subject: summit, predicate: event-date, value: on {weekday}}}"),
                      _article(None, f"{{id: b1, subject: summit, predicate: event-date, value: {day.isoformat()}}}"))
    assert [(_ids(f), f.certainty) for f in found] == [({"a1", "b1"}, "definite")]
    assert f"was a {WEEKDAYS[day.weekday()].capitalize()}" in found[0].reason


# --- dates after their own article ------------------------------------------------------------------

def test_an_asserted_date_after_publication_fires(scratch):
    found = _findings(scratch, "impossible-order",
                      _article("2025-06-01", "{id: a1, subject: plant, predicate: construction-start, "
                                             "value: 2025-09}"))
    assert [(_ids(f), f.certainty, f.severity) for f in found] == [({"a1"}, "definite", "error")]
    assert "published 2025-06-01" in found[0].reason and "planned or expected" in found[0].reason


def test_plans_undated_articles_and_open_bounds_do_not_fire(scratch):
    assert _findings(scratch, "impossible-order",
                     _article("2025-06-01",
                              "{id: a1, subject: plant, predicate: construction-start, value: 2025-09, "
                              "modality: planned}",
                              "{id: a2, subject: plant, predicate: completion-date, value: by 2027}"),
                     _article(None, "{id: b1, subject: summit, predicate: event-date, value: 2030}")) == []


def test_future_ok_predicates_may_lie_in_the_future(scratch):
    rule = _rule("future_ok: [deadline]")
    found = _findings(scratch, "after", _article("2025-06-01",
                                                 "{id: a1, subject: plant, predicate: deadline, value: 2027}",
                                                 "{id: a2, subject: summit, predicate: event-date, value: 2027}"),
                      rule_text=rule)
    assert [_ids(f) for f in found] == [{"a2"}]


# --- an end before its start ------------------------------------------------------------------------

def test_an_end_before_the_start_fires_across_sources(scratch):
    found = _findings(scratch, "impossible-order",
                      _article("2025-06-01",
                               "{id: a1, subject: plant, predicate: construction-start, value: 2025-03}"),
                      _article("2025-07-01", "{id: b1, subject: plant, predicate: completion-date, value: 2024}",
                               "{id: b2, subject: plant, predicate: completion-date, value: 2024}"))
    assert [(_ids(f), f.certainty) for f in found] == [({"a1", "b1", "b2"}, "definite")]
    assert "completion-date is 2024 (article-2), entirely before its construction-start 2025-03 (article-1)" \
        in found[0].reason


def test_a_plan_overtaken_by_a_later_start_is_only_possible(scratch):
    found = _findings(scratch, "impossible-order",
                      _article("2020-01-01", "{id: a1, subject: plant, predicate: completion-date, value: 2024, "
                                             "modality: planned}"),
                      _article("2025-07-01", "{id: b1, subject: plant, predicate: construction-start, "
                                             "value: 2025-03}"))
    assert [(_ids(f), f.certainty, f.severity) for f in found] == [({"a1", "b1"}, "possible", "warning")]
    assert "plan" in found[0].reason


def test_overlapping_and_open_dates_are_in_order(scratch):
    assert _findings(scratch, "impossible-order",
                     _article("2025-07-01",
                              "{id: a1, subject: plant, predicate: construction-start, value: 2025}",
                              "{id: a2, subject: plant, predicate: completion-date, value: 2025-02}",
                              "{id: a3, subject: plant, predicate: construction-start, value: after 2020}")) == []


def test_an_order_pair_needs_two_predicates(scratch):
    scratch.write("rules/bad.yaml", _rule("past_after_publication: false\n  order: [[construction-start]]"))
    project = scratch.open()
    assert [p.file for p in project.problems] == ["rules/bad.yaml"]


def _rule(params: str) -> str:
    return f"""
kind: temporal
description: test rule
severity: error
message: "{{detail}} / {{values}}"
select: {{predicate_types: [date]}}
params:
  relative: false
  {params}
examples:
  fire: [{{name: f, articles: [{{source: {{outlet: A}}}}]}}]
  pass: [{{name: p, articles: [{{source: {{outlet: A}}}}]}}]
"""


def test_messages_carry_values_and_detail(scratch):
    rule = _rule("past_after_publication: false\n  order: [[construction-start, completion-date]]")
    found = _findings(scratch, "order",
                      _article("2025-07-01", "{id: a1, subject: plant, predicate: construction-start, value: 2025}",
                               "{id: a2, subject: plant, predicate: completion-date, value: 2023}"),
                      rule_text=rule)
    assert [f.message for f in found] == [
        "completion-date 2023 (article-1) is before construction-start 2025 (article-1) / 2025 (article-1); "
        "2023 (article-1)"]
    assert json.loads(json.dumps(found[0].as_dict()))["certainty"] == "definite"


def test_a_report_repeating_a_value_keeps_the_fingerprint(scratch):
    start = _article("2025-06-01", "{id: a1, subject: plant, predicate: construction-start, value: 2025-03}")
    end = _article("2025-07-01", "{id: b1, subject: plant, predicate: completion-date, value: 2024}")
    again = _article("2025-08-01", "{id: c1, subject: plant, predicate: completion-date, value: 2024}")
    before = _findings(scratch, "impossible-order", start, end)
    after = _findings(scratch, "impossible-order", start, end, again)
    assert [_ids(f) for f in after] == [{"a1", "b1", "c1"}]
    assert before[0].fingerprint == after[0].fingerprint
