"""temporal: relative dates that contradict absolute ones, and dates in an impossible order.

Three checks, each switched on by a parameter.

`relative`: a relative date ("on Monday", "yesterday", "last year") is compared
with the absolute dates other claims give the same subject and predicate, in any
source. A named weekday is checked even when its article is undated: "on Monday"
cannot be June 17, 2025, which was a Tuesday. A relative date resolved against
its article's publication date (or an explicit anchor) must overlap the absolute
date. Both are definite findings. They are possible findings when either date is
inferred, when a plan is compared with a report of what happened (the plan may
have changed), or when the weekday matches but not the week: "on Monday" is
resolved to the Monday before publication, and the article may mean an earlier one.
Only functional predicates are compared (a `coup-date` may have many true values);
two relative dates are not compared with each other.

`past_after_publication`: an asserted claim dates an event after the article
that reports it was published: a report cannot describe as done what has not yet
happened. Planned and expected claims are about the future and are left alone,
as are sources without a publication date, open bounds ("by 2027"), and the
predicates listed in `future_ok` (deadlines, expiry dates).

`order`: pairs of [start predicate, end predicate]. For one subject, an end date
that lies entirely before a start date is impossible, whichever sources give
them: definite, or possible when a date is inferred or a plan from one source
meets a date from another (the plan may have changed).

Message placeholders: {values}, {detail}, {certainty}.

Example:
    kind: temporal
    select: {predicate_types: [date]}
    params: {relative: false, order: [[construction-start, completion-date]]}

    fires:  "on Monday" (an undated article) and 2025-06-17 (another), for one event-date
    passes: "on Tuesday" and 2025-06-17
"""
from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from pydantic import Field

from ..dates import WEEKDAYS, describe
from ..model.claims import FORWARD_LOOKING, Claim
from ..model.values import DateValue
from . import base
from .base import Context, Hit, published_order

NAME = "temporal"
SCOPE = "subject"   # a finding depends on the claims of one subject (see incremental.py)
FIELDS = ("values", "detail", "certainty")
_COMPARED = ("asserted", "planned", "expected")


class Params(base.Params):
    relative: bool = Field(default=True, description="compare relative dates (weekdays, 'last year') with "
                                                     "absolute dates of the same subject and predicate")
    past_after_publication: bool = Field(default=True, description="report asserted dates that lie after their "
                                                                   "own article's publication date")
    future_ok: tuple[str, ...] = Field(default=(), description="date predicates whose asserted values may lie "
                                                               "in the future (deadlines, expiry dates)")
    order: tuple[tuple[str, str], ...] = Field(default=(), description="[start predicate, end predicate] pairs: "
                                                                      "an end before its start is impossible")


def predicates_in(params: Params) -> Iterator[tuple[tuple, str]]:
    """The predicate ids the parameters name, with their paths, so that the rule loader checks them."""
    for index, predicate_id in enumerate(params.future_ok):
        yield ("future_ok", index), predicate_id
    for index, pair in enumerate(params.order):
        for position, predicate_id in enumerate(pair):
            yield ("order", index, position), predicate_id


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    if params.relative:
        yield from _relative_hits(claims, context)
    if params.past_after_publication:
        yield from _after_publication_hits(claims, params, context)
    if params.order:
        yield from _order_hits(claims, params, context)


# --- shared wording ---------------------------------------------------------------------------------

def _dated(claim: Claim) -> bool:
    return claim.modality in _COMPARED and isinstance(claim.value, DateValue)


def _day_text(day: date) -> str:
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def _weekday_name(index: int) -> str:
    return WEEKDAYS[index].capitalize()


def _source_text(claim: Claim) -> str:
    published = claim.source.published
    return f"{claim.source.label}, published {published.display()}" if published else f"{claim.source.label}, undated"


def _sources(claims) -> str:
    return ", ".join(dict.fromkeys(claim.source.label for claim in claims))


def _absolute_text(value: DateValue) -> str:
    if value.bound == "exact" and value.span is not None and value.span.is_day():
        text = _day_text(value.start)
    else:
        text = value.display()
    return text.removesuffix(" (inferred)") + (" (inferred)" if value.inferred else "")


def _values(claims) -> str:
    seen: dict[str, list[str]] = {}
    for claim in claims:
        seen.setdefault(claim.value.display(), []).append(claim.source.label)
    return "; ".join(f"{label} ({', '.join(dict.fromkeys(sources))})" for label, sources in seen.items())


