"""The count kind: a stated count against the distinct members the sources name."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

AS_OF = date(2026, 11, 23)
FUNDS = ("fund-a", "fund-b", "fund-c", "fund-d", "fund-e", "fund-f")
REGISTRY = """
entities:
  code: {name: Example mining code, kind: law}
  alliance: {name: Example alliance, kind: organisation}
  fund-a: {name: Fund A, kind: fund, aliases: [the A fund]}
  fund-b: {name: Fund B, kind: fund, aliases: [the B fund]}
  fund-c: {name: Fund C, kind: fund}
  fund-d: {name: Fund D, kind: fund}
  fund-e: {name: Fund E, kind: fund}
  fund-f: {name: Fund F, kind: fund}
  country-a: {name: Country A, kind: country}
  country-b: {name: Country B, kind: country}
  country-c: {name: Country C, kind: country}
"""
PREDICATES = """
predicates:
  fund-count: {type: count, counts: establishes-fund}
  establishes-fund: {type: entity, entity_kinds: [fund], functional: false}
  member-count: {type: count, counts: member, time_varying: true}
  member: {type: entity, functional: false, time_varying: true}
  area-count: {type: count, counts: area}
  area: {type: text, functional: false}
  mines-count: {type: count}
"""


def _article(published, *claims: str) -> str:
    source = f"{{published: {published}}}" if published else "{}"
    return f"source: {source}\nclaims:\n" + "".join(f"  - {claim}\n" for claim in claims)


def _findings(scratch, *articles: str, fewer_is_possible: bool | None = None):
    scratch.write("claims/entities.yaml", REGISTRY)
    scratch.write("rules/predicates.yaml", PREDICATES)
    for number, article in enumerate(articles, start=1):
        scratch.write(f"claims/article-{number}.yaml", article)
    scratch.use_rule("count-mismatch")
    if fewer_is_possible is not None:
        path = scratch.root / "rules" / "count-mismatch.yaml"
        text = path.read_text(encoding="utf-8")
        wanted = f"fewer_is_possible: {str(fewer_is_possible).lower()}"
        path.write_text(text.replace("fewer_is_possible: false", wanted), encoding="utf-8")
    return list(scratch.check(as_of=AS_OF).findings)


def _ids(finding) -> set[str]:
    return {claim.id for claim in finding.claims}


def _fund(claim_id: str, fund: str, extra: str = "") -> str:
    return f"{{id: {claim_id}, subject: code, predicate: establishes-fund, value: {fund}{extra}}}"


def test_more_funds_named_than_counted_fires(scratch):
    found = _findings(scratch,
                      _article("2025-06-01", "{id: a1, subject: code, predicate: fund-count, value: two}",
                               _fund("a2", "Fund A")),
                      _article("2025-07-01", _fund("b1", "the B fund"), _fund("b2", "fund-c"), _fund("b3", "fund-a")))
    assert len(found) == 1
    finding = found[0]
    assert (finding.rule, finding.certainty, finding.severity) == ("count-mismatch", "definite", "error")
    assert _ids(finding) == {"a1", "a2", "b1", "b2", "b3"}
    assert finding.claims[0].id == "a1"
    assert "article-1 gives Example mining code's fund-count as 2" in finding.reason
    assert "3 different establishes-fund values: Fund A (article-1, article-2); Fund B (article-2); " \
           "Fund C (article-2)" in finding.reason
    assert "more than the 2 stated" in finding.reason


def test_text_members_are_folded(scratch):
    found = _findings(scratch,
                      _article(None, "{id: a1, subject: code, predicate: area-count, value: at most 2}",
                               "{id: a2, subject: code, predicate: area, value: Énergie}",
                               "{id: a3, subject: code, predicate: area, value: ENERGIE}",
                               "{id: a4, subject: code, predicate: area, value: mining}"))
    assert found == []


def test_fewer_members_fire_only_when_asked(scratch):
    articles = (_article(None, "{id: a1, subject: code, predicate: fund-count, value: 5}", _fund("a2", "Fund A")),)
    assert _findings(scratch, *articles) == []
    found = _findings(scratch, *articles, fewer_is_possible=True)
    assert [(_ids(f), f.certainty, f.severity) for f in found] == [({"a1", "a2"}, "possible", "warning")]
    assert "only 1 different establishes-fund value: Fund A" in found[0].reason
    assert "partial" in found[0].reason


def test_denied_uncertain_and_undisclosed_claims_name_no_member(scratch):
    assert _findings(scratch,
                     _article(None, "{id: a1, subject: code, predicate: fund-count, value: 1}",
                              _fund("a2", "Fund A"), _fund("a3", "Fund B", ", modality: denied"),
                              _fund("a4", "Fund C", ", modality: uncertain"),
                              "{id: a5, subject: code, predicate: establishes-fund, modality: not-disclosed}")) == []


def test_an_asserted_count_ignores_planned_members_but_a_planned_count_does_not(scratch):
    members = (_fund("a2", "Fund A"), _fund("a3", "Fund B", ", modality: planned"))
    assert _findings(scratch, _article(None, "{id: a1, subject: code, predicate: fund-count, value: 1}",
                                       *members)) == []
    found = _findings(scratch, _article(None, "{id: a1, subject: code, predicate: fund-count, value: 1, "
                                              "modality: planned}", *members))
    assert [_ids(f) for f in found] == [{"a1", "a2", "a3"}]


def test_a_time_varying_count_ignores_members_named_only_later(scratch):
    count = _article("2024-10-03", "{id: a1, subject: alliance, predicate: member-count, value: two}",
                     "{id: a2, subject: alliance, predicate: member, value: country-a}",
                     "{id: a3, subject: alliance, predicate: member, value: country-b}")
    later = _article("2025-07-01", "{id: b1, subject: alliance, predicate: member, value: country-c}")
    assert _findings(scratch, count, later) == []
    earlier = _article("2024-01-01", "{id: b1, subject: alliance, predicate: member, value: country-c}")
    found = _findings(scratch, count, earlier)
    assert [(_ids(f), f.certainty) for f in found] == [({"a1", "a2", "a3", "b1"}, "definite")]


def test_a_count_without_a_member_predicate_is_left_alone(scratch):
    assert _findings(scratch, _article(None, "{id: a1, subject: code, predicate: mines-count, value: 0}")) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_naming_no_more_members_than_the_count_never_fires(scratch, data):
    stated = data.draw(st.integers(min_value=0, max_value=len(FUNDS)), label="stated")
    chosen = data.draw(st.lists(st.sampled_from(FUNDS), unique=True, max_size=stated), label="members")
    # Each member may be named several times, in several articles, by id, name or alias.
    mentions = [fund for fund in chosen for _ in range(data.draw(st.integers(1, 3)))]
    spellings = [data.draw(st.sampled_from([fund, f"Fund {fund[-1].upper()}"])) for fund in mentions]
    first = [_fund(f"a{i}", name) for i, name in enumerate(spellings) if i % 2 == 0]
    second = [_fund(f"b{i}", name) for i, name in enumerate(spellings) if i % 2 == 1]
    articles = [_article("2025-06-01", f"{{id: count, subject: code, predicate: fund-count, value: {stated}}}",
                         *first)]
    articles.append(_article("2025-07-01", *second) if second else _article("2025-07-01"))
    assert _findings(scratch, *articles) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stated=st.integers(min_value=0, max_value=len(FUNDS) - 1), data=st.data())
def test_naming_more_members_than_the_count_always_fires(scratch, stated, data):
    chosen = data.draw(st.lists(st.sampled_from(FUNDS), unique=True, min_size=stated + 1), label="members")
    claims = [_fund(f"m{i}", fund) for i, fund in enumerate(chosen)]
    count = f"{{id: count, subject: code, predicate: fund-count, value: {stated}}}"
    found = _findings(scratch, _article(None, count, *claims))
    expected = {"count", *(f"m{i}" for i in range(len(chosen)))}
    assert [(_ids(f), f.certainty) for f in found] == [(expected, "definite")]
    assert f"{len(chosen)} different establishes-fund values" in found[0].reason


def test_naming_a_member_again_keeps_the_fingerprint(scratch):
    count = _article("2025-06-01", "{id: a1, subject: code, predicate: fund-count, value: 1}",
                     _fund("a2", "Fund A"), _fund("a3", "Fund B"))
    before = _findings(scratch, count)
    after = _findings(scratch, count, _article("2025-07-01", _fund("b1", "the A fund")))
    assert [_ids(f) for f in after] == [{"a1", "a2", "a3", "b1"}]
    assert before[0].fingerprint == after[0].fingerprint
