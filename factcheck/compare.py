"""Do two values agree? Do two claims hold at the same time? Type-aware, and honest about doubt.

`agreement` answers AGREE, DISAGREE, MAYBE (they differ, but an approximation or
bound leaves room) or INCOMPARABLE (different units, rankings of different
things, an unresolved relative date): rules report only what they can stand behind.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model.claims import Claim
from .model.values import Count, DateValue, EntityRef, Quantity, Rank, Text

AGREE, DISAGREE, MAYBE, INCOMPARABLE = "agree", "disagree", "maybe", "incomparable"


@dataclass(frozen=True)
class Tolerance:
    relative: float = 0.01       # exact figures: rounding slack
    approximate: float = 0.10    # "about 60": how far "about" reaches


def agreement(a, b, tolerance: Tolerance = Tolerance(), registry=None) -> str:
    if a is None or b is None or type(a) is not type(b):
        return INCOMPARABLE
    if isinstance(a, Quantity):
        return _quantities(a, b, tolerance)
    if isinstance(a, DateValue):
        return _dates(a, b)
    if isinstance(a, EntityRef):
        return _entities(a, b, registry)
    if isinstance(a, Rank):
        return _ranks(a, b)
    if isinstance(a, Count):
        return _counts(a, b)
    if isinstance(a, Text):
        return AGREE if a.folded == b.folded else DISAGREE
    return AGREE if a == b else DISAGREE


def _quantities(a: Quantity, b: Quantity, tolerance: Tolerance) -> str:
    if a.dimension != b.dimension:
        return INCOMPARABLE
    a_low, a_high = a.interval(tolerance=tolerance.relative, approximate=tolerance.approximate)
    b_low, b_high = b.interval(tolerance=tolerance.relative, approximate=tolerance.approximate)
    if a_low <= b_high and b_low <= a_high:
        return AGREE
    return MAYBE if "approximate" in (a.bound, b.bound) else DISAGREE


def _dates(a: DateValue, b: DateValue) -> str:
    span_a, span_b = a.span, b.span
    if span_a is None or span_b is None:
        return INCOMPARABLE
    if span_a.overlaps(span_b):
        return AGREE
    return MAYBE if (a.inferred or b.inferred) else DISAGREE


def _entities(a: EntityRef, b: EntityRef, registry) -> str:
    """Equal ids agree; so do an entity and what it is part of ("Government of Mali", "Mali")."""
    if a.id == b.id:
        return AGREE
    if registry is not None and (a.id in registry.containers(b.id) or b.id in registry.containers(a.id)):
        return AGREE
    return DISAGREE


def _ranks(a: Rank, b: Rank) -> str:
    from .text import fold

    if fold(a.among) != fold(b.among) or fold(a.scope or "") != fold(b.scope or ""):
        return INCOMPARABLE
    a_low, a_high = a.positions()
    b_low, b_high = b.positions()
    return AGREE if a_low <= b_high and b_low <= a_high else DISAGREE


def _counts(a: Count, b: Count) -> str:
    def interval(count: Count) -> tuple[float, float]:
        if count.bound == "at-most":
            return (0, count.count)
        if count.bound == "at-least":
            return (count.count, float("inf"))
        if count.bound == "approximate":
            return (count.count * 0.8, count.count * 1.2)
        return (count.count, count.count)

    a_low, a_high = interval(a)
    b_low, b_high = interval(b)
    if a_low <= b_high and b_low <= a_high:
        return AGREE
    return MAYBE if "approximate" in (a.bound, b.bound) else DISAGREE


def value_key(value) -> str:
    """A value's normal form as text: equal for "200 t/yr" and "200 tonnes per year", "Gen" and "General"."""
    if isinstance(value, Quantity):
        return f"q:{value.dimension}:{value.si_low:.9g}:{value.si_high:.9g}:{value.bound}"
    if isinstance(value, DateValue):
        return f"d:{value.start}:{value.end}:{value.bound}:{value.said or ''}"
    if isinstance(value, EntityRef):
        return f"e:{value.id}"
    if isinstance(value, Text):
        return f"t:{value.folded}"
    if isinstance(value, Rank):
        from .text import fold

        return f"r:{fold(value.among)}:{fold(value.scope or '')}:{value.positions()}"
    if isinstance(value, Count):
        return f"c:{value.count}:{value.bound}"
    return f"v:{value!r}"


SAME_TIME, NEAR_TIME, OTHER_TIME, UNKNOWN_TIME = "same", "near", "other", "unknown"


def timing(a: Claim, b: Claim, *, near_days: int = 0) -> str:
    """Whether two claims hold at the same time: by event, or by overlapping date spans."""
    if a.holds_event or b.holds_event:
        return SAME_TIME if a.holds_event == b.holds_event else UNKNOWN_TIME
    span_a = a.holds.span if a.holds else None
    span_b = b.holds.span if b.holds else None
    if span_a is None or span_b is None:
        return UNKNOWN_TIME
    if span_a.overlaps(span_b):
        return SAME_TIME
    if near_days and _gap_days(span_a, span_b) <= near_days:
        return NEAR_TIME
    return OTHER_TIME


def _gap_days(a, b) -> int:
    if a.end is not None and b.start is not None and a.end < b.start:
        return (b.start - a.end).days
    if b.end is not None and a.start is not None and b.end < a.start:
        return (a.start - b.end).days
    return 0
