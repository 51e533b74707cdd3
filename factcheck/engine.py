"""The engine: run each rule's kind over the claims its selector picks, and stamp the findings.

Kinds yield hits; the engine turns a hit into a `Finding` with the rule's id,
severity and rendered message, a fingerprint, and claim references in a fixed
order. Findings come out sorted by a key that does not depend on the order the
files or claims were read in, so shuffled input gives the same report.
"""
from __future__ import annotations

from datetime import date
from itertools import compress
from operator import attrgetter

from . import collector, parallel
from .corpus import Corpus
from .findings import ClaimRef, Finding, fingerprint
from .kinds import KINDS
from .kinds.base import Context, Hit, Selection
from .model.claims import Claim
from .rules import Rule, render_message


def run(corpus: Corpus, rules: list[Rule], *, as_of: date | None = None, memo: dict | None = None,
        prepare=None) -> list[Finding]:
    """With `memo`, what the kinds computed over the whole corpus (which sources are independent) is
    left in it, for the next check to start from. `prepare` is what the caller will do to every finding
    (make what the state keeps of it): a worker process does it to those it finds."""
    with collector.paused():   # the kinds build many short-lived indexes: collecting while they run finds nothing
        return _run(corpus, rules, as_of, {} if memo is None else memo, prepare)


def _run(corpus: Corpus, rules: list[Rule], as_of: date | None, memo: dict, prepare) -> list[Finding]:
    context = context_for(corpus, as_of or date.today(), memo)
    ordered = sorted(rules, key=lambda r: r.id)
    if parallel.workers_for(len(context.all_claims), len(ordered)) > 1:
        per_rule = parallel.run_rules(ordered, corpus, context, run_rule, prepare=prepare)
    else:
        per_rule = [run_rule(rule, corpus, context) for rule in ordered]
    return sorted((finding for found in per_rule for finding in found), key=Finding.sort_key)


def context_for(corpus: Corpus, as_of: date, memo: dict | None = None) -> Context:
    """What the rules run in: the corpus's claims that are not drafts, with the indexes most kinds use
    made in the same pass (`Corpus.facts`)."""
    facts, predicates_column, by_subject_predicate = corpus.facts()
    return Context(registry=corpus.registry, predicates=corpus.predicates, all_claims=facts, as_of=as_of,
                   memo={} if memo is None else memo, _by_subject_predicate=by_subject_predicate,
                   _predicates_column=predicates_column)


def run_rule(rule: Rule, corpus: Corpus, context: Context) -> list[Finding]:
    selected = _select(rule, corpus, context)
    kind = KINDS[rule.kind]
    found: dict[str, Finding] = {}
    for hit in kind.check(selected, rule.params, context):
        finding = _finding(rule, hit, context)
        found.setdefault(finding.fingerprint, finding)
    return list(found.values())


def _select(rule: Rule, corpus: Corpus, context: Context) -> list[Claim]:
    sees_drafts = getattr(KINDS[rule.kind], "SEES_DRAFTS", False)   # only the `drafts` kind: drafts are no facts
    if rule.select.predicates:
        index = corpus.by_predicate()
        candidates = [claim for predicate in rule.select.predicates for claim in index.get(predicate, ())
                      if sees_drafts or not claim.draft]
    elif sees_drafts:
        candidates = corpus.claims
    else:
        candidates = _by_predicate(rule, context)
        if not (rule.select.modalities or rule.select.sources or rule.select.subject_kinds):
            return candidates   # nothing else to look at
    keys = list(map(_selector_key(rule), candidates))
    answers = {value: rule.selects(claim, context.predicates, context.registry)
               for value, claim in dict(zip(keys, candidates)).items()}
    return list(compress(candidates, map(answers.__getitem__, keys)))


def _by_predicate(rule: Rule, context: Context) -> list[Claim]:
    """The claims (no drafts) whose predicate the rule selects; the rest of its selector is not looked at."""
    chosen = {predicate for predicate in context.predicates
              if rule.selects_predicate(context.predicates[predicate])}
    column = context.predicates_column()
    if chosen.issuperset(context.predicates):
        return Selection(context.all_claims, chosen)
    return Selection(compress(context.all_claims, map(chosen.__contains__, column)), chosen)


def _selector_key(rule: Rule):
    """What `rule.selects` looks at in a claim: claims alike in these are selected alike, so it is
    asked once per combination rather than once per claim."""
    select = rule.select
    fields = ["predicate"]
    fields += ["modality"] if select.modalities else []
    fields += ["source.id"] if select.sources else []
    fields += ["subject"] if select.subject_kinds else []
    return attrgetter(*fields)


def _finding(rule: Rule, hit: Hit, context: Context) -> Finding:
    claims = tuple(ClaimRef.of(claim, context.registry) for claim in hit.claims)
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
