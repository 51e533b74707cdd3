"""What a draft is: the article's source, the draft claims, the entities proposed, and hints for the reviewer."""
from __future__ import annotations

from dataclasses import dataclass, field

from .mentions import Proposal


@dataclass(frozen=True)
class SourceInfo:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None      # as given: 2025-07-01, 2025-07 or 2025
    url: str | None = None
    archive: str | None = None        # the article's path, relative to the project root


@dataclass
class DraftClaim:
    subject: str
    predicate: str
    value: object
    modality: str
    quote: str
    line: int
    detector: str
    said_by: object = None
    names: tuple[str, ...] = ()
    note: str = ""
    id: str = ""


@dataclass
class Draft:
    source: SourceInfo
    claims: list[DraftClaim] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    sentences: int = 0
    hints: list[str] = field(default_factory=list)


def used_proposals(proposals: dict[str, Proposal], claims: list[DraftClaim]) -> list[Proposal]:
    """The proposed entities the drafts refer to or name: the others were noise of capitalisation."""
    named = {name for claim in claims for name in claim.names}
    used = {claim.subject for claim in claims} | {claim.value for claim in claims if isinstance(claim.value, str)}
    return [proposal for proposal in proposals.values()
            if proposal.id in used or proposal.name in named or set(proposal.aliases) & named]


def number_claims(claims: list[DraftClaim], prefix: str, taken: set[str]) -> None:
    number = 0
    for claim in claims:
        while True:
            number += 1
            candidate = f"{prefix}-{number:03d}"
            if candidate not in taken:
                break
        claim.id = candidate
        taken.add(candidate)
