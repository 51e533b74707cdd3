"""Dates: precision, bounds, and relative dates resolved against the article."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import dates
from factcheck.compare import AGREE, DISAGREE, agreement
from factcheck.registry import Registry
from factcheck.value_reading import ReadingContext, read_date


def at(anchor: date | None, **kwargs) -> ReadingContext:
    span = dates.Span(anchor, anchor) if anchor else None
    return ReadingContext(registry=Registry(), anchor=span, **kwargs)


def test_precision_agreement():
    year, day, other_day = (read_date(v, at(None)) for v in (2025, date(2025, 6, 17), date(2025, 6, 16)))
    assert agreement(year, day) == AGREE
    assert agreement(day, other_day) == DISAGREE
    assert agreement(read_date("2025-06", at(None)), day) == AGREE
    assert agreement(read_date("June 17, 2025", at(None)), day) == AGREE


@pytest.mark.parametrize("said, anchor, expected", [
    ("on Monday", date(2025, 6, 18), "2025-06-16"),
    ("on Wednesday", date(2024, 10, 3), "2024-10-02"),
    ("next month", date(2024, 10, 3), "2024-11"),
    ("last year", date(2024, 10, 3), "2023"),
    ("September of last year", date(2024, 10, 3), "2023-09"),
    ("in September last year", date(2024, 10, 3), "2023-09"),
    ("yesterday", date(2025, 3, 1), "2025-02-28"),
    ("over the past two years", date(2025, 7, 1), "2023-07-01..2025-07-01"),
    ("three months ago", date(2025, 7, 1), "2025-04"),
])
def test_relative_dates_resolve_against_the_anchor(said, anchor, expected):
    value = read_date(said, at(anchor))
    assert value.said == said
    assert dates.describe(value.span, value.precision) == expected


def test_weekday_is_kept_when_the_anchor_is_unknown():
    value = read_date("on Monday", at(None))
    assert value.span is None and value.weekday == 0
    assert value.display() == '"on Monday" (unresolved)'


def test_a_plan_points_forward():
    value = read_date("on Monday", at(date(2025, 6, 18), future=True))
    assert value.start == date(2025, 6, 23)


def test_bounds():
    by = read_date("by 2027", at(None))
    assert (by.start, by.end, by.bound) == (None, date(2027, 12, 31), "by")
    assert agreement(by, read_date(date(2026, 5, 1), at(None))) == AGREE
    assert agreement(by, read_date(2028, at(None))) == DISAGREE


def test_inferred_dates_say_so():
    value = read_date({"date": "2025-06", "inferred": "one month before the July 29 session"}, at(None))
    assert value.inferred and value.display() == "2025-06 (inferred)"


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days)
def test_a_year_contains_its_months_and_days(day):
    year, _ = dates.parse_absolute(day.year)
    month, _ = dates.parse_absolute(f"{day.year}-{day.month:02d}")
    only, _ = dates.parse_absolute(day)
    assert year.contains(month) and month.contains(only) and year.contains(only)
    assert agreement(read_date(day.year, at(None)), read_date(day, at(None))) == AGREE


@given(days, st.integers(min_value=1, max_value=3000))
def test_different_days_disagree(day, offset):
    other = day + timedelta(days=offset)
    assert agreement(read_date(day, at(None)), read_date(other, at(None))) == DISAGREE


@given(days, st.sampled_from(dates.WEEKDAYS))
def test_a_named_weekday_resolves_to_that_weekday_within_the_week_before(anchor, weekday):
    value = read_date(f"on {weekday.title()}", at(anchor))
    assert value.start.weekday() == dates.WEEKDAYS.index(weekday)
    assert 1 <= (anchor - value.start).days <= 7
