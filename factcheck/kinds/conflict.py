"""conflict: one subject, one functional predicate, incompatible values at the same time.

Claims are grouped by subject and predicate (never compared all against all),
and the values in a group by their normal form, so the work grows with the
number of claims. Values are compared by type: quantities after unit
normalisation within `tolerance` (and `approximate` for "about"), with bounds
respected ("up to 200" agrees with 200); dates by precision ("2025" agrees with
"2025-06-17"); entities after alias resolution; text with case and accents folded.

Time: for `time_varying` predicates (titles, offices) two claims are compared only
where they hold at the same time (the same event, or overlapping dates): a
definite conflict. Claims that hold within `possible_within_days` of each other
are a possible conflict: the value may have changed between them, or one report
is wrong. A planned or expected value is not contradicted by an actual one that
holds before it. A `denied` claim conflicts with an asserted claim of the same
value (not with a plan: "not yet" agrees with "soon"). An entity and the entity
it is part of (Mali and the Government of Mali) are not in conflict. Relative dates are left to the `temporal` kind; "not disclosed" claims to
`superseded`.

Message placeholders: {subject}, {predicate}, {values}, {certainty}.

Example:
    kind: conflict
    select: {functional: true}
    params: {tolerance: 0.01, approximate: 0.1, possible_within_days: 60}
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from pydantic import Field

from ..compare import AGREE, DISAGREE, MAYBE, NEAR_TIME, SAME_TIME, Tolerance, agreement, timing, value_key
from ..model.claims import FORWARD_LOOKING, Claim
from ..model.values import DateValue
from . import base
from .base import Context, Hit, published_order

NAME = "conflict"
SCOPE = "subject"   # a finding depends on the claims of one subject (see incremental.py)
FIELDS = ("values", "certainty")
_COMPARED = ("asserted", "planned", "expected", "denied")


class Params(base.Params):
    tolerance: float = Field(default=0.01, ge=0, le=1, description="relative slack for exact figures")
    approximate: float = Field(default=0.10, ge=0, le=1, description="how far 'about' reaches")
    possible_within_days: int = Field(default=0, ge=0, description="time-varying values this close in time "
                                                                    "are a possible conflict")


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    tolerance = Tolerance(relative=params.tolerance, approximate=params.approximate)
    groups = [(key, group) for key, group in context.groups_of(claims).items() if len(group) > 1]
    keys: dict[int, str] = {}   # id of a value (alive as long as its claims) -> its normal form: values repeat
    # a claim alone conflicts with nothing; the groups in any order: each gives hits of its own subject and
    # predicate, and the engine sorts findings (sorting 190,000 groups took 0.8 s at a million claims)
    for (subject, predicate_id), group in groups:
        predicate = context.predicates.get(predicate_id)
        if predicate is None:
            continue
        usable = [c for c in group if c.modality in _COMPARED and c.value is not None and not _relative(c.value)]
        if len(usable) < 2:
            continue
        by_value = _value_classes(usable, keys)
        if len(by_value) < 2:
            continue   # every claim gives one value: nothing to compare (most groups)
        yield from _conflicts(by_value, predicate, params, tolerance, (subject, context.name(subject)),
                              context.registry)


def _relative(value) -> bool:
    return isinstance(value, DateValue) and value.said is not None


def _conflicts(by_value: dict[str, list[Claim]], predicate, params: Params, tolerance: Tolerance,
               subject: tuple[str, str], registry) -> Iterator[Hit]:
    """At most two hits per subject and predicate: the definite conflicts and the possible ones."""
    found: dict[str, dict[str, Claim]] = {"definite": {}, "possible": {}}
    values: dict[str, set[str]] = {"definite": set(), "possible": set()}
    classes = {key: _by_signature(members) for key, members in by_value.items()}
    for (key_a, buckets_a), (key_b, buckets_b) in combinations(sorted(classes.items()), 2):
        for bucket_a in buckets_a:
            for bucket_b in buckets_b:
                # one comparison stands for the whole bucket pair: `_pair` sees nothing else
                verdict = _pair(bucket_a[0], bucket_b[0], predicate, params, tolerance, registry)
                if verdict is not None:
                    found[verdict].update((claim.id, claim) for claim in (*bucket_a, *bucket_b))
                    values[verdict].update((key_a, key_b))
    for certainty in ("definite", "possible"):
        if set(found[certainty]) - (set(found["definite"]) if certainty == "possible" else set()):
            # the fingerprint names the values in conflict, so a report repeating one keeps it
            yield _hit(found[certainty].values(), certainty, subject, predicate, tuple(sorted(values[certainty])))


def _value_classes(group: list[Claim], keys: dict[int, str]) -> dict[str, list[Claim]]:
    """Claims with the same normalised value (and the same side of a denial), compared once per pair."""
    classes: dict[str, list[Claim]] = {}
    for claim in group:
        value = claim.value
        key = keys.get(id(value))
        if key is None:
            key = keys[id(value)] = value_key(value)
        classes.setdefault("not " + key if claim.modality == "denied" else key, []).append(claim)
    return classes


def _by_signature(members: list[Claim]) -> list[list[Claim]]:
    """Claims of one value that `_pair` cannot tell apart (same modality, same time), bucketed together,
    so a group of many reports of few values costs a few comparisons, not one per pair of claims."""
    buckets: dict[tuple, list[Claim]] = {}
    for claim in members:
        holds = claim.holds
        inferred = isinstance(claim.value, DateValue) and bool(claim.value.inferred)  # makes a difference MAYBE
        signature = (claim.modality, claim.holds_event, holds.start if holds else None, holds.end if holds else None,
                     inferred)
        buckets.setdefault(signature, []).append(claim)
    return list(buckets.values())


def _pair(a: Claim, b: Claim, predicate, params: Params, tolerance: Tolerance, registry) -> str | None:
    denial = (a.modality == "denied") != (b.modality == "denied")
    if denial and "asserted" not in (a.modality, b.modality):
        return None  # "not yet" does not contradict a plan or an expectation
    verdict = agreement(a.value, b.value, tolerance, registry)
    if denial:
        verdict = DISAGREE if verdict == AGREE else None
    elif not predicate.functional:
        return None
    if verdict not in (DISAGREE, MAYBE):
        return None
    if _plan_before_actual(a, b) or _plan_before_actual(b, a):
        return None
    certainty = "definite" if verdict == DISAGREE else "possible"
    if predicate.time_varying or denial:
        when_ = timing(a, b, near_days=params.possible_within_days)
        if when_ == NEAR_TIME:
            return "possible"
        if when_ != SAME_TIME:
            return None
    return certainty


def _plan_before_actual(plan: Claim, actual: Claim) -> bool:
    """An actual value that holds before the plan's own date does not contradict the plan."""
    if plan.modality not in FORWARD_LOOKING or actual.modality in FORWARD_LOOKING:
        return False
    plan_time = plan.holds.span if plan.holds else None
    actual_time = actual.holds.span if actual.holds else None
    if plan_time is None or actual_time is None or plan_time.start is None or actual_time.end is None:
        return False
    return actual_time.end < plan_time.start


