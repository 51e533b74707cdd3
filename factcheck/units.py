"""Units: "200 tonnes/year", "200-ton-per-year" and "200 t/yr" as one value.

pint does the unit algebra; this module only turns newsroom spellings into
something pint reads, decides how the ambiguous "ton" is read (the corpus says
which: metric, short or long) and reduces every quantity to SI base units, so
that comparing two claims needs no unit registry at all.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

TON_READINGS = {"metric": "metric_ton", "short": "short_ton", "long": "long_ton"}

# Units that newsrooms use and pint lacks. Currencies are dimensions of their own:
# no fixed rate converts one into another, so they are never compared across.
_EXTRA_UNITS = [
    "USD = [currency_USD] = dollar = dollars = US_dollar",
    "EUR = [currency_EUR] = euro = euros",
    "XOF = [currency_XOF] = CFA_franc = FCFA",
    "RUB = [currency_RUB] = rouble = roubles = ruble = rubles",
    "GBP = [currency_GBP] = pound_sterling",
    "CNY = [currency_CNY] = yuan",
    "decade_of_years = 10 * year",   # pint's own "decade" is a logarithmic ratio
]

_TON_WORD = re.compile(r"(?<![A-Za-z_])tons?(?![A-Za-z_])", re.IGNORECASE)
_SPELLINGS = [
    (re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])"), " "),  # "ton-per-year" -> "ton per year"
    (re.compile(r"\bper cent\b", re.IGNORECASE), "percent"),
    (re.compile(r"\bmetric tons?\b", re.IGNORECASE), "tonne"),
    (re.compile(r"\bdecades?\b", re.IGNORECASE), "decade_of_years"),
    (re.compile(r"\ba year\b|\bannually\b|\bper annum\b|\bp\.a\.", re.IGNORECASE), "/ year"),
    (re.compile(r"\bmtpa\b", re.IGNORECASE), "megatonne / year"),
    (re.compile(r"\$"), "USD "),
    (re.compile(r"€"), "EUR "),
]


# pint's parser is quadratic in the length of a unit it does not know, and evaluates powers as Python
# numbers (t**9**9**9 never ends): units are refused beyond this length, or with a power that is not
# a small plain number.
MAX_UNIT_CHARS = 100
_POWER = re.compile(r"\*\*|\^")
_SMALL_POWER = re.compile(r"(?:[-+]\s*)?\d{1,2}(?:\.\d{1,3})?(?!\s*(?:\*\*|\^|\(|\d|\.))")


class UnitError(ValueError):
    """A unit pint cannot read, or of the wrong dimension."""


@dataclass(frozen=True)
class Normalised:
    """A factor to SI base units, the dimension, and pint's canonical unit name."""

    factor: float
    dimension: str
    canonical: str
    ton_reading: str | None


@lru_cache(maxsize=1)
def registry():
    """The one pint registry, built on first use (it costs ~0.1 s)."""
    import pint

    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    for definition in _EXTRA_UNITS:
        ureg.define(definition)
    return ureg


def spell_for_pint(unit: str, ton: str) -> tuple[str, str | None]:
    """Rewrite a newsroom unit for pint; returns the text and the ton reading used, if any."""
    text = unit.strip()
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    reading = None
    if _TON_WORD.search(text):
        if ton not in TON_READINGS:
            raise UnitError(f"unknown reading of 'ton': {ton!r} (expected metric, short or long)")
        text = _TON_WORD.sub(TON_READINGS[ton], text)
        reading = ton
    return text.strip(), reading


_KNOWN: dict[tuple[str, str], Normalised] = {}   # (unit, ton) -> what pint made of it, in this or an earlier run


def learn_units(known: dict) -> None:
    """Units normalised by an earlier run (from the cache, under a key that includes pint's version)."""
    _KNOWN.update(known)


@lru_cache(maxsize=4096)
def normalise(unit: str, ton: str = "metric") -> Normalised:
    """Reduce a unit to (factor to SI, dimension); cached, since corpora repeat units."""
    if not unit.strip():
        return Normalised(1.0, "dimensionless", "", None)
    if len(unit) > MAX_UNIT_CHARS:
        raise UnitError(f"a unit of {len(unit):,} characters is not a unit (the limit is {MAX_UNIT_CHARS})")
    if any(not _SMALL_POWER.match(unit[power.end():].lstrip()) for power in _POWER.finditer(unit)):
        raise UnitError(f"unknown unit {unit!r}: a power must be a small plain number, such as m**2")
    key = (unit.strip(), ton)
    if key not in _KNOWN and not _TABLE_READ:
        _read_table()
    if key not in _KNOWN:
        _KNOWN[key] = normalise_with_pint(unit, ton)
    return _KNOWN[key]


_TABLE_READ = False


def _read_table() -> None:
    """Add the common units pint normalised beforehand (`unit_table.py`) to what is known, once."""
    global _TABLE_READ
    from .unit_table import known

    _TABLE_READ = True
    for key, value in known().items():
        _KNOWN.setdefault(key, value)


def normalise_with_pint(unit: str, ton: str = "metric") -> Normalised:
    """What pint makes of a unit, asked now (`normalise` asks only for units it does not know)."""
    text, reading = spell_for_pint(unit, ton)
    ureg = registry()
    try:
        quantity = ureg.Quantity(1, text)
        base = quantity.to_base_units()
        factor = float(base.magnitude)
    except Exception as exc:  # pint raises many types; all mean "not a unit"
        raise UnitError(f"unknown unit {unit!r}") from exc
    if not math.isfinite(factor) or factor == 0:
        raise UnitError(f"unknown unit {unit!r}: it does not convert to a finite amount")
    return Normalised(factor, str(quantity.dimensionality), f"{quantity.units:~}", reading)


def dimension_of(unit: str, ton: str = "metric") -> str:
    return normalise(unit, ton).dimension
