"""The engine: run each rule's kind over the claims its selector picks, and stamp the findings.

Kinds yield hits; the engine turns a hit into a `Finding` with the rule's id,
severity and rendered message, a fingerprint, and claim references in a fixed
order. Findings come out sorted by a key that does not depend on the order the
files or claims were read in, so shuffled input gives the same report.
"""
from __future__ import annotations

from datetime import date

from .corpus import Corpus
from .findings import ClaimRef, Finding, fingerprint
from .kinds import KINDS
from .kinds.base import Context, Hit
from .model.claims import Claim
from .rules import Rule, render_message


def run(corpus: Corpus, rules: list[Rule], *, as_of: date | None = None) -> list[Finding]:
    context = Context(registry=corpus.registry, predicates=corpus.predicates,
                      all_claims=[claim for claim in corpus.claims if not claim.draft],
                      as_of=as_of or date.today())
    findings: list[Finding] = []
    for rule in sorted(rules, key=lambda r: r.id):
        findings.extend(run_rule(rule, corpus, context))
    return sorted(findings, key=Finding.sort_key)


def run_rule(rule: Rule, corpus: Corpus, context: Context) -> list[Finding]:
    selected = _select(rule, corpus, context)
    kind = KINDS[rule.kind]
    found: dict[str, Finding] = {}
    for hit in kind.check(selected, rule.params, context):
        finding = _finding(rule, hit, context)
        found.setdefault(finding.fingerprint, finding)
    return list(found.values())


def _select(rule: Rule, corpus: Corpus, context: Context) -> list[Claim]:
    if rule.select.predicates:
        index = corpus.by_predicate()
        candidates = [claim for predicate in rule.select.predicates for claim in index.get(predicate, ())]
    else:
        candidates = context.all_claims
    return [claim for claim in candidates
            if not claim.draft and rule.selects(claim, context.predicates, context.registry)]


def _finding(rule: Rule, hit: Hit, context: Context) -> Finding:
    claims = tuple(ClaimRef.of(claim, speaker_name=_speaker(claim, context), holds=_holds(claim, context))
                   for claim in hit.claims)
    subject_name = context.name(hit.subject)
    fields = {"subject": subject_name or "", "predicate": hit.predicate or "", "reason": hit.reason,
              "claims": len(claims), "sources": len({claim.source for claim in claims}), "rule": rule.id,
              **hit.fields}
    return Finding(rule=rule.id, kind=rule.kind, severity=_severity(rule, hit), certainty=hit.certainty,
                   message=render_message(rule.message, fields), subject=hit.subject, subject_name=subject_name,
                   predicate=hit.predicate, claims=claims, reason=hit.reason,
                   fingerprint=fingerprint(rule.id, hit.subject, hit.predicate,
                                           list(hit.identity) if hit.identity else [c.id for c in claims], hit.key))


def _severity(rule: Rule, hit: Hit) -> str:
    """A possible problem is one step less severe than a definite one."""
    if hit.certainty == "possible":
        return {"error": "warning", "warning": "info", "info": "info"}[rule.severity]
    return rule.severity


def _holds(claim: Claim, context: Context) -> str | None:
    """When a claim holds, as a reader wants it: an event by its name, a date at its precision."""
    if claim.holds_event:
        return f"at {context.name(claim.holds_event)}"
    return claim.holds.display() if claim.holds is not None else None


def _speaker(claim: Claim, context: Context) -> str | None:
    if claim.said_by:
        return context.name(claim.said_by)
    if claim.said_by_anonymous:
        return claim.said_by_anonymous
    return None