def _hit(claims, certainty: str, subject: tuple[str, str], predicate, identity: tuple) -> Hit:
    subject_id, name = subject
    ordered = tuple(sorted(claims, key=published_order))
    values = _describe_values(ordered)
    timed = predicate.time_varying
    if certainty == "definite":
        reason = (f"These claims give the {predicate.id} of {name} different values"
                  + (" for the same time" if timed else "") + f": {values}.")
    elif timed:
        reason = (f"These claims give the {predicate.id} of {name} different values at nearby times: {values}. "
                  "The value may have changed in between, or one report is wrong.")
    else:
        reason = (f"These claims give the {predicate.id} of {name} values that differ by more than an "
                  f"approximation explains: {values}.")
    return Hit(claims=ordered, reason=reason, certainty=certainty, subject=subject_id, predicate=predicate.id,
               fields={"values": values, "certainty": certainty}, key=certainty, identity=identity)


def _describe_values(claims: tuple[Claim, ...]) -> str:
    seen: dict[str, list[str]] = {}
    for claim in claims:
        label = claim.value.display() if claim.value is not None else "?"
        if claim.modality == "denied":
            label = f"not {label}"
        seen.setdefault(label, []).append(claim.source.label)
    return "; ".join(f"{label} ({', '.join(dict.fromkeys(sources))})" for label, sources in seen.items())
