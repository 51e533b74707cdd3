"""The draft as a claims file: YAML text that `factcheck validate` loads, written for a reviewer to read.

Claims come in the article's order, each sentence's drafts under a comment with
its line number; every claim carries `draft: true` and a `note` saying which
detector proposed it and what was guessed. Entities the registry lacks are under
`proposed_entities:`, which only this file's drafts can use. Strings are written
double-quoted with JSON escapes (valid YAML), so no text of an article can break
the file's structure.
"""
from __future__ import annotations

import json
import re
from datetime import date

from .. import __version__
from .mentions import Proposal
from .result import Draft, DraftClaim

_YAML_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SAFE_PLAIN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def render(draft: Draft, *, article: str, today: date | None = None) -> str:
    lines = _header(draft, article, today or date.today())
    fields = [f"  {key}: {value}" for key, value in _source(draft)]
    lines += ["source:", *fields] if fields else ["source: {}   # add title, outlet, author, published, url"]
    if draft.proposals:
        lines += ["", "# Entities the article names that the registry lacks. Only this file's drafts can use them:",
                  "# move those you keep to the registry (claims/entities.yaml) before accepting a draft that",
                  "# uses them; correct the guessed kind.", "proposed_entities:"]
        for proposal in draft.proposals:
            lines += _proposal(proposal)
    if not draft.claims:
        lines += ["claims: []"]
        return "\n".join(lines) + "\n"
    lines += ["claims:"]
    last_line = None
    for claim in draft.claims:
        if claim.line != last_line:
            lines += ["", f"  # line {claim.line}"]
            last_line = claim.line
        lines += _claim(claim)
    return "\n".join(lines) + "\n"


def _header(draft: Draft, article: str, today: date) -> list[str]:
    lines = [f"# Drafted by factcheck {__version__} from {_comment(article)} on {today.isoformat()}:",
             f"# {len(draft.claims)} draft claim(s) from {draft.sentences} sentence(s), "
             f"{len(draft.proposals)} proposed entit{'y' if len(draft.proposals) == 1 else 'ies'}.",
             "# Every claim is a draft (draft: true) and is never checked as a fact. Review each one: accept it",
             "# (fix subject, predicate, value and modality, then delete `draft: true` and the note), edit it,",
             "# or delete it. `factcheck check` reports the drafts that remain."]
    for hint in draft.hints:
        lines.append(f"# Note: {_comment(hint)}")
    return lines


def _source(draft: Draft):
    source = draft.source
    for key in ("title", "outlet", "author", "published", "url", "archive"):
        value = getattr(source, key)
        if value:
            yield key, _published(value) if key == "published" else scalar(value)


def _published(value: str) -> str:
    return value if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value) else scalar(value)


def _proposal(proposal: Proposal) -> list[str]:
    entity = proposal.entity()
    lines = [f"  {entity.id}:", f"    name: {scalar(entity.name)}", f"    kind: {entity.kind}"]
    if entity.aliases:
        lines.append(f"    aliases: [{', '.join(scalar(alias) for alias in entity.aliases)}]")
    if entity.description:
        lines.append(f"    description: {scalar(entity.description)}")
    return lines


def _claim(claim: DraftClaim) -> list[str]:
    lines = [f"  - id: {claim.id}", f"    subject: {scalar(claim.subject)}", f"    predicate: {claim.predicate}"]
    if claim.value is not None:
        lines.append(f"    value: {scalar(claim.value)}")
    if claim.modality != "asserted":
        lines.append(f"    modality: {claim.modality}")
    if claim.said_by is not None:
        lines.append(f"    said_by: {scalar(claim.said_by)}")
    lines.append(f"    quote: {scalar(claim.quote)}")
    if claim.names:
        lines.append(f"    names: [{', '.join(scalar(name) for name in claim.names)}]")
    if claim.note:
        lines.append(f"    note: {scalar(claim.note)}")
    lines.append("    draft: true")
    return lines


def scalar(value: object) -> str:
    """A YAML scalar or flow mapping that reads back as `value`: ids plain, text double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {scalar(item)}" for key, item in value.items()) + "}"
    text = str(value)
    if _SAFE_PLAIN.match(text) and text not in ("true", "false", "null", "yes", "no", "on", "off", "y", "n") \
            and not re.fullmatch(r"[\d._-]+", text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else
                            f"\\U{ord(m.group()):08x}", quoted)


def _comment(text: str) -> str:
    return re.sub(r"[\r\n\t]+", " ", _YAML_UNSAFE.sub("", text))
