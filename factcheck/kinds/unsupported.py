"""unsupported: statements that need evidence and have none: no citation, too few independent sources.

For each selected claim (rankings, superlatives, records; or, with
`interested_party_only`, statements a party makes about itself) the kind looks
for support: evidence the claim cites, or other claims of the same subject and
predicate whose values agree. Support counts once per independent source:
articles from one outlet are one source, and so are articles that share a run of
`shared_words` words in their quotes (one reproduces the other). A corroborating
claim made by the same speaker is the same statement reported again, and a
speaker who represents the subject is not independent of it. Fewer than
`min_sources` independent sources, the claim's own included, is a finding.

Message placeholders: {speaker}, {found}, {needed}.

Example:
    kind: unsupported
    select: {predicate_types: [rank]}
    params: {min_sources: 2}
"""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..compare import AGREE, agreement
from ..model.claims import Claim
from . import base
from .base import Context, Hit, published_order
from .independence import independent_groups

NAME = "unsupported"
SCOPE = "subject"   # a finding depends on the claims of one subject (see incremental.py)
FIELDS = ("speaker", "found", "needed")
_SUPPORTING = ("asserted", "expected", "planned")


class Params(base.Params):
    min_sources: int = Field(default=2, ge=1, description="independent sources needed, the claim's own included")
    interested_party_only: bool = Field(default=False, description="only claims whose speaker represents "
                                                                   "the subject")
    shared_words: int = Field(default=8, ge=4, description="a run of this many shared words makes two "
                                                           "articles one source")


def corpus_facts(params: Params) -> tuple:
    """What a finding reads beyond its subject's claims: which sources are independent (`context.memo`)."""
    return (("independence", params.shared_words),)


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    groups = independent_groups(context, params.shared_words)
    index = context.by_subject_predicate()
    for claim in sorted(claims, key=published_order):
        if claim.evidence or claim.modality not in _SUPPORTING or claim.value is None:
            continue
        interested = _interested(claim.said_by, claim.subject, context)
        if params.interested_party_only and not interested:
            continue
        support = [other for other in index.get((claim.subject, claim.predicate), ())
                   if other.id != claim.id and other.modality in _SUPPORTING
                   and agreement(claim.value, other.value) == AGREE]
        if any(other.evidence for other in support):
            continue
        independent = [other for other in support if _independent_of(other, claim, context)]
        own = groups[claim.source.id]
        found = {own} | {groups[other.source.id] for other in independent}
        if len(found) >= params.min_sources:
            continue
        yield _hit(claim, support, independent, interested, len(found), params, context, groups)


def _interested(speaker: str | None, subject: str, context: Context) -> bool:
    if speaker is None:
        return False
    return bool(context.registry.affiliations(speaker) & ({subject} | context.registry.affiliations(subject)))


def _independent_of(other: Claim, claim: Claim, context: Context) -> bool:
    if other.said_by and other.said_by == claim.said_by:
        return False
    return not _interested(other.said_by, other.subject, context)


def _hit(claim: Claim, support: list[Claim], independent: list[Claim], interested: bool, found: int,
         params: Params, context: Context, groups: dict[str, str]) -> Hit:
    speaker = context.name(claim.said_by) or claim.said_by_anonymous or f"the article ({claim.source.label})"
    parts = [f"{claim.value.display()} rests on {speaker}"]
    if interested:
        parts.append(f"{speaker} speaks for {context.name(claim.subject)} or belongs to it, an interested party")
    parts.append("no evidence is cited")
    dependent = [other for other in support if other not in independent or
                 groups[other.source.id] == groups[claim.source.id]]
    if dependent:
        parts.append("the agreeing reports (" + ", ".join(sorted({o.source.label for o in dependent}))
                     + ") are not independent: same outlet, same speaker, or text reproduced from one another")
    parts.append(f"{found} independent source(s) of the {params.min_sources} needed")
    involved = tuple(sorted([claim, *support], key=published_order))
    return Hit(claims=involved, reason="; ".join(parts) + ".", subject=claim.subject, predicate=claim.predicate,
               fields={"speaker": speaker, "found": found, "needed": params.min_sources}, key=claim.id)
