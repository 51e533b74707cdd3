"""`factcheck show ENTITY`: everything the corpus says about an entity, by predicate and in time order.

For a fact-checker deciding what to write: the entity as registered, then every
reviewed claim about it (as subject) and every claim whose value is it, grouped
by predicate, each group in time order (when the claim holds, else when it was
published; undated last), each claim with its value, modality, source, speaker
and quote. Claims that a rule reports (a conflict, a superseded plan) are marked
with the rule, so disagreements stand out. Drafts are counted, not shown.
"""
from __future__ import annotations

import json
import sys
from datetime import date

from ..cli import BAD_INPUT, OK, fail, parse_date
from ..model.claims import Claim
from ..model.values import EntityRef
from ..project import check_project, open_project
from ..registry import did_you_mean
from ..text import printable


def register(commands) -> None:
    parser = commands.add_parser("show", help="everything the corpus says about an entity, with sources")
    parser.add_argument("entity", metavar="ENTITY", help="an entity id, name or alias")
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")
    parser.add_argument("--as-of", type=parse_date, help="reference date for plans and deadlines (default: today)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    project = open_project()
    if project.problems:
        return fail(project.problems)
    registry = project.corpus.registry
    entity = registry.resolve(args.entity)
    if entity is None:
        hint = did_you_mean(registry, args.entity) or "'factcheck validate' lists the registry's entities"
        print(f"factcheck show: error: unknown entity {args.entity!r}; {hint}", file=sys.stderr)
        return BAD_INPUT
    report = check_project(project, as_of=args.as_of)
    flagged: dict[str, list[str]] = {}
    for finding in report.findings:
        for ref in finding.claims:
            flagged.setdefault(ref.id, []).append(finding.rule)
    groups = _groups(entity.id, project.corpus.claims)
    drafts = sum(1 for claim in project.corpus.claims if claim.draft and _involves(claim, entity.id))
    if args.format == "json":
        sys.stdout.write(json.dumps(_as_json(entity, groups, flagged, registry, drafts), indent=2,
                                    ensure_ascii=False, sort_keys=True) + "\n")
    else:
        sys.stdout.write(_as_text(entity, groups, flagged, registry, drafts))
    return OK


def _involves(claim: Claim, entity_id: str) -> bool:
    return claim.subject == entity_id or (isinstance(claim.value, EntityRef) and claim.value.id == entity_id)


def _groups(entity_id: str, claims: list[Claim]) -> list[tuple[str, str, list[Claim]]]:
    """(role, predicate, claims in time order): role "subject" for claims about it, "value" for claims naming it."""
    found: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        if claim.draft:
            continue
        if claim.subject == entity_id:
            found.setdefault(("subject", claim.predicate), []).append(claim)
        elif isinstance(claim.value, EntityRef) and claim.value.id == entity_id:
            found.setdefault(("value", claim.predicate), []).append(claim)
    events = _event_days(claims)
    return [(role, predicate, sorted(items, key=lambda claim: _when_key(claim, events)))
            for (role, predicate), items in sorted(found.items())]


def _event_days(claims: list[Claim]) -> dict[str, date]:
    """The earliest dated claim about each subject, so claims that hold "at" an event sort by its date."""
    days: dict[str, date] = {}
    for claim in claims:
        value = claim.value
        span = getattr(value, "span", None) if value is not None and value.type == "date" else None
        if span is not None and span.start is not None and not claim.draft:
            days[claim.subject] = min(days.get(claim.subject, span.start), span.start)
    return days


def _when_key(claim: Claim, events: dict[str, date]) -> tuple:
    """Holding date (an event's date when it holds at one), else publication date; undated last."""
    day = events.get(claim.holds_event) if claim.holds_event else None
    if day is None and claim.holds is not None and claim.holds.span is not None:
        day = claim.holds.span.start or claim.holds.span.end
    if day is None and claim.source.published is not None and claim.source.published.span is not None:
        day = claim.source.published.span.start
    return (day is None, day or date.max, claim.source.id, claim.id)


def _when(claim: Claim, registry) -> str:
    if claim.holds_event:
        event = registry.entities.get(claim.holds_event)
        return f"at {event.name if event else claim.holds_event}"
    if claim.holds is not None:
        return claim.holds.display()
    return "undated"


def _speaker(claim: Claim, registry) -> str | None:
    if claim.said_by:
        entity = registry.entities.get(claim.said_by)
        return entity.name if entity else claim.said_by
    return claim.said_by_anonymous


def _value(claim: Claim, role: str, registry) -> str:
    if role == "value":
        subject = registry.entities.get(claim.subject)
        return f"{subject.name if subject else claim.subject} \u2192 {claim.predicate}"
    return claim.value.display() if claim.value is not None else "(no value)"


def _as_text(entity, groups, flagged, registry, drafts: int) -> str:
    lines = [f"{entity.name} ({entity.id}), {entity.kind}"]
    if entity.aliases:
        lines.append(f"  aliases: {', '.join(entity.aliases)}")
    for label, ids in (("part of", entity.part_of), ("represents", entity.represents)):
        if ids:
            lines.append(f"  {label}: {', '.join(registry.entities[i].name if i in registry.entities else i for i in ids)}")
    if entity.description:
        lines.append(f"  {' '.join(entity.description.split())}")
    if not groups:
        lines += ["", "No reviewed claim is about this entity or names it as a value."]
    for role, predicate, claims in groups:
        rules = sorted({rule for claim in claims for rule in flagged.get(claim.id, ())})
        disagreement = [rule for rule in rules if sum(rule in flagged.get(c.id, ()) for c in claims) >= 2]
        title = f"{predicate}" if role == "subject" else f"as the value of {predicate}"
        mark = f"   !! disagreement: {', '.join(disagreement)}" if disagreement else ""
        lines += ["", f"{title} ({len(claims)} claim{'s' if len(claims) != 1 else ''}){mark}"]
        for claim in claims:
            lines.extend(_claim_lines(claim, role, flagged, registry))
    if drafts:
        lines += ["", f"{drafts} draft claim(s) involving this entity await review and are not shown."]
    return "\n".join(printable(line) for line in lines) + "\n"


def _claim_lines(claim: Claim, role: str, flagged, registry) -> list[str]:
    modality = f" ({claim.modality})" if claim.modality != "asserted" else ""
    speaker = _speaker(claim, registry)
    rules = flagged.get(claim.id)
    flag = f"   ! {', '.join(sorted(set(rules)))}" if rules else ""
    source = f"{claim.source.label}, {claim.source.published_text() or 'undated'}"
    lines = [f"  - {_value(claim, role, registry)}{modality} \u2014 {_when(claim, registry)}{flag}",
             f"      {source}{f', said by {speaker}' if speaker else ''} ({claim.file}:{claim.line}, {claim.id})"]
    if claim.quote:
        lines.append(f"      \u201c{' '.join(claim.quote.split())}\u201d")
    return lines


def _as_json(entity, groups, flagged, registry, drafts: int) -> dict:
    return {
        "version": 1,
        "entity": {"id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": list(entity.aliases),
                   "part_of": list(entity.part_of), "represents": list(entity.represents),
                   "description": entity.description},
        "groups": [{"role": role, "predicate": predicate,
                    "disagreement": sorted({rule for c in claims for rule in flagged.get(c.id, ())
                                            if sum(rule in flagged.get(o.id, ()) for o in claims) >= 2}),
                    "claims": [_claim_json(claim, role, flagged, registry) for claim in claims]}
                   for role, predicate, claims in groups],
        "drafts_not_shown": drafts,
    }


def _claim_json(claim: Claim, role: str, flagged, registry) -> dict:
    return {"id": claim.id, "subject": claim.subject, "predicate": claim.predicate,
            "value": claim.value.display() if claim.value is not None else None,
            "modality": claim.modality, "holds": _when(claim, registry), "source": claim.source.id,
            "outlet": claim.source.outlet, "title": claim.source.title, "published": claim.source.published_text(),
            "said_by": _speaker(claim, registry), "quote": claim.quote, "file": claim.file, "line": claim.line,
            "findings": sorted(set(flagged.get(claim.id, ())))}
