"""Dates as articles give them: with a precision, as bounds, or relative to the article.

A date is a span of days: "2025" is every day of 2025, "2025-06" every day of June,
"by 2027" everything up to the end of 2027. Two dates agree when their spans share
a day, which is why "2025" agrees with "2025-06-17" while "2025-06-16" and
"2025-06-17" do not. Relative expressions ("on Monday", "next month", "over the
past two years") are kept as said and resolved against an anchor, usually the
article's publication date; a weekday is kept as a constraint of its own, since
"on Monday" contradicts "June 17, 2025" (a Tuesday) even when the anchor is unknown.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PRECISIONS = ("day", "month", "year")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


class DateError(ValueError):
    """A date or relative expression that cannot be read."""


@dataclass(frozen=True, order=True)
class Span:
    """Every day from `start` to `end`, both included; None is an open end."""

    start: date | None
    end: date | None

    def overlaps(self, other: Span) -> bool:
        return ((self.end is None or other.start is None or other.start <= self.end)
                and (other.end is None or self.start is None or self.start <= other.end))

    def contains(self, other: Span) -> bool:
        return ((self.start is None or (other.start is not None and self.start <= other.start))
                and (self.end is None or (other.end is not None and other.end <= self.end)))

    def is_day(self) -> bool:
        return self.start is not None and self.start == self.end


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def span_of(year: int, month: int | None = None, day: int | None = None) -> Span:
    if month is None:
        return Span(date(year, 1, 1), date(year, 12, 31))
    if day is None:
        return Span(date(year, month, 1), month_end(year, month))
    only = date(year, month, day)
    return Span(only, only)


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_WRITTEN = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?(?:\s+(\d{1,2}))?,?\s+(\d{4})$")


def parse_absolute(value: object) -> tuple[Span, str]:
    """Read 2025, "2025-06", 2025-06-17 (a YAML date), or "June 17, 2025"; returns span and precision."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return span_of(value.year, value.month, value.day), "day"
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a date")
    if isinstance(value, int):
        return _checked(value, None, None), "year"
    if not isinstance(value, str):
        raise DateError(f"{value!r} is not a date")
    text = value.strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        return _checked(year, month, day), "day" if day else "month" if month else "year"
    match = _WRITTEN.match(text)
    if match:
        day_a, month_name, day_b, year = match.groups()
        month = _month_number(month_name)
        if month is not None:
            day = day_a or day_b
            return _checked(int(year), month, int(day) if day else None), "day" if day else "month"
    raise DateError(f"cannot read {value!r} as a date")


def _checked(year: int, month: int | None, day: int | None) -> Span:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range")
    try:
        return span_of(year, month, day)
    except ValueError as exc:
        raise DateError(f"no such date: {exc}") from None


def _month_number(name: str) -> int | None:
    name = name.lower()
    for index, month in enumerate(MONTHS, start=1):
        if month == name or (len(name) >= 3 and month.startswith(name)):
            return index
    return None


def _number(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    raise DateError(f"cannot read {word!r} as a number")


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Resolution:
    """What a relative expression means at an anchor: a span, its precision, and any weekday."""

    span: Span | None
    precision: str
    weekday: int | None = None


_UNIT = r"(day|week|month|year)s?"
_N = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_RELATIVE = [
    ("weekday", re.compile(rf"^(?:on\s+|last\s+|this\s+(?:past\s+)?)?({'|'.join(WEEKDAYS)})$")),
    ("day", re.compile(r"^(today|yesterday|tomorrow)$")),
    ("calendar", re.compile(r"^(this|next|last|past|previous|coming)\s+(week|month|year)$")),
    ("part-of-year", re.compile(r"^(earlier|later)\s+this\s+year$")),
    ("ago", re.compile(rf"^{_N}\s+{_UNIT}\s+(ago|earlier|later|before|after|from now)$")),
    ("past", re.compile(rf"^(?:over|in|during|for)\s+the\s+(?:past|last)\s+{_N}\s+{_UNIT}$")),
    ("next-n", re.compile(rf"^(?:over|in|during|within)\s+the\s+next\s+{_N}\s+{_UNIT}$")),
    ("month-of", re.compile(rf"^(?:in\s+)?({'|'.join(MONTHS)})(?:\s+of)?\s+(last|this|next)\s+year$")),
    ("last-month-name", re.compile(rf"^(?:in\s+)?(last|this|next)\s+({'|'.join(MONTHS)})$")),
]


def is_relative(text: str) -> bool:
    folded = _fold(text)
    return any(pattern.match(folded) for _, pattern in _RELATIVE)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().rstrip("."))


def weekday_of(text: str) -> int | None:
    match = _RELATIVE[0][1].match(_fold(text))
    return WEEKDAYS.index(match.group(1)) if match else None


def resolve(text: str, anchor: Span | None, *, future: bool = False) -> Resolution:
    """Resolve a relative expression against an anchor span (None: unknown anchor).

    `future` says which way an ambiguous weekday points: a plan's "on Monday" is the
    next Monday, a report's the last one.
    """
    folded = _fold(text)
    for name, pattern in _RELATIVE:
        match = pattern.match(folded)
        if match:
            try:
                return _RESOLVERS[name](match, anchor, future)
            except DateError:
                raise
            except (ValueError, OverflowError):   # a huge count, or a date beyond the calendar
                raise DateError(f"{text!r} falls outside the years 1 to 9999") from None
    raise DateError(f"cannot read {text!r} as a relative date",)


