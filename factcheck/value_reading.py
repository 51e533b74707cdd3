"""Reading a claim's `value` as written into the typed value its predicate calls for.

Shorthands keep hand-written claims short: `200 t/yr`, `up to 200 tonnes/year`,
`about 60 tons`, `1-2 GW`, `by 2027`, `next month`, `on Monday`, an entity's
name or alias. The mapping forms say the same with keys, and add what a shorthand
cannot: an inferred date with its basis, a ranking's scope.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from . import dates
from .model.registry import Predicate
from .model.values import Boolean, Count, DateValue, EntityRef, Quantity, Rank, Text
from .registry import Registry, did_you_mean
from .units import UnitError, normalise


class ValueProblem(ValueError):
    """A value that does not fit its predicate; `hint` says what would."""

    def __init__(self, message: str, hint: str | None = None, key: str | None = None):
        super().__init__(message)
        self.hint = hint
        self.key = key   # the key inside a mapping value that is wrong, if any


@dataclass(frozen=True)
class ReadingContext:
    registry: Registry
    ton: str = "metric"
    anchor: dates.Span | None = None      # the article's publication date
    anchor_precision: str = "day"
    future: bool = False                  # a plan's or expectation's relative dates point forward


_BOUND_WORDS = [
    ("at-most", r"up to|at most|no more than|as much as|a maximum of|maximum|max\.?|under|below|less than|<=?|≤"),
    ("at-least", r"at least|more than|over|above|a minimum of|minimum|min\.?|in excess of|>=?|≥"),
    ("approximate", r"about|approximately|approx\.?|around|roughly|nearly|almost|some|close to|an estimated|"
                    r"estimated|~|≈|c\.|circa"),
]
_MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
                "b": 1e9, "trillion": 1e12, "tn": 1e12}
_NUM = r"\d[\d,]*(?:\.\d+)?|\.\d+"
# No two runs of spaces may meet (`\s*(...)?\s*` backtracks quadratically on a long run of spaces), and
# the unit takes the rest of the text, line breaks included, so the tail never fails to match.
_QUANTITY = re.compile(
    rf"^(?P<bound>{'|'.join(p for _, p in _BOUND_WORDS)})?\s*(?:(?P<currency>[$€])\s*)?(?P<low>{_NUM})"
    rf"(?:\s*(?:-|–|to)\s*(?:(?P=currency)\s*)?(?P<high>{_NUM}))?"
    rf"\s*(?P<mult>thousand|million|billion|trillion|bn|mn|tn)?\b\s*(?P<unit>.*)$",
    re.IGNORECASE | re.DOTALL)
_BETWEEN = re.compile(rf"^between\s+(?P<low>{_NUM})\s+and\s+(?P<high>{_NUM})\s*(?P<unit>.*)$",
                      re.IGNORECASE | re.DOTALL)


def read_quantity(raw: object, predicate: Predicate, context: ReadingContext) -> Quantity:
    if isinstance(raw, bool) or raw is None:
        raise ValueProblem(f"expected a quantity such as '200 t/yr', found {raw!r}")
    if isinstance(raw, (int, float)):
        return _quantity(float(raw), float(raw), "exact", predicate.unit or "", predicate, context)
    if isinstance(raw, dict):
        return _quantity_from_mapping(raw, predicate, context)
    if not isinstance(raw, str):
        raise ValueProblem(f"expected a quantity such as '200 t/yr', found {type(raw).__name__}")
    text = raw.strip().replace("\u2212", "-")
    match = _BETWEEN.match(text)
    if match:
        return _quantity(_float(match["low"]), _float(match["high"]), "range", match["unit"], predicate, context)
    match = _QUANTITY.match(text)
    if not match:
        raise ValueProblem(f"cannot read {raw!r} as a quantity",
                          hint="write a number and a unit: '200 t/yr', 'up to 200 tonnes/year', 'about 60 t'")
    bound = _bound_of(match["bound"]) if match["bound"] else "exact"
    factor = _MULTIPLIERS[match["mult"].lower()] if match["mult"] else 1.0
    low = _float(match["low"]) * factor
    high = _float(match["high"]) * factor if match["high"] else low
    if match["high"]:
        bound = "range"
    unit = " ".join(part for part in (match["currency"] and {"$": "USD", "€": "EUR"}[match["currency"]],
                                      match["unit"].strip().lstrip("-– ")) if part)
    return _quantity(low, high, bound, unit or predicate.unit or "", predicate, context)


def _bound_of(words: str) -> str:
    for name, pattern in _BOUND_WORDS:
        if re.fullmatch(pattern, words.strip(), re.IGNORECASE):
            return name
    return "exact"  # pragma: no cover - the regex only matches known words


def _float(text: str) -> float:
    return float(text.replace(",", ""))


def _quantity_from_mapping(raw: dict, predicate: Predicate, context: ReadingContext) -> Quantity:
    allowed = {"amount", "min", "max", "unit", "bound"}
    unknown = set(raw) - allowed
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise ValueProblem(f"unknown key {key!r} in a quantity", hint=f"expected: {', '.join(sorted(allowed))}",
                          key=key)
    unit = raw.get("unit", predicate.unit or "")
    if not isinstance(unit, str):
        raise ValueProblem("a quantity's unit must be text", key="unit")
    bound = raw.get("bound", "exact")
    if bound not in ("exact", "approximate", "at-most", "at-least"):
        raise ValueProblem(f"unknown bound {bound!r}", hint="exact, approximate, at-most or at-least", key="bound")
    if "amount" in raw:
        amount = _number(raw["amount"], "amount")
        return _quantity(amount, amount, bound, unit, predicate, context)
    if "min" in raw and "max" in raw:
        return _quantity(_number(raw["min"], "min"), _number(raw["max"], "max"), "range", unit, predicate, context)
    if "min" in raw:
        amount = _number(raw["min"], "min")
        return _quantity(amount, amount, "at-least", unit, predicate, context)
    if "max" in raw:
        amount = _number(raw["max"], "max")
        return _quantity(amount, amount, "at-most", unit, predicate, context)
    raise ValueProblem("a quantity needs 'amount', or 'min' and/or 'max'")


def _number(value: object, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueProblem(f"{key} must be a number, found {value!r}", key=key)
    try:
        return float(value)
    except OverflowError:
        raise ValueProblem(f"{key} is too large a number", key=key) from None


def _quantity(low: float, high: float, bound: str, unit: str, predicate: Predicate,
              context: ReadingContext) -> Quantity:
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueProblem("a quantity must be a finite number", hint="write the number the article gives")
    if low > high:
        raise ValueProblem(f"a range from {low:g} down to {high:g}", hint="write the smaller number first")
    try:
        unit_info = normalise(unit, context.ton)
    except UnitError as exc:
        raise ValueProblem(str(exc), hint="units are read by pint: t/yr, tonnes per year, MW, km, %, USD") from None
    if predicate.unit:
        expected = normalise(predicate.unit, context.ton)
        if expected.dimension != unit_info.dimension:
            raise ValueProblem(f"{unit or 'a bare number'!r} is not a unit of {predicate.id!r}, "
                              f"which is measured like {predicate.unit!r}",
                              hint=f"use a unit of {expected.dimension}")
    return Quantity(low=low, high=high, unit=unit.strip(), bound=bound, dimension=unit_info.dimension,
                    si_low=low * unit_info.factor, si_high=high * unit_info.factor,
                    ton_reading=unit_info.ton_reading)


_DATE_BOUND = re.compile(r"^(by|before|after|from|since|no later than|not before)\s+(.+)$",
                         re.IGNORECASE | re.DOTALL)
_BOUND_NAMES = {"by": "by", "no later than": "by", "before": "before", "after": "after", "from": "from",
                "since": "from", "not before": "from"}


def read_date(raw: object, context: ReadingContext) -> DateValue:
    if isinstance(raw, dict):
        return _date_from_mapping(raw, context)
    if isinstance(raw, str):
        text = raw.strip()
        if dates.is_relative(text):
            return _relative(text, context.anchor, context, inferred=None)
        match = _DATE_BOUND.match(text)
        if match:
            return _bounded(_BOUND_NAMES[match.group(1).lower()], match.group(2), inferred=None)
    return _absolute(raw, inferred=None)


_ABSOLUTE: dict[object, DateValue] = {}   # a date as written -> its value, when stated
_ABSOLUTE_KEPT = 4096
_REMEMBERED = frozenset((int, str, date))   # the dates as written remembered; no two equal: not a bool (True == 1)
                                            # nor a datetime


def _absolute(raw: object, *, inferred: str | None) -> DateValue:
    """The date as written. Articles give the same few dates again and again (a year, a publication
    date), and a value is immutable: one read is remembered rather than parsed and validated again."""
    key = raw if inferred is None and type(raw) in _REMEMBERED else None
    found = _ABSOLUTE.get(key) if key is not None else None
    if found is not None:
        return found
    try:
        span, precision = dates.parse_absolute(raw)
    except dates.DateError as exc:
        raise ValueProblem(str(exc), hint="write 2025, 2025-06, 2025-06-17, 'June 17, 2025', 'by 2027' "
                                          "or a relative date such as 'next month'") from None
    value = DateValue(start=span.start, end=span.end, precision=precision, inferred=inferred)
    if key is not None:
        if len(_ABSOLUTE) >= _ABSOLUTE_KEPT:
            _ABSOLUTE.clear()
        _ABSOLUTE[key] = value
    return value


def _bounded(bound: str, raw: object, *, inferred: str | None) -> DateValue:
    exact = _absolute(raw, inferred=inferred)
    if bound in ("by", "before"):
        end = exact.end if bound == "by" else exact.start
        return DateValue(start=None, end=end, precision=exact.precision, bound=bound, inferred=inferred)
    start = exact.start if bound == "from" else exact.end
    return DateValue(start=start, end=None, precision=exact.precision, bound=bound, inferred=inferred)


def _relative(text: str, anchor: dates.Span | None, context: ReadingContext, *, inferred: str | None) -> DateValue:
    try:
        resolution = dates.resolve(text, anchor, future=context.future)
    except dates.DateError as exc:
        raise ValueProblem(str(exc)) from None
    span = resolution.span
    return DateValue(start=span.start if span else None, end=span.end if span else None,
                     precision=resolution.precision if resolution.precision in dates.PRECISIONS else "day",
                     said=text, anchor=anchor.start if anchor and anchor.is_day() else None,
                     weekday=resolution.weekday, inferred=inferred)


def _date_from_mapping(raw: dict, context: ReadingContext) -> DateValue:
    allowed = {"date", "relative", "anchor", "inferred", "by", "before", "after", "from"}
    unknown = set(raw) - allowed
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise ValueProblem(f"unknown key {key!r} in a date", hint=f"expected: {', '.join(sorted(allowed))}", key=key)
    inferred = raw.get("inferred")
    if inferred is not None and (not isinstance(inferred, str) or not inferred.strip()):
        raise ValueProblem("'inferred' must say, in words, what the date rests on", key="inferred")
    if "relative" in raw:
        anchor = context.anchor
        if "anchor" in raw:
            try:
                anchor, _ = dates.parse_absolute(raw["anchor"])
            except dates.DateError as exc:
                raise ValueProblem(str(exc), key="anchor") from None
        if not isinstance(raw["relative"], str):
            raise ValueProblem("'relative' must be the words of the article, such as 'next month'", key="relative")
        return _relative(raw["relative"], anchor, context, inferred=inferred)
    for bound in ("by", "before", "after", "from"):
        if bound in raw:
            return _bounded(bound, raw[bound], inferred=inferred)
    if "date" in raw:
        return _absolute(raw["date"], inferred=inferred)
    raise ValueProblem("a date mapping needs 'date', 'relative', or a bound ('by', 'before', 'after', 'from')")


def read_entity(raw: object, predicate: Predicate | None, context: ReadingContext) -> EntityRef:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueProblem(f"expected the id or name of a registered entity, found {raw!r}")
    entity = context.registry.resolve(raw)
    if entity is None:
        raise ValueProblem(f"unknown entity {raw!r}",
                          hint=did_you_mean(context.registry, raw) or "add it to the entity registry")
    if predicate is not None and predicate.entity_kinds and entity.kind not in predicate.entity_kinds:
        raise ValueProblem(f"{entity.id!r} is a {entity.kind}; {predicate.id!r} takes "
                          f"{' or '.join(predicate.entity_kinds)}")
    return EntityRef(id=entity.id, name=entity.name)


def read_rank(raw: object) -> Rank:
    if not isinstance(raw, dict):
        raise ValueProblem("expected a ranking such as {position: 2, among: gold producers, scope: Africa} "
                          "or {top: 5, among: spodumene exporters, scope: world}")
    allowed = {"position", "top", "among", "scope"}
    unknown = set(raw) - allowed
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise ValueProblem(f"unknown key {key!r} in a ranking", hint=f"expected: {', '.join(sorted(allowed))}", key=key)
    if ("position" in raw) == ("top" in raw):
        raise ValueProblem("a ranking needs exactly one of 'position' and 'top'")
    for key in ("position", "top"):
        if key in raw and (isinstance(raw[key], bool) or not isinstance(raw[key], int) or raw[key] < 1):
            raise ValueProblem(f"{key} must be a whole number from 1", key=key)
    if not isinstance(raw.get("among"), str):
        raise ValueProblem("a ranking needs 'among': what is ranked, such as 'gold producers'", key="among")
    scope = raw.get("scope")
    if scope is not None and not isinstance(scope, str):
        raise ValueProblem("'scope' must be text, such as 'Africa' or 'world'", key="scope")
    return Rank(position=raw.get("position"), within_top=raw.get("top"), among=raw["among"], scope=scope)


_COUNT_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12}


def read_count(raw: object) -> Count:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return Count(count=raw)
    if isinstance(raw, str):
        words = raw.strip().lower().split()
        bound = "exact"
        for name, pattern in _BOUND_WORDS:
            if len(words) > 1 and re.fullmatch(pattern, " ".join(words[:-1])):
                bound, words = name, words[-1:]
        if len(words) == 1 and words[0].isdecimal() and len(words[0]) <= 18:
            return Count(count=int(words[0]), bound=bound)
        if len(words) == 1 and words[0] in _COUNT_WORDS:
            return Count(count=_COUNT_WORDS[words[0]], bound=bound)
    raise ValueProblem(f"expected a count (a whole number, or 'at least 5'), found {raw!r}")


def read_value(raw: object, predicate: Predicate, context: ReadingContext):
    kind = predicate.type
    if kind == "quantity":
        return read_quantity(raw, predicate, context)
    if kind == "date":
        return read_date(raw, context)
    if kind == "entity":
        return read_entity(raw, predicate, context)
    if kind == "rank":
        return read_rank(raw)
    if kind == "count":
        return read_count(raw)
    if kind == "boolean":
        if not isinstance(raw, bool):
            raise ValueProblem(f"expected true or false, found {raw!r}")
        return Boolean(value=raw)
    if not isinstance(raw, str) or not raw.strip():
        raise ValueProblem(f"expected text, found {raw!r}",
                          hint="quote it if YAML reads it as something else: \"no\", \"2025\"")
    return Text(text=raw.strip())


def read_published(raw: object) -> DateValue | None:
    if raw is None or raw == "unknown":
        return None
    if isinstance(raw, dict):
        return _date_from_mapping(raw, ReadingContext(registry=Registry()))
    return _absolute(raw, inferred=None)
