"""The names kind: unregistered spellings close to a registered name or alias."""
from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.kinds.names import normal

AS_OF = date(2026, 11, 23)
REGISTRY = """
entities:
  alousseni-sanou: {name: Alousseni Sanou, kind: person}
  sergei-vasilenko: {name: Sergei Vasilenko, kind: person, aliases: [Vasilenko]}
  mikhail-orlov: {name: Mikhail Orlov, kind: person}
  ministry: {name: Example Ministry, kind: government}
"""
PREDICATES = """
predicates:
  office: {type: text, time_varying: true}
  visit: {type: text, functional: false}
"""


def _article(published, *claims: str) -> str:
    source = f"{{published: {published}}}" if published else "{}"
    return f"source: {source}\nclaims:\n" + "".join(f"  - {claim}\n" for claim in claims)


def _claim(claim_id: str, *names: str, subject: str = "ministry") -> str:
    return (f"{{id: {claim_id}, subject: {subject}, predicate: visit, value: talks, "
            f"names: {json.dumps(list(names), ensure_ascii=False)}}}")


def _findings(scratch, *articles: str, params: dict | None = None, registry: str = REGISTRY):
    scratch.write("claims/entities.yaml", registry)
    scratch.write("rules/predicates.yaml", PREDICATES)
    for number, article in enumerate(articles, start=1):
        scratch.write(f"claims/article-{number}.yaml", article)
    scratch.use_rule("name-variants")
    if params:
        path = scratch.root / "rules" / "name-variants.yaml"
        text = path.read_text(encoding="utf-8")
        for key, value in params.items():
            start = text.index(f"  {key}:")
            end = text.index("\n", start)
            text = text[:start] + f"  {key}: {json.dumps(value)}" + text[end:]
        path.write_text(text, encoding="utf-8")
    return list(scratch.check(as_of=AS_OF).findings)


def _ids(finding) -> list[str]:
    return [claim.id for claim in finding.claims]


def test_a_one_letter_variant_fires_with_both_spellings_side_by_side(scratch):
    found = _findings(scratch,
                      _article("2024-10-03", _claim("a1", "Alousseini Sanou"), _claim("a2", "Alousseini Sanou")),
                      _article("2025-07-01", _claim("b1", "Alousseni Sanou")))
    assert len(found) == 1
    finding = found[0]
    assert (finding.rule, finding.certainty, finding.severity) == ("name-variants", "definite", "warning")
    assert _ids(finding) == ["a1", "a2", "b1"]
    assert finding.subject == "alousseni-sanou"
    assert "'Alousseini Sanou' (article-1) is not a registered spelling; it is 1 letter from " \
           "'Alousseni Sanou', the registered name of alousseni-sanou, which article-2 spells as registered" \
        in finding.reason
    assert finding.message == "'Alousseini Sanou' is not a registered spelling; is it Alousseni Sanou " \
                              "(alousseni-sanou)?"


@pytest.mark.parametrize("selected", [None, "office"])
def test_the_registered_spelling_is_seen_in_claims_the_rule_does_not_select(scratch, selected):
    """A rule that selects some predicates still shows every claim that spells the name as registered, and
    a claim that spells it twice once."""
    office = "{id: o1, subject: ministry, predicate: office, value: minister, names: [Alousseini Sanou]}"
    found = _findings(scratch, _article("2024-10-03", office, _claim("v1", "Alousseini Sanou")),
                      _article("2025-07-01", _claim("v2", "Alousseni Sanou", "ALOUSSENI SANOU")),
                      _article("2025-08-01", _claim("v3", "Alousseni  Sanou")))
    if selected:
        path = scratch.root / "rules" / "name-variants.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("params:", "select: {predicates: [office]}\nparams:"),
                        encoding="utf-8")
        found = list(scratch.check(as_of=AS_OF).findings)
    assert [_ids(finding) for finding in found] == [["o1"] + ([] if selected else ["v1"]) + ["v2", "v3"]]
    assert "which article-2, article-3 spell as registered" in found[0].reason


def test_transliteration_variants_are_close(scratch):
    found = _findings(scratch, _article(None, _claim("a1", "Sergey Vassilenko"), _claim("a2", "Mihail Orlov"),
                                        _claim("o1", subject="mikhail-orlov")))
    assert sorted((f.subject, _ids(f)) for f in found) == [("mikhail-orlov", ["a2", "o1"]),
                                                           ("sergei-vasilenko", ["a1"])]
    assert all("a spelling variant (transliteration or doubled letter) of" in f.reason for f in found)
    orlov = next(f for f in found if f.subject == "mikhail-orlov")
    assert "the subject of claims in article-1" in orlov.reason


