"""count: a stated count against the members the sources enumerate.

A count predicate names, with `counts:`, the predicate whose claims enumerate
what is counted: `fund-count` counts `establishes-fund`. For each count claim,
the distinct members that claims of the counted predicate give the same subject,
in any source, are collected: registered entities by id (aliases resolved), text
by its folded form (case and accents do not matter). Denied, not-disclosed and
uncertain claims enumerate nothing. An asserted count is compared with asserted
members only; a planned or expected count with every member, planned or not.
For a `time_varying` count, a member counts only when its claim holds no later
than the count does (a fund created after the article cannot contradict it).

More distinct members than an exact or "at most" count is a definite finding:
the count or one of the enumerations is wrong. Fewer members is not a
contradiction, since articles give partial lists ("such as"); with
`fewer_is_possible` it is reported as a possible finding, when at least one
member is enumerated. "At least" and "about" counts are never exceeded.

Message placeholders: {values}, {members}, {certainty}.

Example:
    kind: count
    select: {predicate_types: [count]}
    params: {fewer_is_possible: false}

    fires:  "the code establishes two funds", and claims naming three different funds
    passes: "three funds", and claims naming two of them
"""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..model.claims import FORWARD_LOOKING, Claim
from ..model.values import Count, EntityRef, Text
from ..text import fold
from . import base
from .base import Context, Hit, published_order

NAME = "count"
SCOPE = "subject"   # a finding depends on the claims of one subject (see incremental.py)
FIELDS = ("values", "members", "certainty")
_COUNTED = ("asserted", "planned", "expected")


class Params(base.Params):
    fewer_is_possible: bool = Field(default=False, description="report fewer enumerated members than the count "
                                                               "as a possible finding (lists are often partial)")


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    index = context.by_subject_predicate()
    for claim in sorted(claims, key=published_order):
        predicate = context.predicates.get(claim.predicate)
        if (predicate is None or predicate.type != "count" or not predicate.counts
                or claim.modality not in _COUNTED or not isinstance(claim.value, Count)):
            continue
        enumerating = [member for member in index.get((claim.subject, predicate.counts), ())
                       if _enumerates(member, claim, predicate.time_varying)]
        members = _members(enumerating)
        if members:
            yield from _compare(claim, members, params, context, predicate.counts)


def _enumerates(member: Claim, count: Claim, time_varying: bool) -> bool:
    if member.value is None or member.modality not in _COUNTED:
        return False
    if count.modality not in FORWARD_LOOKING and member.modality in FORWARD_LOOKING:
        return False
    return not time_varying or _holds_by(member, count)


def _holds_by(member: Claim, count: Claim) -> bool:
    """Whether a member's claim holds no later than the count's: the same event, or a span starting by then."""
    if member.holds_event or count.holds_event:
        return member.holds_event == count.holds_event
    member_span = member.holds.span if member.holds else None
    count_span = count.holds.span if count.holds else None
    if member_span is None or count_span is None:
        return False
    return count_span.end is None or (member_span.start is not None and member_span.start <= count_span.end)


def _members(claims: list[Claim]) -> dict[str, tuple[str, list[Claim]]]:
    """Distinct members: key -> (how a person reads it, the claims that name it), in published order."""
    found: dict[str, tuple[str, list[Claim]]] = {}
    for claim in sorted(claims, key=published_order):
        value = claim.value
        if isinstance(value, EntityRef):
            key, label = f"entity:{value.id}", value.name
        elif isinstance(value, Text):
            key, label = f"text:{value.folded}", value.text
        else:
            key, label = f"value:{fold(value.display())}", value.display()
        found.setdefault(key, (label, []))[1].append(claim)
    return found


def _compare(claim: Claim, members: dict, params: Params, context: Context, counted: str) -> Iterator[Hit]:
    stated: Count = claim.value
    number = len(members)
    listing = "; ".join(f"{label} ({', '.join(dict.fromkeys(c.source.label for c in named))})"
                        for label, named in members.values())
    name = context.name(claim.subject)
    said = f"{claim.source.label} gives {name}'s {claim.predicate} as {stated.display()}"
    if number > stated.count and stated.bound in ("exact", "at-most"):
        stated_text = f"the {stated.count} stated" if stated.bound == "exact" else \
            f"the at most {stated.count} stated"
        reason = (f"{said}, but the sources name {number} different {counted} values: {listing}. "
                  f"That is more than {stated_text}: the count or one of the enumerations is wrong.")
        yield _hit(claim, members, reason, "definite", listing)
    elif params.fewer_is_possible and number < stated.count and stated.bound in ("exact", "at-least"):
        reason = (f"{said}, but the sources name only {number} different {counted} "
                  f"value{'s' if number != 1 else ''}: {listing}. The lists may be partial, or the count is wrong.")
        yield _hit(claim, members, reason, "possible", listing)


def _hit(claim: Claim, members: dict, reason: str, certainty: str, listing: str) -> Hit:
    enumerating = sorted({c.id: c for _, named in members.values() for c in named}.values(), key=published_order)
    ordered = (claim, *enumerating)
    return Hit(claims=ordered, reason=reason, certainty=certainty, subject=claim.subject, predicate=claim.predicate,
               fields={"values": f"{claim.value.display()} ({claim.source.label})", "members": listing,
                       "certainty": certainty},
               key=certainty, identity=(claim.id, *sorted(members)))
