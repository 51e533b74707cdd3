"""Units: one value however it is spelled; the ambiguous "ton" read as the corpus says."""
from __future__ import annotations

import importlib.metadata
import math
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.compare import AGREE, DISAGREE, Tolerance, agreement
from factcheck.model.registry import Predicate
from factcheck.registry import Registry
from factcheck.units import UnitError, normalise
from factcheck.value_reading import ReadingContext, ValueProblem, read_quantity

CAPACITY = Predicate(id="annual-capacity", type="quantity", unit="t/yr")
CONTEXT = ReadingContext(registry=Registry())
SPELLINGS = ["{n} t/yr", "{n} tonnes/year", "{n}-ton-per-year", "{n} tonnes per year", "{n} tonnes a year",
             "{n} metric tons per year", "{n} t per annum"]


def read(text: str, ton: str = "metric"):
    return read_quantity(text, CAPACITY, ReadingContext(registry=Registry(), ton=ton))


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_newsroom_spellings_are_one_value(spelling):
    assert read(spelling.format(n=200)).si_low == pytest.approx(read("200 t/yr").si_low)


def test_ton_reading_is_recorded_and_changes_the_value():
    metric, short = read("200 tons per year"), read("200 tons per year", ton="short")
    assert (metric.ton_reading, short.ton_reading) == ("metric", "short")
    assert short.si_low == pytest.approx(metric.si_low * 0.90718474)
    assert read("200 tonnes per year").ton_reading is None


@pytest.mark.parametrize("text, bound, low, high", [
    ("up to 200 t/yr", "at-most", 200, 200), ("approximately 60 t/yr", "approximate", 60, 60),
    ("at least 5 t/yr", "at-least", 5, 5), ("1-2 t/yr", "range", 1, 2), ("between 1 and 2 t/yr", "range", 1, 2),
    ("1.5 million t/yr", "exact", 1.5e6, 1.5e6), ("1,200 t/yr", "exact", 1200, 1200),
])
def test_bounds_and_ranges(text, bound, low, high):
    value = read(text)
    assert (value.bound, value.low, value.high) == (bound, low, high)


def test_wrong_dimension_and_unknown_unit_are_errors():
    with pytest.raises(ValueProblem, match="is not a unit of"):
        read("200 MW")
    with pytest.raises(ValueProblem, match="unknown unit"):
        read("200 zorkmids")
    with pytest.raises(UnitError):
        normalise("zorkmids")


def test_bounds_agree_and_disagree():
    assert agreement(read("up to 200 t/yr"), read("200 t/yr")) == AGREE
    assert agreement(read("up to 200 t/yr"), read("150 t/yr")) == AGREE
    assert agreement(read("up to 200 t/yr"), read("250 t/yr")) == DISAGREE
    assert agreement(read("at least 200 t/yr"), read("150 t/yr")) == DISAGREE


magnitudes = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(magnitudes, st.sampled_from([("t/yr", 1.0), ("kg/yr", 1000.0), ("Mt/yr", 1e-6), ("t/month", 1 / 12)]))
def test_equal_quantities_in_different_units_agree(amount, unit_factor):
    unit, factor = unit_factor
    a = read_quantity(f"{amount!r} t/yr", CAPACITY, CONTEXT)
    b = read_quantity({"amount": amount * factor, "unit": unit}, CAPACITY, CONTEXT)
    assert agreement(a, b, Tolerance(relative=1e-6)) == AGREE


@given(magnitudes)
def test_round_trip_through_base_units(amount):
    for unit in ("t/yr", "MW", "km", "%"):
        info = normalise(unit)
        assert math.isclose(amount * info.factor / info.factor, amount, rel_tol=1e-12)
        assert normalise(info.canonical).dimension == info.dimension


@given(magnitudes, st.floats(min_value=1.05, max_value=100))
def test_exact_values_far_apart_disagree(amount, ratio):
    a = read_quantity({"amount": amount, "unit": "t/yr"}, CAPACITY, CONTEXT)
    b = read_quantity({"amount": amount * ratio, "unit": "t/yr"}, CAPACITY, CONTEXT)
    assert agreement(a, b) == DISAGREE


# --- the table of common units pint normalised beforehand --------------------------------------------------

def test_the_table_of_common_units_is_what_pint_says():
    from factcheck import unit_table, units

    if importlib.metadata.version("pint") != unit_table.PINT_VERSION:
        pytest.skip(f"the table was made with pint {unit_table.PINT_VERSION} and is not used with another: "
                    "`python -m factcheck.unit_table` makes it again")
    assert set(unit_table.TABLE) == {(unit, ton) for unit in unit_table.COMMON for ton in units.TON_READINGS}
    for (unit, ton), value in unit_table.TABLE.items():
        assert units.normalise_with_pint(unit, ton) == units.Normalised(*value), (unit, ton)


def test_common_units_need_no_pint_and_others_still_go_to_it():
    """Building pint's registry costs a third of a second in every process that reads claims afresh."""
    script = ("import sys; from factcheck.units import normalise; "
              "normalise('tonnes per year'); normalise('$'); normalise('tons', 'short'); print('pint' in sys.modules); "
              "print(normalise('furlongs per fortnight').dimension); print('pint' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    from factcheck import unit_table

    used = importlib.metadata.version("pint") == unit_table.PINT_VERSION
    assert shown == [str(not used), "[length] / [time]", "True"]