def test_words_in_another_order_are_close(scratch):
    found = _findings(scratch, _article(None, _claim("a1", "SANOU Alousseni")))
    assert [(f.subject, f.certainty) for f in found] == [("alousseni-sanou", "definite")]
    assert "the same words, in another order, as 'Alousseni Sanou'" in found[0].reason
    found = _findings(scratch, _article(None, _claim("a1", "Sanu Aloussenni")))
    assert "in another word order, a spelling variant of 'Alousseni Sanou'" in found[0].reason


def test_a_close_alias_names_its_entity(scratch):
    found = _findings(scratch, _article(None, _claim("a1", "Vasilenco")))
    assert [f.subject for f in found] == ["sergei-vasilenko"]
    assert "1 letter from 'Vasilenko', a registered alias of sergei-vasilenko (Sergei Vasilenko)" in found[0].reason


def test_far_names_pass_unless_unknown_names_are_reported(scratch):
    article = _article(None, _claim("a1", "Fatoumata Diallo", "Sergei Petrenko"))
    assert _findings(scratch, article) == []
    found = _findings(scratch, article, params={"report_unknown": True})
    assert sorted((f.certainty, f.severity, _ids(f)) for f in found) == [("possible", "info", ["a1"])] * 2
    assert all("close to none" in f.reason for f in found)


def test_the_limits_are_parameters(scratch):
    article = _article(None, _claim("a1", "Alouseni Sanoo"))   # one letter from "Alousseni Sanou" after the table
    found = _findings(scratch, article)
    assert [f.subject for f in found] == ["alousseni-sanou"]
    assert "2 letters from 'Alousseni Sanou'" in found[0].reason   # as written: a dropped s, o for u
    assert _findings(scratch, article, params={"max_distance": 0}) == []
    assert _findings(scratch, article, params={"min_similarity": 0.99}) == []


def test_at_most_three_claims_show_the_registered_spelling(scratch):
    registered = [_claim(f"r{i}", "Alousseni Sanou") for i in range(5)]
    variant = _article("2025-01-01", _claim("v1", "Alousseini Sanou"))
    found = _findings(scratch, _article("2024-01-01", *registered), variant)
    assert [_ids(f) for f in found] == [["v1", "r0", "r1", "r2"]]


def test_the_fingerprint_ignores_the_claims_shown_for_comparison(scratch):
    variant = _article("2025-01-01", _claim("v1", "Alousseini Sanou"))
    before = _findings(scratch, _article("2024-06-01", _claim("r1", "Alousseni Sanou")), variant)
    after = _findings(scratch, _article("2024-01-01", _claim("r0", "Alousseni Sanou"),
                                        _claim("r1", "Alousseni Sanou")), variant)
    assert [_ids(f) for f in before] == [["v1", "r1"]] and [_ids(f) for f in after] == [["v1", "r0", "r1"]]
    assert before[0].fingerprint == after[0].fingerprint


def test_the_transliteration_table():
    assert normal("sergey") == normal("sergei")
    assert normal("mikhail") == "mihail"
    assert normal("moussa") == normal("musa")
    assert normal("dmitriy") == normal("dmitri")


_ACCENTS = {"a": "àáâä", "e": "éèêë", "i": "íïî", "o": "óôö", "u": "úùü", "c": "ç", "n": "ñ"}


@st.composite
def _accented(draw, text: str) -> str:
    out = []
    for ch in text:
        if ch in _ACCENTS and draw(st.booleans()):
            ch = draw(st.sampled_from(_ACCENTS[ch]))
        if draw(st.booleans()):
            ch = ch.upper()
        out.append(ch)
    form = draw(st.sampled_from(["NFC", "NFD"]))
    return unicodedata.normalize(form, "".join(out))


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(_WORD, min_size=1, max_size=3), data=st.data())
def test_accent_and_case_variants_of_a_registered_alias_never_fire(scratch, words, data):
    alias = " ".join(words)
    registry = f"""
entities:
  someone: {{name: Registered Person, kind: person, aliases: [{json.dumps(alias)}]}}
"""
    variant = data.draw(_accented(alias), label="variant")
    article = _article(None, _claim("a1", variant, alias, subject="someone"))
    assert _findings(scratch, article, registry=registry) == []


# --- the search by length finds what a search of every spelling finds -------------------------------------