def _hit(claims, reason: str, detail: str, certainty: str, subject: str, predicate: str, key: str,
         identity: tuple | None = None) -> Hit:
    """`identity` names what is wrong (a claim, the values in disagreement), so that a later report
    repeating one of the values keeps the finding's fingerprint."""
    ordered = tuple(sorted({claim.id: claim for claim in claims}.values(), key=published_order))
    return Hit(claims=ordered, reason=reason, certainty=certainty, subject=subject, predicate=predicate,
               fields={"values": _values(ordered), "detail": detail, "certainty": certainty}, key=key,
               identity=identity)


def _mixed(a: Claim, b: Claim) -> bool:
    """A plan and a report of what happened, from different sources: the plan may have changed."""
    return ((a.modality in FORWARD_LOOKING) != (b.modality in FORWARD_LOOKING)
            or (a.modality in FORWARD_LOOKING and a.source.id != b.source.id))


# --- relative dates against absolute ones -----------------------------------------------------------

def _relative_hits(claims: list[Claim], context: Context) -> Iterator[Hit]:
    selected = {claim.id for claim in claims}
    index = context.by_subject_predicate()
    for subject, predicate_id in sorted({(c.subject, c.predicate) for c in claims if _dated(c)}):
        predicate = context.predicates.get(predicate_id)
        if predicate is None or predicate.type != "date" or not predicate.functional:
            continue
        group = [c for c in index.get((subject, predicate_id), ()) if _dated(c)]
        relatives = [c for c in group if c.value.said is not None]
        if not relatives:
            continue   # most groups: nothing relative to compare
        absolutes = [c for c in group if c.value.said is None and c.value.has_span]
        for relative in sorted(relatives, key=published_order):
            against = [a for a in absolutes if relative.id in selected or a.id in selected]
            yield from _against(relative, against, context.name(subject), subject, predicate_id)


def _against(relative: Claim, absolutes: list[Claim], name: str, subject: str,
             predicate: str) -> Iterator[Hit]:
    found: dict[str, dict[str, tuple[Claim, str]]] = {"definite": {}, "possible": {}}
    for absolute in sorted(absolutes, key=published_order):
        verdict = _compare(relative, absolute)
        if verdict is not None:
            certainty, detail = verdict
            found[certainty][absolute.id] = (absolute, detail)
    for certainty, disagreeing in found.items():
        if not disagreeing:
            continue
        details = "; ".join(dict.fromkeys(detail for _, detail in disagreeing.values()))
        reason = f"{name}'s {predicate}: {details}."
        if certainty == "possible":
            reason += " " + _doubt([relative, *(claim for claim, _ in disagreeing.values())])
        others = sorted({claim.value.model_dump_json() for claim, _ in disagreeing.values()})
        yield _hit([relative, *(claim for claim, _ in disagreeing.values())], reason, details, certainty,
                   subject, predicate, key=f"relative:{certainty}", identity=(relative.id, *others))


def _compare(relative: Claim, absolute: Claim) -> tuple[str, str] | None:
    said, value = relative.value, absolute.value
    uncertain = bool(said.inferred or value.inferred) or _mixed(relative, absolute)
    where = f"'{said.said}' ({_source_text(relative)})"
    other = f"{_absolute_text(value)} ({absolute.source.label})"
    if said.weekday is not None and value.bound == "exact" and value.span.is_day():
        actual = value.start.weekday()
        if actual != said.weekday:
            detail = f"{where} but {other} was a {_weekday_name(actual)}"
            return ("possible" if uncertain else "definite"), detail
    if said.span is None or said.span.overlaps(value.span):
        return None
    resolved = describe(said.span, said.precision)
    if said.span.is_day():
        resolved = f"{_weekday_name(said.start.weekday())}, {_day_text(said.start)}"
    detail = f"{where} means {resolved}, which is not {other}"
    if said.weekday is not None:
        return "possible", detail + f", also a {_weekday_name(said.weekday)}"
    return ("possible" if uncertain else "definite"), detail


def _doubt(claims: list[Claim]) -> str:
    """Why a finding is only possible, in a sentence."""
    if any(c.value.inferred for c in claims):
        return "One of the dates is inferred, so the inference may be what is wrong."
    if any(c.modality in FORWARD_LOOKING for c in claims):
        return "One of them is a plan or expectation, which may have changed since."
    return "A weekday is read as the nearest one before publication; the article may mean an earlier week."


# --- dates after their own article ------------------------------------------------------------------

