"""superseded: what a later report overtook, and plans whose date has passed with no later word.

Three cases, each a parameter:
- `not_disclosed`: a claim that a value "has not been disclosed" when a report
  published later gives the value (the earlier claim is superseded), and the
  reverse: a later report saying "not disclosed" when an earlier one had given it.
  When one publication date is unknown, the order is unknown: a possible finding.
- `plans`: a planned or expected date (a plan's target: "next month", "by 2027")
  that has passed at the reference date (`--as-of`, default today) by more than
  `grace_days`, with no report of the same subject and predicate published after
  the target. The finding says what the plan was and that nothing later confirms
  or refutes it: a prompt to follow up, not a verdict. It does not name the
  reference date (the report does), so it reads the same on every day it holds.

Message placeholders: {values}, {detail}.

Example:
    kind: superseded
    params: {not_disclosed: true, plans: true, grace_days: 30}
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import Field

from ..model.claims import FORWARD_LOOKING, Claim
from ..model.values import DateValue
from . import base
from .base import Context, Hit, published_order

NAME = "superseded"
SCOPE = "subject"   # a finding depends on the claims of one subject (see incremental.py)
FIELDS = ("values", "detail")


class Params(base.Params):
    not_disclosed: bool = Field(default=True, description="'not disclosed' against a value given elsewhere")
    plans: bool = Field(default=True, description="plans and expectations whose date has passed")
    grace_days: int = Field(default=0, ge=0, description="days past a plan's date before it is reported")


def reads_as_of(params: Params) -> bool:
    """Whether findings change with the reference date (`--as-of`): only whether a plan is overdue does, so
    only the findings of the subjects of plans `changes_between` names (see incremental.py)."""
    return params.plans


def plan_target(claim: Claim) -> date | None:
    """The day after which a plan or expectation is overdue (the end of its date); None for a claim that
    never is: not forward-looking, or without such a date."""
    if claim.modality not in FORWARD_LOOKING or not isinstance(claim.value, DateValue):
        return None
    return claim.value.end


def changes_between(params: Params, target: date, before: date, after: date) -> bool:
    """Whether a plan due on `target` is overdue on one of these reference dates and not on the other: only
    then can its subject's findings differ between checks on the two dates (a finding does not name the
    date; the report does)."""
    return params.plans and _passed(target, before, params) != _passed(target, after, params)


def _passed(target: date, as_of: date, params: Params) -> bool:
    return (as_of - target).days > params.grace_days   # no date arithmetic to overflow


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    index = context.by_subject_predicate()
    relevant = [claim for claim in claims if (params.not_disclosed and claim.modality == "not-disclosed")
                or (params.plans and claim.modality in FORWARD_LOOKING)]   # only these can be overtaken
    for claim in sorted(relevant, key=published_order):
        group = index.get((claim.subject, claim.predicate), ())
        if params.not_disclosed and claim.modality == "not-disclosed":
            yield from _disclosures(claim, group, context)
        if params.plans and claim.modality in FORWARD_LOOKING:
            hit = _overdue(claim, group, params, context)
            if hit is not None:
                yield hit


def _published(claim: Claim) -> DateValue | None:
    return claim.source.published


def _disclosures(hidden: Claim, group, context: Context) -> Iterator[Hit]:
    subject = context.name(hidden.subject)
    for given in group:
        if given.value is None or given.modality in ("not-disclosed", "denied"):
            continue
        order = _order(hidden, given)
        if order == "same":
            continue
        if order == "after":
            reason = (f"{hidden.source.label} says the {hidden.predicate} of {subject} was not disclosed; "
                      f"{given.source.label}, published later ({_published(given).display()}), gives "
                      f"{given.value.display()}. The 'not disclosed' statement is superseded.")
            certainty = "definite"
        elif order == "before":
            reason = (f"{given.source.label} ({_published(given).display()}) gave the {hidden.predicate} of {subject} "
                      f"as {given.value.display()}, yet the later {hidden.source.label} says it was not disclosed.")
            certainty = "definite"
        else:
            reason = (f"{hidden.source.label} says the {hidden.predicate} of {subject} was not disclosed, while "
                      f"{given.source.label} gives {given.value.display()}; one publication date is unknown, "
                      "so which came first cannot be told.")
            certainty = "possible"
        involved = tuple(sorted((hidden, given), key=published_order))
        yield Hit(claims=involved, reason=reason, certainty=certainty, subject=hidden.subject,
                  predicate=hidden.predicate, key=f"disclosed:{given.id}",
                  fields={"values": given.value.display(), "detail": "disclosed elsewhere"})


def _order(first: Claim, second: Claim) -> str:
    """Whether `second` was published after, before or with `first`; "unknown" without both dates."""
    a, b = _published(first), _published(second)
    if a is None or b is None or a.span is None or b.span is None:
        return "unknown"
    if a.span.end < b.span.start:
        return "after"
    if b.span.end < a.span.start:
        return "before"
    return "same"


def _overdue(plan: Claim, group, params: Params, context: Context) -> Hit | None:
    target = plan_target(plan)
    if target is None or not _passed(target, context.as_of, params):
        return None
    later = [other for other in group if other.id != plan.id and _published_after(other, target)]
    if later:
        return None
    subject = context.name(plan.subject)
    said = f" (\"{plan.value.said}\", said on {_published(plan).display()})" if plan.value.said and \
        _published(plan) else ""
    reason = (f"{plan.source.label} reported that the {plan.predicate} of {subject} was {plan.modality} for "
              f"{plan.value.display()}{said}. That date passed on {target.isoformat()}, and no report in the corpus "
              "published after it says whether it happened.")
    return Hit(claims=(plan,), reason=reason, subject=plan.subject, predicate=plan.predicate, key="overdue",
               fields={"values": plan.value.display(), "detail": f"due {target.isoformat()}"})


def _published_after(claim: Claim, day: date) -> bool:
    published = _published(claim)
    return published is not None and published.start is not None and published.start > day