def _weekday(match, anchor, future):
    weekday = WEEKDAYS.index(match.group(1))
    if anchor is None or not anchor.is_day():
        return Resolution(None, "day", weekday)
    day = anchor.start
    if future:
        delta = (weekday - day.weekday()) % 7 or 7
        found = day + timedelta(days=delta)
    else:
        delta = (day.weekday() - weekday) % 7 or 7
        found = day - timedelta(days=delta)
    return Resolution(Span(found, found), "day", weekday)


def _day(match, anchor, future):
    if anchor is None or not anchor.is_day():
        return Resolution(None, "day")
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[match.group(1)]
    found = anchor.start + timedelta(days=offset)
    return Resolution(Span(found, found), "day")


def _calendar(match, anchor, future):
    which, unit = match.groups()
    step = {"this": 0, "next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1}[which]
    return _shift_unit(anchor, unit, step)


def _shift_unit(anchor: Span | None, unit: str, step: int) -> Resolution:
    if anchor is None or anchor.start is None:
        return Resolution(None, unit if unit != "week" else "day")
    base = anchor.start
    if unit == "year":
        return Resolution(span_of(base.year + step), "year")
    if unit == "month":
        if anchor.end is not None and (anchor.end - anchor.start).days > 31:
            return Resolution(None, "month")  # the anchor is a year: which month is unknown
        moved = add_months(base, step)
        return Resolution(span_of(moved.year, moved.month), "month")
    if not anchor.is_day():
        return Resolution(None, "day")
    monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
    return Resolution(Span(monday, monday + timedelta(days=6)), "week")


def _part_of_year(match, anchor, future):
    if anchor is None or anchor.start is None:
        return Resolution(None, "year")
    year_end = date(anchor.start.year, 12, 31)
    if match.group(1) == "earlier":
        return Resolution(Span(date(anchor.start.year, 1, 1), anchor.end or anchor.start), "range")
    return Resolution(Span(anchor.start, year_end), "range")


def _ago(match, anchor, future):
    count, unit, direction = _number(match.group(1)), match.group(2), match.group(3)
    sign = 1 if direction in ("later", "after", "from now") else -1
    if anchor is None or anchor.start is None:
        return Resolution(None, "day" if unit == "week" else unit)
    moved = _move(anchor, unit, sign * count)
    if unit in ("day", "week"):
        return Resolution(moved, "day" if anchor.is_day() else "range")
    # "three months ago" names a month, not a day: widen to the whole month (or year)
    start, end = moved.start, moved.end
    if unit == "month":
        return Resolution(Span(span_of(start.year, start.month).start, span_of(end.year, end.month).end), "month")
    return Resolution(Span(date(start.year, 1, 1), date(end.year, 12, 31)), "year")


def _move(anchor: Span, unit: str, amount: int) -> Span:
    def shift(day: date | None) -> date | None:
        if day is None:
            return None
        if unit == "day":
            return day + timedelta(days=amount)
        if unit == "week":
            return day + timedelta(weeks=amount)
        if unit == "month":
            return add_months(day, amount)
        return add_months(day, 12 * amount)
    return Span(shift(anchor.start), shift(anchor.end))


def _past(match, anchor, future):
    count, unit = _number(match.group(1)), match.group(2)
    if anchor is None or anchor.start is None:
        return Resolution(None, "range")
    return Resolution(Span(_move(anchor, unit, -count).start, anchor.end), "range")


def _next_n(match, anchor, future):
    count, unit = _number(match.group(1)), match.group(2)
    if anchor is None or anchor.start is None:
        return Resolution(None, "range")
    return Resolution(Span(anchor.start, _move(anchor, unit, count).end), "range")


def _month_of(match, anchor, future):
    month, which = MONTHS.index(match.group(1)) + 1, match.group(2)
    if anchor is None or anchor.start is None:
        return Resolution(None, "month")
    year = anchor.start.year + {"last": -1, "this": 0, "next": 1}[which]
    return Resolution(span_of(year, month), "month")


def _last_month_name(match, anchor, future):
    which, month = match.group(1), MONTHS.index(match.group(2)) + 1
    if anchor is None or anchor.start is None or anchor.end is None:
        return Resolution(None, "month")
    year = anchor.start.year
    if which == "last":
        year -= 0 if month < anchor.start.month else 1
    elif which == "next":
        year += 0 if month > anchor.end.month else 1
    return Resolution(span_of(year, month), "month")


_RESOLVERS = {
    "weekday": _weekday, "day": _day, "calendar": _calendar, "part-of-year": _part_of_year,
    "ago": _ago, "past": _past, "next-n": _next_n, "month-of": _month_of,
    "last-month-name": _last_month_name,
}


def describe(span: Span | None, precision: str) -> str:
    """A date as a person writes it at its precision: 2025, 2025-06, 2025-06-17, or a range."""
    if span is None:
        return "unknown"
    start, end = span.start, span.end
    if start is not None and end is not None:
        if precision == "year" and start.month == 1 and start.day == 1:
            return f"{start.year}"
        if precision == "month" and start.day == 1:
            return f"{start.year}-{start.month:02d}"
        if start == end:
            return start.isoformat()
        return f"{start.isoformat()}..{end.isoformat()}"
    if start is None and end is not None:
        return f"by {end.isoformat()}"
    if start is not None:
        return f"from {start.isoformat()}"
    return "any time"
