"""No regular expression factcheck runs backtracks badly on what a claims file or an article can hold.

Two layers. First, every public function that runs a regular expression on user text
(values, dates, units, folding, YAML loading, problem excerpts, every report format)
gets pathological strings of 50,000 characters: long runs of digits, spaces, letters,
separators, with a character at the end that makes a match fail late, which is what
makes a backtracking pattern blow up. Second, a catalogue: every compiled pattern in
every factcheck module (found by walking the modules, so a new pattern is covered the
day it is added) is searched over such strings. Each call runs under an alarm that
fails the test instead of hanging; each result must come well within a second.
"""
from __future__ import annotations

import functools
import importlib
import inspect
import json
import pkgutil
import re
import signal
import time
from contextlib import contextmanager
from datetime import date

import pytest

import factcheck
from factcheck import dates, text, units, yamlfile
from factcheck.kinds.names import normal
from factcheck.model.registry import Predicate
from factcheck.problems import InputError, Problem
from factcheck.registry import Registry
from factcheck.reporters import REPORTERS, timeline
from factcheck.value_reading import ReadingContext, ValueProblem, read_count, read_date, read_quantity

N = 50_000
FAST = 2.0   # seconds; every call below takes milliseconds when the pattern is linear

PATHOLOGICAL = {
    "digits": "1" * N,
    "digits then x": "1" * N + "x",
    "spaces then x": "up to" + " " * N + "x",
    "leading spaces": " " * N + "x",
    "spaces and a line break": "1" + " " * N + "x\ny",
    "tabs and spaces": " \t" * (N // 2) + "x",
    "letters": "a" * N + "1",
    "capitalised words": "Ab " * (N // 3) + "1",
    "commas": "1," * (N // 2) + "x",
    "dashes": "- " * (N // 2) + "x",
    "number dashes": "1-" * (N // 2) + "x",
    "dots": "a." * (N // 2) + "1",
    "range words": "1 to " * (N // 5) + "x",
    "currency": "$" + " " * N + "x",
    "between": "between 1 and 2" + " " * N + "x\ny",
    "bounds": "by" + " " * N + "x\ny",
    "relative words": "over the past " + "two " * (N // 4) + "years",
    "weekday words": "on " * (N // 3) + "monday x",
    "month names": "June " * (N // 5) + "17, 2025x",
    "powers": "t" + "**2" * (N // 3),
    "control and bidi": "\x1b[31m\r\u202e" * (N // 6),
    "quotes and backslashes": '"\\' * (N // 2),
    "apostrophes": "a'" * (N // 2),
    "doubled letters": "aab" * (N // 3),
}
CASES = sorted(PATHOLOGICAL)


@contextmanager
def fast(what: str):
    """Fail, rather than hang, if the body takes long; and fail if it takes more than FAST seconds."""
    def expired(*_):
        raise TimeoutError(f"{what}: still running after 30 s (catastrophic backtracking?)")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 30)
    started = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    took = time.perf_counter() - started
    assert took < FAST, f"{what} took {took:.2f} s"


def quietly(function, *args, **kwargs):
    """Call a reader; a refusal (its documented error) is a fine outcome, only time matters here."""
    try:
        return function(*args, **kwargs)
    except (ValueProblem, dates.DateError, units.UnitError, InputError):
        return None


CONTEXT = ReadingContext(registry=Registry(), anchor=dates.Span(date(2025, 6, 17), date(2025, 6, 17)))
CAPACITY = Predicate(id="capacity", type="quantity", unit="t/yr")


@pytest.mark.parametrize("case", CASES)
def test_value_readers(case):
    value = PATHOLOGICAL[case]
    with fast(f"read_quantity({case})"):
        quietly(read_quantity, value, CAPACITY, CONTEXT)
    with fast(f"read_quantity(about + {case})"):
        quietly(read_quantity, "about " + value, CAPACITY, CONTEXT)
    with fast(f"read_count({case})"):
        quietly(read_count, value)
        quietly(read_count, "at least " + value)
    with fast(f"read_date({case})"):
        quietly(read_date, value, CONTEXT)
        quietly(read_date, "by " + value, CONTEXT)
        quietly(read_date, {"relative": value, "anchor": "2025-06-17"}, CONTEXT)


@pytest.mark.parametrize("case", CASES)
def test_dates(case):
    value = PATHOLOGICAL[case]
    with fast(f"dates({case})"):
        quietly(dates.parse_absolute, value)
        dates.is_relative(value)
        dates.weekday_of(value)
        quietly(dates.resolve, value, None)


@pytest.mark.parametrize("case", CASES)
def test_units(case):
    value = PATHOLOGICAL[case]
    with fast(f"units({case})"):
        units.spell_for_pint(value, "metric")
        quietly(units.normalise, value)
        quietly(units.normalise, value[:units.MAX_UNIT_CHARS])   # under the length limit, pint itself runs


@pytest.mark.parametrize("case", CASES)
def test_text_folding_and_names(case):
    value = PATHOLOGICAL[case]
    with fast(f"text({case})"):
        text.fold(value)
        text.normalise_quote(value)
        assert not set(text.printable(value)) & set("\x1b\r\u202e")
        normal(text.fold(value))
        timeline.span_of(value)


@pytest.mark.parametrize("case", CASES)
def test_yaml_loading_and_problem_excerpts(case):
    value = PATHOLOGICAL[case]
    documents = [value, f"quote: {value}\n", f"quote: '{value}'\n", f'quote: "{value}"\n', f"- {value}\n",
                 f"{value}: 1\n", "\n".join(value[i:i + 200] for i in range(0, len(value), 200))]
    for number, document in enumerate(documents):
        with fast(f"yamlfile.parse({case}, form {number})"):
            quietly(yamlfile.parse, document, "x.yaml")
            quietly(yamlfile.decode, document.encode("utf-8", "surrogatepass"), "x.yaml")
        with fast(f"Problem.render({case}, form {number})"):
            rendered = Problem("x.yaml", 1, 5, f"unknown entity {value!r}", "a hint").render(source_text=document)
            assert "\x1b" not in rendered and "\u202e" not in rendered


def test_every_report_format_with_pathological_claim_text(scratch):
    scratch.write("claims/entities.yaml", "entities:\n  refinery: {name: Kounda refinery, kind: facility}\n")
    scratch.write("rules/predicates.yaml", "predicates:\n  capacity: {type: quantity, unit: t/yr}\n")
    scratch.use_rule("conflicting-values")
    quote = "".join(PATHOLOGICAL[case][:4_000] for case in CASES)
    for name, amount in (("a", 200), ("b", 300)):
        scratch.write(f"claims/{name}.yaml", f"""
            source: {{title: {name}, outlet: {name}, published: 2025-06-17}}
            claims:
              - id: {name}1
                subject: refinery
                predicate: capacity
                value: {amount} t/yr
                quote: {json.dumps(quote)}
        """)
    report = scratch.check(as_of=date(2026, 1, 1))
    assert len(report.findings) == 1
    for name in sorted(REPORTERS):
        with fast(f"the {name} report"):
            REPORTERS[name].render(report, root=scratch.root)


# --- the catalogue: every compiled pattern in every module ------------------------------------------------

def _compiled_when_first_needed(value) -> bool:
    """A pattern compiled when first used: a module's function cached without arguments (`functools.cache`)
    that says it returns a pattern."""
    return (isinstance(value, functools._lru_cache_wrapper) and not inspect.signature(value).parameters
            and value.__wrapped__.__annotations__.get("return") in ("re.Pattern", re.Pattern))


def _patterns():
    found, seen = [], set()
    for module_info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for attr, value in sorted(vars(module).items()):
            for pattern in _within(value):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    found.append(pytest.param(pattern, id=f"{module_info.name}.{attr}",
                                              marks=_known(f"{module_info.name}.{attr}")))
    return found


def _within(value, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth == 0 and _compiled_when_first_needed(value):
        yield from _within(value(), depth + 1)
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _within(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _within(item, depth + 1)


# Patterns known to be slow: none. A pattern added here is marked as an expected failure with its reason.
KNOWN_SLOW: dict[str, str] = {}


def _known(name: str):
    reason = KNOWN_SLOW.get(name)
    return [pytest.mark.xfail(reason=reason, strict=False, raises=(AssertionError, TimeoutError))] if reason else []


# Patterns that factcheck only ever anchors at one position (`.match`/`.fullmatch`); the others are
# searched, which starts a match at every position, so that is what the catalogue does with them.
MATCH_ONLY = {"factcheck.fastload._DOUBLE", "factcheck.fastload._SINGLE", "factcheck.fastload._FLOW_PLAIN",
              "factcheck.fastload._KEY"}
SMALL, LARGE = 4_000, 16_000   # four times the text: a linear pattern takes about four times as long


def _timed(run, text: str) -> float:
    started = time.perf_counter()
    run(text)
    return time.perf_counter() - started


@pytest.mark.parametrize("pattern", _patterns())
def test_every_pattern_in_the_package_is_fast_on_pathological_text(pattern, request):
    name = request.node.callspec.id
    run = pattern.match if name in MATCH_ONLY else pattern.search
    for case in CASES:
        tail = PATHOLOGICAL[case][-2:]
        with fast(f"{name} on {case}"):
            small = _timed(run, PATHOLOGICAL[case][:SMALL] + tail)
            large = _timed(run, PATHOLOGICAL[case][:LARGE] + tail)
        # quadratic backtracking takes 16 times as long on 4 times the text; allow noise below 0.2 s
        assert large < 0.2 or large < 8 * max(small, 0.002), \
            f"{name} on {case}: {small:.3f} s for {SMALL:,} characters, {large:.3f} s for {LARGE:,}"
