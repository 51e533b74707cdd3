"""Loading properties: every valid file loads; every corrupted one loads or fails with a position inside it."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.claims_file import Vocabulary, read_claims_file
from factcheck.problems import InputError
from factcheck.registry import load_predicates, load_registry
from factcheck.yamlfile import parse

ENTITIES = """
entities:
  refinery: {name: Sénou refinery, kind: facility, aliases: [Senou gold refinery]}
  yadran: {name: Yadran Group, kind: company}
  goita: {name: Assimi Goïta, kind: person}
  general: {name: General, kind: title, aliases: [Gen]}
"""
PREDICATES = """
predicates:
  capacity: {type: quantity, unit: t/yr}
  start: {type: date}
  partner: {type: entity, functional: false}
  rank: {type: entity, entity_kinds: [title], time_varying: true}
  ranking: {type: rank}
  funds: {type: count}
  operating: {type: boolean}
  status: {type: text}
"""
registry, _ = load_registry(parse(ENTITIES, "entities.yaml"))
predicates, _ = load_predicates(parse(PREDICATES, "predicates.yaml"))
VOCABULARY = Vocabulary(registry=registry, predicates=predicates)

VALUES = {
    "capacity": st.sampled_from(["200 t/yr", "up to 200 tonnes per year", "about 60 t/yr", "1-2 t/yr",
                                 "200-ton-per-year", 150, {"amount": 5, "unit": "kilotonnes/yr", "bound": "at-least"}]),
    "start": st.sampled_from(["2025", "2025-06", "2025-06-17", "June 17, 2025", "by 2027", "on Monday",
                              "next month", "over the past two years", {"date": "2025-06", "inferred": "basis"}]),
    "partner": st.sampled_from(["yadran", "Yadran Group", "goita"]),
    "rank": st.sampled_from(["general", "Gen", "General"]),
    "ranking": st.sampled_from([{"position": 2, "among": "gold producers", "scope": "Africa"},
                                {"top": 5, "among": "spodumene exporters"}]),
    "funds": st.sampled_from([5, "five", "at least 3"]),
    "operating": st.booleans(),
    "status": st.text(alphabet="abcdefghij ", min_size=1, max_size=20).filter(lambda t: t.strip()),
}


@st.composite
def claims_files(draw):
    count = draw(st.integers(min_value=0, max_value=8))
    claims = []
    for index in range(count):
        predicate = draw(st.sampled_from(sorted(VALUES)))
        claim = {"id": f"c-{index}", "subject": draw(st.sampled_from(["refinery", "Senou gold refinery", "goita"])),
                 "predicate": predicate, "value": draw(VALUES[predicate]),
                 "modality": draw(st.sampled_from(["asserted", "planned", "expected", "denied"])),
                 "quote": draw(st.text(min_size=1, max_size=40))}
        claims.append(claim)
    source = {"title": draw(st.text(min_size=1, max_size=30)), "outlet": "Wire",
              "published": draw(st.sampled_from(["2025-06-18", "2025-06", "2025", None]))}
    return {"source": source, "claims": claims}


def _load(text: str):
    try:
        document = parse(text, "claims/x.yaml")
    except InputError as exc:
        return exc.problems, None
    result = read_claims_file(document, VOCABULARY)
    return document.problems + result.problems, result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims_files())
def test_any_valid_claims_file_loads(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    problems, result = _load(text)
    assert problems == [], [p.render() for p in problems]
    assert len(result.claims) == len(data["claims"])


MUTATIONS = st.sampled_from(["delete", "insert", "duplicate-line", "drop-line", "tab", "swap-token"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims_files(), MUTATIONS, st.integers(min_value=0, max_value=10_000), st.characters())
def test_any_single_corruption_loads_or_fails_with_a_position_inside_the_file(data, mutation, where, char):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    lines = text.split("\n")
    position = where % max(len(text), 1)
    line_no = where % max(len(lines), 1)
    if mutation == "delete":
        text = text[:position] + text[position + 1:]
    elif mutation == "insert":
        text = text[:position] + char + text[position:]
    elif mutation == "duplicate-line":
        lines.insert(line_no, lines[line_no])
        text = "\n".join(lines)
    elif mutation == "drop-line":
        del lines[line_no]
        text = "\n".join(lines)
    elif mutation == "tab":
        text = text[:position] + "\t" + text[position:]
    else:
        text = text.replace("subject", "subjekt", 1).replace("value:", "valeu:", 1)
    problems, _ = _load(text)
    line_count = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= line_count + 1, problem
        assert problem.column >= 1, problem
        assert problem.message
