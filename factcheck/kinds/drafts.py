"""drafts: claims drafted by `factcheck new` that nobody has reviewed yet.

A draft (`draft: true`) is never checked as a fact: the engine keeps drafts
from every kind but those that set `SEES_DRAFTS`, like this one. It reports,
for each claims file (each source), the drafts the file still holds, so that a
committed draft is seen and reviewed: accepted (fix it, then delete `draft:
true`), edited, or deleted.

Message placeholders: {count}, {file}, {ids}.

Example:
    kind: drafts
    severity: warning

    fires:  a claims file with two claims marked `draft: true`: one finding listing both
    passes: a claims file whose claims are all reviewed
"""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..model.claims import Claim
from . import base
from .base import Context, Hit

NAME = "drafts"
SCOPE = "file"   # a finding depends on the claims of one file (see incremental.py)
FIELDS = ("count", "file", "ids")
SEES_DRAFTS = True   # the engine gives this kind the drafts it keeps from all others


class Params(base.Params):
    listed: int = Field(default=12, ge=1, description="how many draft ids the reason lists before '...'")


def check(claims: list[Claim], params: Params, context: Context) -> Iterator[Hit]:
    by_source: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if claim.draft:
            by_source.setdefault((claim.file, claim.source.id), []).append(claim)
    for (file, _), drafts in sorted(by_source.items()):
        drafts.sort(key=lambda claim: (claim.line, claim.id))
        shown = [claim.id for claim in drafts[:params.listed]]
        ids = ", ".join(shown) + (", ..." if len(drafts) > len(shown) else "")
        reason = (f"{file} holds {len(drafts)} draft claim(s) that no one has reviewed: {ids}. Drafts are never "
                  f"checked as facts: accept each one (fix it, then delete 'draft: true'), edit it, or delete it.")
        yield Hit(claims=tuple(drafts), reason=reason, fields={"count": len(drafts), "file": file, "ids": ids})