def _after_publication_hits(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    for claim in sorted(filter(lambda claim: _after_publication(claim, params, context), claims), key=published_order):
        published = claim.source.published
        name = context.name(claim.subject)
        detail = (f"{claim.source.label} (published {published.display()}) dates it {claim.value.display()}, "
                  f"after its own publication")
        reason = (f"{claim.source.label}, published {published.display()}, states as a fact that {name}'s "
                  f"{claim.predicate} is {claim.value.display()}, which is after the article was published: "
                  "a report cannot describe as done what has not happened yet. If the date is a plan or a "
                  "forecast, the claim's modality should be planned or expected.")
        certainty = "possible" if claim.value.inferred else "definite"
        yield _hit([claim], reason, detail, certainty, claim.subject, claim.predicate, key="after-publication")


def _after_publication(claim: Claim, params: Params, context: Context) -> bool:
    """An asserted date that starts after its own article's publication (the few are then sorted, not all)."""
    predicate = context.predicates.get(claim.predicate)
    if (predicate is None or predicate.type != "date" or claim.predicate in params.future_ok
            or claim.modality != "asserted" or not isinstance(claim.value, DateValue)):
        return False
    published = claim.source.published
    start = claim.value.start
    return published is not None and published.end is not None and start is not None and start > published.end


# --- an end before its start ------------------------------------------------------------------------

def _order_hits(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    selected = {claim.id for claim in claims}
    index = context.by_subject_predicate()
    subjects_of: dict[str, set[str]] = {}   # predicate -> its subjects, for the predicates the pairs name
    named = {predicate for pair in params.order for predicate in pair}
    for claim in claims:
        if claim.predicate in named:
            subjects_of.setdefault(claim.predicate, set()).add(claim.subject)
    for start_id, end_id in params.order:
        for subject in sorted(subjects_of.get(start_id, set()) | subjects_of.get(end_id, set())):
            starts = _spanned(index.get((subject, start_id), ()))
            ends = _spanned(index.get((subject, end_id), ()))
            if not _may_end_before_start(starts, ends):
                continue   # most subjects: no pair to look at, nor values to tell apart
            for start_class in _classes(starts):
                for end_class in _classes(ends):
                    yield from _order_pair(start_class, end_class, selected, context.name(subject),
                                           subject, (start_id, end_id))


def _may_end_before_start(starts: list[Claim], ends: list[Claim]) -> bool:
    """Whether some end date lies entirely before some start date (what `_order_pair` looks for)."""
    latest_start = max((claim.value.start for claim in starts if claim.value.start is not None), default=None)
    earliest_end = min((claim.value.end for claim in ends if claim.value.end is not None), default=None)
    return latest_start is not None and earliest_end is not None and earliest_end < latest_start


def _spanned(claims) -> list[Claim]:
    return [c for c in claims if _dated(c) and c.value.has_span]


def _classes(claims: list[Claim]) -> list[list[Claim]]:
    classes: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=published_order):
        classes.setdefault(claim.value.model_dump_json(), []).append(claim)
    return list(classes.values())


def _order_pair(starts: list[Claim], ends: list[Claim], selected: set[str], name: str, subject: str,
                pair: tuple[str, str]) -> Iterator[Hit]:
    start_value, end_value = starts[0].value, ends[0].value
    if end_value.end is None or start_value.start is None or not end_value.end < start_value.start:
        return
    found: dict[str, dict[str, Claim]] = {"definite": {}, "possible": {}}
    for start in starts:
        for end in ends:
            if start.id not in selected and end.id not in selected:
                continue
            uncertain = bool(start.value.inferred or end.value.inferred) or _mixed(start, end)
            group = found["possible" if uncertain else "definite"]
            group[start.id], group[end.id] = start, end
    start_id, end_id = pair
    detail = (f"{end_id} {end_value.display()} ({_sources(ends)}) is before {start_id} "
              f"{start_value.display()} ({_sources(starts)})")
    for certainty, involved in found.items():
        if not involved:
            continue
        reason = (f"{name}'s {end_id} is {end_value.display()} ({_sources(ends)}), entirely before its "
                  f"{start_id} {start_value.display()} ({_sources(starts)}): it cannot end before it starts.")
        if certainty == "possible":
            reason += " " + _doubt(list(involved.values()))
        yield _hit(involved.values(), reason, detail, certainty, subject, end_id,
                   key=f"order:{start_id}:{end_id}:{certainty}",
                   identity=(start_value.model_dump_json(), end_value.model_dump_json()))
