"""Typed values a claim can assert: what was said, normalised so that claims compare.

Each value keeps the words it was written with (`display`) next to its normal form
(SI magnitudes, day spans, registry ids, folded text): findings show the former,
rules compare the latter.
"""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal, Union

from pydantic import ConfigDict

from ..dates import Span, describe
from ..text import fold
from .compact import Compact

QuantityBound = Literal["exact", "approximate", "at-most", "at-least", "range"]
DateBound = Literal["exact", "by", "from", "before", "after"]


class Value(Compact):
    model_config = ConfigDict(frozen=True, extra="forbid")
    shared_strings: ClassVar[tuple[str, ...]] = ("type",)   # strings that repeat across files (`compact.py`)
    shared_instances: ClassVar[bool] = True                 # and so do whole values

    def display(self) -> str:  # pragma: no cover - every value overrides it
        raise NotImplementedError


class Quantity(Value):
    """A number with a unit and the way it was said ("up to", "approximately", a range)."""

    shared_strings: ClassVar[tuple[str, ...]] = ("type", "unit", "bound", "dimension", "ton_reading")
    type: Literal["quantity"] = "quantity"
    low: float
    high: float
    unit: str
    bound: QuantityBound = "exact"
    dimension: str
    si_low: float
    si_high: float
    ton_reading: str | None = None

    def display(self) -> str:
        number = _number(self.low)
        unit = f" {self.unit}" if self.unit and self.unit not in ("%",) else self.unit
        if self.bound == "range":
            return f"{_number(self.low)}-{_number(self.high)}{unit}"
        prefix = {"exact": "", "approximate": "about ", "at-most": "up to ", "at-least": "at least "}
        return f"{prefix[self.bound]}{number}{unit}"

    def interval(self, *, tolerance: float, approximate: float) -> tuple[float, float]:
        """The SI values this statement allows, widened by the rule's tolerances."""
        slack = approximate if self.bound == "approximate" else tolerance
        low, high = self.si_low * (1 - slack), self.si_high * (1 + slack)
        if self.bound == "at-most":
            low = float("-inf") if self.si_high < 0 else 0.0
        if self.bound == "at-least":
            high = float("inf")
        return (min(low, high), max(low, high))


class DateValue(Value):
    """A date at its precision, a bound ("by 2027"), or a relative expression resolved or not."""

    shared_strings: ClassVar[tuple[str, ...]] = ("type", "precision", "bound", "said", "inferred")
    type: Literal["date"] = "date"
    start: date | None = None
    end: date | None = None
    precision: str = "day"
    bound: DateBound = "exact"
    said: str | None = None          # the relative words as the article gave them
    anchor: date | None = None       # what they were resolved against
    weekday: int | None = None       # 0 = Monday, when the article named a weekday
    inferred: str | None = None      # the basis of an inferred date; None when stated

    @property
    def span(self) -> Span | None:
        if not self.has_span:
            return None
        return Span(self.start, self.end)

    @property
    def has_span(self) -> bool:
        """Whether `span` is not None, without making it (rules ask it of every date)."""
        return self.start is not None or self.end is not None

    def display(self) -> str:
        exact = describe(self.span, self.precision) if self.span else None
        bound = {"exact": "", "by": "by ", "from": "from ", "before": "before ", "after": "after "}[self.bound]
        core = exact if self.bound == "exact" else bound + _bound_text(self)
        if self.said:
            return f'"{self.said}" ({core})' if core else f'"{self.said}" (unresolved)'
        if self.inferred:
            return f"{core} (inferred)"
        return core or "unknown"


def _bound_text(value: DateValue) -> str:
    if value.bound in ("by", "before"):
        return describe(Span(value.end, value.end), "day") if value.precision == "day" else \
            _year_or_month(value.end, value.precision)
    return describe(Span(value.start, value.start), "day") if value.precision == "day" else \
        _year_or_month(value.start, value.precision)


def _year_or_month(day: date | None, precision: str) -> str:
    if day is None:
        return "unknown"
    return f"{day.year}" if precision == "year" else f"{day.year}-{day.month:02d}"


class EntityRef(Value):
    shared_strings: ClassVar[tuple[str, ...]] = ("type", "id", "name")
    type: Literal["entity"] = "entity"
    id: str
    name: str

    def display(self) -> str:
        return self.name


class Rank(Value):
    """A position in a ranking ("second-largest") or a top-N ("among the top five")."""

    shared_strings: ClassVar[tuple[str, ...]] = ("type", "among", "scope")
    type: Literal["rank"] = "rank"
    position: int | None = None
    within_top: int | None = None
    among: str
    scope: str | None = None

    def display(self) -> str:
        where = f" ({self.scope})" if self.scope else ""
        if self.position is not None:
            return f"#{self.position} among {self.among}{where}"
        return f"top {self.within_top} among {self.among}{where}"

    def positions(self) -> tuple[int, int]:
        if self.position is not None:
            return (self.position, self.position)
        return (1, self.within_top or 1)


class Count(Value):
    shared_strings: ClassVar[tuple[str, ...]] = ("type", "bound")
    type: Literal["count"] = "count"
    count: int
    bound: QuantityBound = "exact"

    def display(self) -> str:
        prefix = {"exact": "", "approximate": "about ", "at-most": "up to ", "at-least": "at least ",
                  "range": ""}[self.bound]
        return f"{prefix}{self.count}"


class Boolean(Value):
    type: Literal["boolean"] = "boolean"
    value: bool

    def display(self) -> str:
        return "yes" if self.value else "no"


class Text(Value):
    type: Literal["text"] = "text"
    text: str

    @property
    def folded(self) -> str:
        return fold(self.text)

    def display(self) -> str:
        return self.text


TypedValue = Union[Quantity, DateValue, EntityRef, Rank, Count, Boolean, Text]
VALUE_TYPES = ("quantity", "date", "entity", "rank", "count", "boolean", "text")


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "") if float(value).is_integer() else f"{value:g}"