def _every_spelling_nearest(spellings, folded: str, params) -> list:
    """`Spellings.nearest` the slow way: every registered spelling compared, whatever its length."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from factcheck.kinds.names import Match, _sorted_words

    query = normal(folded)
    best: dict = {}
    probes = [(query, spellings.normal, "letters")]
    if " " in query:
        probes.append((_sorted_words(query), spellings.sorted, "word order"))
    for probe, choices, how in probes:
        for choice, _, position in process.extract(probe, choices, scorer=Levenshtein.normalized_similarity,
                                                   score_cutoff=params.min_similarity, limit=None):
            apart = Levenshtein.distance(probe, choice)
            if apart > params.max_distance:
                continue
            spelling, role = spellings.shown(position)
            key = spellings.keys[position]
            match = Match(spellings.entity[position], spelling, role, apart,
                          "variant" if how == "letters" and apart == 0 else how,
                          Levenshtein.distance(folded, key), _sorted_words(folded) == _sorted_words(key))
            if match.entity not in best or match.rank() < best[match.entity].rank():
                best[match.entity] = match
    if not best:
        return []
    closest = min(match.apart for match in best.values())
    return sorted((m for m in best.values() if m.apart == closest), key=lambda m: m.entity)


_NAME = st.lists(st.text("abdeiklmnorsuy", min_size=1, max_size=7), min_size=1, max_size=3).map(" ".join)
_EDIT = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 30), st.sampled_from("aeiklz "))


def _edited(name: str, edits: list) -> str:
    """`name` after a few edits: a spelling that is near a registered one, or just beyond."""
    for edit, at, letter in edits:
        at %= len(name) + 1
        if edit == "insert":
            name = name[:at] + letter + name[at:]
        elif at < len(name):
            name = name[:at] + (letter if edit == "replace" else "") + name[at + 1:]
    return name or "a"


@settings(max_examples=80, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=25, unique=True), st.lists(_NAME, min_size=1, max_size=5),
       st.lists(st.tuples(st.integers(0, 24), st.lists(_EDIT, max_size=5)), max_size=6),
       st.floats(0.5, 0.95), st.integers(0, 4))
def test_near_spellings_are_those_a_search_of_every_spelling_finds(names, queries, edits, similarity, distance):
    """The search by length and by pieces (`_Pieces`) finds what comparing every spelling finds, also for
    spellings a few edits from registered ones."""
    queries = queries + [_edited(names[which % len(names)], changes) for which, changes in edits]
    from factcheck.kinds.names import Params, Spellings
    from factcheck.model.registry import Entity
    from factcheck.registry import Registry
    from factcheck.text import fold

    entities = {f"e{number}": Entity(id=f"e{number}", name=name, kind="person") for number, name in enumerate(names)}
    by_spelling: dict = {}
    for entity in entities.values():
        for spelling in (entity.id, *entity.spellings()):
            by_spelling.setdefault(fold(spelling), entity.id)
    spellings = Spellings(Registry(entities=entities, by_spelling=by_spelling))
    params = Params(min_similarity=similarity, max_distance=distance)
    for query in queries:
        assert spellings.nearest(fold(query), params) == _every_spelling_nearest(spellings, fold(query), params)


_SPELLING = st.text("aAeEiI- ", min_size=1, max_size=4).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text("aei-", min_size=1, max_size=3), _SPELLING, st.lists(_SPELLING, max_size=3)),
                min_size=1, max_size=8, unique_by=lambda entity: entity[0]))
def test_a_registered_spelling_is_shown_as_registered_with_its_role(entities):
    """What a near spelling is shown as (`Spellings.shown`, looked up only for those) is what folding every
    entity's name, aliases and id, in the registry's order, gives: the first one that folds to it. Ids,
    names and aliases here fold to one another often (the registry refuses a spelling of a second entity)."""
    from factcheck.kinds.names import Spellings
    from factcheck.registry import load_registry
    from factcheck.text import fold
    from factcheck.yamlfile import parse

    text = json.dumps({"entities": {entity_id: {"name": name, "kind": "person", "aliases": aliases}
                                    for entity_id, name, aliases in entities}})
    registry, _ = load_registry(parse(text, "entities.yaml"))
    every: dict[str, tuple[str, str]] = {}
    for entity in registry.entities.values():
        for role, spelling in (("name", entity.name), *(("alias", a) for a in entity.aliases), ("id", entity.id)):
            every.setdefault(fold(spelling), (spelling, role))
    spellings = Spellings(registry)
    assert [spellings.shown(position) for position in range(len(spellings.keys))] == \
        [every[key] for key in spellings.keys]
