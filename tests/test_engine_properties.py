"""Engine properties: order never matters, repeats never conflict, fingerprints survive edits."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims_file import Vocabulary, read_claims_file
from factcheck.corpus import Corpus, add_claims_file
from factcheck.engine import run
from factcheck.registry import load_predicates, load_registry
from factcheck.rules import read_rule
from factcheck.yamlfile import parse

REPO = Path(__file__).resolve().parents[1]
ENTITIES = """
entities:
  refinery: {name: Refinery, kind: facility}
  mine: {name: Mine, kind: facility}
  alpha: {name: Alpha Group, kind: company, aliases: [Alpha]}
  beta: {name: Beta Group, kind: company}
"""
PREDICATES = """
predicates:
  capacity: {type: quantity, unit: t/yr}
  start: {type: date}
  operator: {type: entity}
"""
VALUES = {
    "capacity": ["200 t/yr", "200 tonnes per year", "up to 200 t/yr", "300 t/yr", "about 60 t/yr"],
    "start": [2025, "2025-06", "2025-06-17", "2025-06-16", 2024],
    "operator": ["alpha", "Alpha", "Alpha Group", "beta"],
}


def _vocabulary() -> Vocabulary:
    registry, problems = load_registry(parse(ENTITIES, "entities.yaml"))
    predicates, more = load_predicates(parse(PREDICATES, "predicates.yaml"))
    assert not problems and not more
    return Vocabulary(registry=registry, predicates=predicates)


VOCABULARY = _vocabulary()
RULE = read_rule(parse((REPO / "rules" / "conflicting-values.yaml").read_text(), "rules/conflicting-values.yaml"),
                 "conflicting-values", VOCABULARY.predicates, [])

claim_strategy = st.tuples(st.sampled_from(["refinery", "mine"]), st.sampled_from(sorted(VALUES)),
                           st.integers(min_value=0, max_value=4))


def _claims(spec):
    return [{"id": f"c{n}", "subject": subject, "predicate": predicate,
             "value": VALUES[predicate][choice % len(VALUES[predicate])], "quote": f"quote {n}"}
            for n, (subject, predicate, choice) in enumerate(spec)]


def _corpus(files: list[tuple[str, dict]]) -> Corpus:
    corpus = Corpus(registry=VOCABULARY.registry, predicates=VOCABULARY.predicates)
    problems = []
    for name, data in files:
        document = parse(yaml.safe_dump(data, sort_keys=False), name)
        add_claims_file(corpus, read_claims_file(document, VOCABULARY), problems)
    assert not problems, problems
    return corpus


def _findings(files):
    return [(f.rule, f.certainty, f.fingerprint, tuple(c.id for c in f.claims), f.message)
            for f in run(_corpus(files), [RULE], as_of=date(2026, 1, 1))]


def _split(claims, parts: int, order: list[int]):
    files = []
    for part in range(parts):
        chosen = [claims[i] for i in order if i % parts == part]
        files.append((f"claims/f{part}.yaml", {"source": {"outlet": f"Outlet {part}", "published": f"2025-0{part + 1}-01"},
                                               "claims": chosen}))
    return files


@settings(max_examples=60, deadline=None)
@given(st.lists(claim_strategy, min_size=2, max_size=14), st.randoms(use_true_random=False))
def test_shuffling_claims_within_files_never_changes_findings(spec, rng):
    claims = _claims(spec)
    order = list(range(len(claims)))
    shuffled = order[:]
    rng.shuffle(shuffled)
    assert _findings(_split(claims, 3, order)) == _findings(_split(claims, 3, shuffled))


@settings(max_examples=60, deadline=None)
@given(st.lists(claim_strategy, min_size=2, max_size=14), st.randoms(use_true_random=False))
def test_the_order_of_files_never_changes_findings(spec, rng):
    files = _split(_claims(spec), 3, list(range(len(spec))))
    shuffled = files[:]
    rng.shuffle(shuffled)
    assert _findings(files) == _findings(shuffled)


@settings(max_examples=60, deadline=None)
@given(st.lists(claim_strategy, min_size=1, max_size=12), st.integers(min_value=0, max_value=11))
def test_repeating_an_existing_value_never_adds_a_conflict(spec, pick):
    claims = _claims(spec)
    repeat = dict(claims[pick % len(claims)], id="repeat")
    before = {f[2] for f in _findings(_split(claims, 2, list(range(len(claims)))))}
    after = {f[2] for f in _findings(_split(claims + [repeat], 2, list(range(len(claims) + 1))))}
    assert after == before


@settings(max_examples=40, deadline=None)
@given(st.lists(claim_strategy, min_size=2, max_size=10))
def test_fingerprints_survive_reformatting_and_moving_claims(spec):
    claims = _claims(spec)
    one_file = [("claims/all.yaml", {"source": {"outlet": "Outlet"}, "claims": claims})]
    reformatted = [("claims/moved/elsewhere.yaml", {"claims": list(reversed(claims)), "source": {"outlet": "Outlet"}})]
    fingerprints = sorted(f[2] for f in _findings(one_file))
    assert fingerprints == sorted(f[2] for f in _findings(reformatted))


def test_equal_values_in_other_units_and_precisions_never_conflict():
    claims = [{"id": f"c{n}", "subject": "refinery", "predicate": predicate, "value": value}
              for n, (predicate, value) in enumerate([("capacity", "200 t/yr"), ("capacity", "200-ton-per-year"),
                                                      ("capacity", "up to 200 t/yr"), ("start", 2025),
                                                      ("start", "2025-06"), ("start", "2025-06-17"),
                                                      ("operator", "Alpha"), ("operator", "alpha")])]
    assert _findings([("claims/a.yaml", {"source": {"title": "T"}, "claims": claims})]) == []


def test_many_reports_of_few_values_cost_few_comparisons(monkeypatch):
    """The conflict kind compares buckets of indistinguishable claims, not every pair of claims."""
    from factcheck.kinds import conflict

    calls = []
    original = conflict._pair
    monkeypatch.setattr(conflict, "_pair", lambda *args: calls.append(1) or original(*args))
    claims = [{"id": f"c{n}", "subject": "refinery", "predicate": "capacity",
               "value": "200 t/yr" if n % 2 else "300 t/yr"} for n in range(400)]
    findings = _findings([("claims/a.yaml", {"source": {"outlet": "Wire", "published": "2025-06-01"},
                                             "claims": claims})])
    assert len(findings) == 1 and len(findings[0][3]) == 400
    assert len(calls) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(claim_strategy, min_size=0, max_size=14), st.lists(st.booleans(), min_size=14, max_size=14))
def test_the_rules_indexes_made_in_one_pass_are_those_made_one_by_one(spec, drafts):
    """`Corpus.facts` makes at once what `Context` and `Corpus.by_predicate` would make when first asked."""
    from factcheck.kinds.base import Context

    claims = [{**claim, "draft": True} if draft else claim for claim, draft in zip(_claims(spec), drafts)]
    corpus = _corpus(_split(claims, 2, list(range(len(claims)))))
    facts, predicates, by_subject_predicate = corpus.facts()
    apart = _corpus(_split(claims, 2, list(range(len(claims)))))
    context = Context(registry=apart.registry, predicates=apart.predicates,
                      all_claims=[claim for claim in apart.claims if not claim.draft], as_of=date(2026, 1, 1))
    assert facts == context.all_claims and any(claim.draft for claim in apart.claims) == (len(facts) < len(claims))
    assert predicates == context.predicates_column()
    assert list(by_subject_predicate.items()) == list(context.by_subject_predicate().items())
    assert list(corpus.by_predicate().items()) == list(apart.by_predicate().items())
