"""`factcheck new`: detectors on sentences written for the tests, and whole drafts of two articles written for
the tests (a business story and a politics story) that must load with `factcheck validate`.

The articles are not the bundled corpus's: the drafter must work on any English news article.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from factcheck.cli import main
from factcheck.drafting import detect_numbers, detect_people, detect_relations, detect_time, modality
from factcheck.drafting.article import MAX_ARTICLE_BYTES, ArticleError, dateline_hint, read_article
from factcheck.drafting.candidates import find_candidates
from factcheck.drafting.entities import EntityMatcher
from factcheck.drafting.sentences import Sentence, split_sentences
from factcheck.drafting.writer import scalar
from factcheck.registry import Registry
from factcheck.model.registry import Entity
from factcheck.text import fold, normalise_quote

REPO = Path(__file__).resolve().parents[1]

BUSINESS = """Kestrel Metals to build $1.2 billion copper smelter in Zambia

LUSAKA, March 4, 2025 — Kestrel Metals, the Canadian mining company, said on Tuesday it will build a copper smelter near Kitwe with an annual capacity of 350,000 tonnes, in partnership with Zambia's state-owned ZCCM Investments.

The smelter is expected to be operational by 2028, Chief Executive Officer Dana Whitfield told reporters in Lusaka. Kestrel will hold a 70% stake in the project, while ZCCM will own the remaining 30%.

"This is the largest investment in Zambia's copper industry in a decade," Whitfield said.

Zambia is Africa's second-largest copper producer, with output of about 760,000 tonnes last year, according to the Chamber of Mines. The government aims to raise annual copper production to three million tonnes by 2031.

Construction began in January, and about 2,500 workers will be employed during the building phase. The company did not disclose the cost of the power supply agreement. Mines Minister Paul Kabusewe welcomed the project.

The smelter will be the third copper smelter in the Copperbelt Province. Kestrel also operates two mines in Chile and three processing plants in Peru.
"""

POLITICS = """Parliament approves new electoral code ahead of 2026 vote

By Amina Diallo

DAKAR — Senegal's National Assembly on Monday adopted a revised electoral code that creates four new regional commissions to supervise voting, Prime Minister Ousmane Sonko said.

The code was approved by 112 votes to 23 after a six-hour debate, according to the Assembly's records. It will take effect next month and is expected to apply to the presidential election scheduled for February 2026.

Interior Minister Jean Baptiste Tine said the commissions would be operational within the next three months. He noted that the budget for the reform has not been disclosed.

Opposition leader Khalifa Sall denied that his party had been consulted. "We were never invited to the talks," he said.

Senegal ranks among the top ten African countries for press freedom, according to Reporters Without Borders. The reform is part of a broader agreement with the Economic Community of West African States (ECOWAS) signed in 2023.

General Moussa Fall, the head of the national gendarmerie, will lead security for the vote.
"""

ENTITIES = """
entities:
  zambia: {name: Zambia, kind: country}
  senegal: {name: Senegal, kind: country}
  chile: {name: Chile, kind: country}
  peru: {name: Peru, kind: country}
  canada: {name: Canada, kind: country}
  lusaka: {name: Lusaka, kind: place, part_of: [zambia]}
  kitwe: {name: Kitwe, kind: place, part_of: [zambia]}
  dakar: {name: Dakar, kind: place, part_of: [senegal]}
  zccm: {name: ZCCM Investments Holdings, kind: company, aliases: [ZCCM, ZCCM Investments], part_of: [zambia]}
  paul-kabuswe: {name: Paul Kabuswe, kind: person}
  ousmane-sonko: {name: Ousmane Sonko, kind: person, aliases: [Sonko]}
  ecowas: {name: Economic Community of West African States, kind: organisation, aliases: [ECOWAS]}
  national-assembly-of-senegal: {name: National Assembly of Senegal, kind: government,
                                 aliases: ["Senegal's National Assembly", National Assembly]}
  prime-minister-of-senegal: {name: Prime Minister of Senegal, kind: office, aliases: [Senegalese Prime Minister]}
  general: {name: General, kind: title, aliases: [Gen]}
  copper: {name: copper, kind: commodity}
"""


def sentence(text: str) -> Sentence:
    return Sentence(0, len(text), text, 0, False, 1)


def values(detector, text: str) -> list:
    return [candidate.value for candidate in detector(sentence(text))]


# --- sentences ---------------------------------------------------------------------------------------------

def test_sentences_keep_their_offsets_and_skip_abbreviations():
    text = "Lead line\n\nGen. Smith said the U.S. plan works. It costs $5 billion! “Is it?” he asked.\n"
    found = split_sentences(text)
    assert [s.text for s in found] == ["Lead line", "Gen. Smith said the U.S. plan works.", "It costs $5 billion!",
                                       "“Is it?” he asked."]
    assert all(text[s.start:s.end] == s.text for s in found)
    assert found[0].heading and not found[1].heading
    assert [s.line for s in found] == [1, 3, 3, 3]


def test_hard_wrapped_paragraphs_are_joined_and_title_case_headlines_recognised():
    text = ("The ministry said the new plant would open in May and employ about three hundred\n"
            "people, most of them from the region.\n\nNew Plant Opens Doors To Workers\n")
    found = split_sentences(text)
    assert len(found) == 2
    assert normalise_quote(found[0].text).endswith("from the region.")
    assert found[1].title_case and found[1].heading


# --- numbers ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("a smelter with an annual capacity of 350,000 tonnes", ["350000 tonnes per year"]),
    ("it will cost $1.2 billion", ["$1.2 billion"]),
    ("raising output by 10%", ["10%"]),
    ("after a six-hour debate", ["6 hour"]),
    ("projected to refine up to 200 tonnes of gold annually", ["up to 200 tonnes annually"]),
    ("more than six decades after independence", ["more than 6 decades"]),
    ("over the past two years output doubled", []),          # a relative date, not a duration
    ("the plant opened in 2019", []),
])
def test_quantities_become_shorthands_the_loader_reads(text, expected):
    assert values(detect_numbers.quantities, text) == expected


def test_counts_ordinals_and_groups():
    assert values(detect_numbers.counts, "The law creates four new regional commissions.") == [4]
    assert values(detect_numbers.counts, "It is part of a trio of nations.") == [3]
    assert values(detect_numbers.counts, "cooperation among the three countries") == []    # refers back
    assert values(detect_numbers.counts, "This first session was held in Dakar.") == [1]


def test_rankings_and_superlatives():
    assert values(detect_numbers.ranks, "Zambia is Africa's second-largest copper producer.") == [
        {"position": 2, "among": "copper producers", "scope": "Africa"}]
    assert values(detect_numbers.ranks, "It exports cobalt and ranks among the top five globally.") == [
        {"top": 5, "among": "cobalt exporters", "scope": "world"}]
    one_of = list(detect_numbers.ranks(sentence("Peru is one of the largest copper producers in the world.")))
    assert one_of[0].value_type == "text"      # no position: drafted as text, not invented


# --- time ---------------------------------------------------------------------------------------------------

def test_dates_relative_dates_and_plans():
    found = find_candidates(sentence("On Tuesday, July 29, 2025, the minister opened the port."))
    assert {c.value for c in found if c.value_type == "date"} == {"July 29, 2025", "on Tuesday"}
    plan = list(detect_time.absolute_dates(sentence("The smelter is expected to be operational by 2028.")))
    assert [(c.value, c.detector) for c in plan] == [("by 2028", "plan")]
    relative = values(detect_time.relative_dates, "The alliance, established in September of last year, met.")
    assert relative == ["in September of last year"]
    assert values(detect_time.relative_dates, "Work will start within the next three months.") == [
        "within the next three months"]


def test_non_disclosures_have_no_value():
    for text in ("No timeline for the completion of the dam has been disclosed.",
                 "The company did not disclose the price.",
                 "He noted that the budget for the reform has not been disclosed."):
        found = list(detect_time.not_disclosed(sentence(text)))
        assert found and found[0].modality == "not-disclosed" and found[0].value is None, text


def test_plans_without_a_date_are_text():
    found = list(detect_time.future(sentence("The refinery will enable the country to refine all its gold.")))
    assert found[0].value == "enable the country to refine all its gold"


# --- people -------------------------------------------------------------------------------------------------

def test_titles_before_after_and_beside_names():
    def roles(text):
        return [(c.value, text[c.subject_at[0]:c.subject_at[1]]) for c in detect_people.titles(sentence(text))]

    assert roles("Interior Minister Jean Baptiste Tine said so.") == [("Interior Minister", "Jean Baptiste Tine")]
    assert roles("General Moussa Fall, the head of the national gendarmerie, will lead.") == [
        ("head of the national gendarmerie", "Moussa Fall"), ("General", "Moussa Fall")]
    assert roles("Malian Minister of Economy and Finance, Alousseni Sanou, spoke.") == [
        ("Malian Minister of Economy and Finance", "Alousseni Sanou")]
    assert roles("Yadran Group CEO Irek Salikhov attended.") == [("Yadran Group CEO", "Irek Salikhov")]


def test_attributions_name_the_speaker():
    def speakers(text):
        return [c.value for c in detect_people.attributions(sentence(text))]

    assert speakers("Output will double, according to a senior official who spoke anonymously on Monday.") == [
        "a senior official who spoke anonymously"]
    assert speakers("\u201cWe were never invited,\u201d he said.") == ["he"]
    assert speakers("Soussourou Dembélé, Secretary-General at the ministry, announced the plan.")[0].startswith(
        "Soussourou")


# --- relations ----------------------------------------------------------------------------------------------

def test_partnerships_stakes_and_relations():
    partners = values(detect_relations.partnerships,
                      "It was built in partnership with the Russian group Yadran and a Swiss company.")
    assert partners == ["the Russian group Yadran", "a Swiss company"]
    stakes = list(detect_relations.stakes(sentence("Kestrel will hold a 70% stake in the project.")))
    assert stakes[0].value == "Kestrel" and stakes[0].predicates == ("majority-stake-holder",)
    relations = {(c.predicates[0], c.value) for c in detect_relations.relations(sentence(
        "A plant in Sanankoroba, led by Novawind and Russian-backed, is near the capital Bamako."))}
    assert {("location", "Sanankoroba"), ("led-by", "Novawind"), ("backed-by", "Russian"),
            ("capital", "Bamako")} <= relations


def test_modality_from_wording():
    def guess(text, words):
        start = text.index(words)
        return modality.guess(text, start, start + len(words))[0]

    assert guess("Mali will hold a majority stake, while Yadran maintains a minority share.", "majority") == "planned"
    assert guess("Mali will hold a majority stake, while Yadran maintains a minority share.", "minority") == \
        "asserted"
    assert guess("The facility is expected to be operational by 2027.", "2027") == "expected"
    assert guess("While we haven’t submitted an application yet, talks go on.", "application") == "denied"
    assert guess("Mali is not alone in this pursuit; it is part of a trio.", "trio") == "asserted"


# --- entities -----------------------------------------------------------------------------------------------

def _registry(*entities: Entity) -> Registry:
    registry = Registry()
    for entity in entities:
        registry.entities[entity.id] = entity
        for spelling in (entity.id, *entity.spellings()):
            registry.by_spelling[fold(spelling)] = entity.id
    return registry


def test_names_match_the_registry_near_spellings_and_proposals():
    registry = _registry(Entity(id="alousseni-sanou", name="Alousseni Sanou", kind="person"),
                         Entity(id="gold", name="gold", kind="commodity"),
                         Entity(id="general", name="General", kind="title"))
    text = ("Finance Minister Alousseini Sanou met Kestrel Metals, the Canadian mining company, in a general "
            "meeting on gold. Kestrel said the Economic Community of Central African States (ECCAS) agreed.")
    matcher = EntityMatcher(registry, text)
    found = [(m.spelled, m.entity, m.how) for s in split_sentences(text) for m in matcher.mentions(s)]
    assert ("Alousseini Sanou", "alousseni-sanou", "near-spelling") in found
    assert ("gold", "gold", "name") in found
    assert not any(entity == "general" for _, entity, _ in found)   # "general meeting" is not the rank
    assert ("Kestrel", "kestrel-metals", "name") in found          # a shortened name met before
    kinds = {p.id: p.kind for p in matcher.proposals.values()}
    assert kinds["kestrel-metals"] == "company"
    assert "economic-community-of-central-african-states" in kinds


def test_descriptions_and_references_find_entities_without_names():
    registry = _registry(Entity(id="senou-gold-refinery", name="Senou gold refinery", kind="facility"))
    text = "Mali began building a gold refinery. The refinery will open soon. A new copper smelter is planned."
    matcher = EntityMatcher(registry, text)
    found = [(m.spelled, m.entity, m.how) for s in split_sentences(text) for m in matcher.mentions(s)]
    assert ("refinery", "senou-gold-refinery", "descriptor") in found
    assert ("The refinery", "senou-gold-refinery", "reference") in found
    assert any(how == "proposed" and entity == "copper-smelter" for _, entity, how in found)


# --- safety -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a-" * 20000 + "was not disclosed", "x" * 50000 + "s said", "Abc " * 20000 + "said.",
    "1," * 20000 + "000 tonnes", "Mali’s " * 10000 + "Foreign Minister Diop", "such as " + "a, " * 20000 + "b.",
    "No " + "big " * 20000 + "has been disclosed", "among the top " * 10000,
], ids=["hyphens", "long-word", "capitals", "digits", "possessives", "list", "no-x", "top"])
def test_detectors_stay_fast_on_pathological_text(text):
    started = time.perf_counter()
    find_candidates(sentence(text))
    modality.guess(text, 0, len(text))
    split_sentences(text)
    assert time.perf_counter() - started < 5


def test_article_reading_errors_are_positioned(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Première ligne\nDeuxième ligne: caf\xe9".encode("utf-8")[:-2] + b"\xe9\n")
    with pytest.raises(ArticleError) as error:
        read_article(latin)
    assert (error.value.line, error.value.column) == (2, 21)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(ArticleError, match="limit"):
        read_article(big)


def test_dateline_hint():
    assert dateline_hint("date 2024-10-03 (MENAFN) Russia is set to ...").date == "2024-10-03"
    assert dateline_hint("Title\n\nPhil Butler, New Eastern Outlook, July 01, 2025 —\n\nText.").date == "2025-07-01"
    assert dateline_hint("On Tuesday, July 29, 2025, the president received the members of a long list of "
                         "delegations from many countries at the palace.") is None


def test_yaml_scalars_read_back():
    for value in ("plain-id", "yes", "2025", "a: b", "quote \" and \\ and \u2028 and \x07", "# not a comment",
                  "Goïta’s", {"position": 2, "among": "gold producers"}, 5):
        assert yaml.safe_load(f"key: {scalar(value)}")["key"] == value


# --- whole drafts of two articles written for the tests --------------------------------------------------------

@pytest.fixture
def newsroom(scratch, monkeypatch):
    scratch.write("claims/entities.yaml", ENTITIES)
    scratch.write("rules/predicates.yaml", (REPO / "rules" / "predicates.yaml").read_text(encoding="utf-8"))
    scratch.use_rule("unreviewed-drafts")
    scratch.use_rule("conflicting-values")
    scratch.write("business.txt", BUSINESS)
    scratch.write("politics.txt", POLITICS)
    monkeypatch.chdir(scratch.root)
    return scratch


def _draft(scratch, capsys, *args) -> tuple[Path, dict]:
    assert main(["new", *args]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    written = scratch.root / out.split("wrote ", 1)[1].split(":", 1)[0]
    return written, yaml.safe_load(written.read_text(encoding="utf-8"))


def _find(data: dict, **wanted) -> list[dict]:
    return [claim for claim in data["claims"] if all(claim.get(key) == value for key, value in wanted.items())]


def test_business_story_drafts_load_and_make_sense(newsroom, capsys):
    path, data = _draft(newsroom, capsys, "business.txt", "--title", "Kestrel Metals to build copper smelter",
                        "--outlet", "Copper Wire", "--published", "March 4, 2025")
    assert path.name == "2025-03-04-kestrel-metals-to-build-copper-smelter.yaml"
    assert main(["validate"]) == 0
    assert data["source"] == {"title": "Kestrel Metals to build copper smelter", "outlet": "Copper Wire",
                              "published": __import__("datetime").date(2025, 3, 4), "archive": "business.txt"}
    article = normalise_quote(BUSINESS)
    for claim in data["claims"]:
        assert claim["draft"] is True and claim["note"] and normalise_quote(claim["quote"]) in article
    proposed = data["proposed_entities"]
    assert proposed["kestrel-metals"]["kind"] == "company"
    assert proposed["dana-whitfield"]["kind"] == "person"
    smelter = next(key for key, body in proposed.items() if "smelter" in body["name"])
    assert proposed[smelter]["kind"] == "facility"
    assert _find(data, subject=smelter, predicate="annual-capacity", value="350000 tonnes per year",
                 modality="planned")
    assert _find(data, subject=smelter, predicate="operational-date", value="by 2028", modality="expected")
    assert _find(data, subject=smelter, predicate="partner", value="zccm")
    assert _find(data, predicate="majority-stake-holder", value="kestrel-metals")
    assert _find(data, subject="zambia", predicate="ranking",
                 value={"position": 2, "among": "copper producers", "scope": "Africa"})
    kabuswe = _find(data, subject="paul-kabuswe", predicate="office")
    assert kabuswe and "Paul Kabusewe" in kabuswe[0]["names"]          # near spelling kept for the names rule
    assert _find(data, modality="not-disclosed")
    assert not _find(data, predicate="operating-lithium-mine-count")   # "two mines" of copper are not lithium


def test_politics_story_drafts_load_and_make_sense(newsroom, capsys):
    path, data = _draft(newsroom, capsys, "politics.txt", "--title", "Parliament approves new electoral code",
                        "--outlet", "Dakar Daily", "--author", "Amina Diallo", "--published", "2025-06-10")
    assert main(["validate"]) == 0
    code = next(key for key, body in data["proposed_entities"].items() if body["name"] == "revised electoral code")
    adopted = _find(data, subject=code, predicate="adoption-date", value="on Monday")
    assert adopted and adopted[0]["said_by"] == "ousmane-sonko"
    assert "2025-06-09" in adopted[0]["note"]                          # resolved against the publication date
    assert _find(data, subject="ousmane-sonko", predicate="office", value="prime-minister-of-senegal")
    assert _find(data, subject="moussa-fall", predicate="military-rank", value="general")
    assert _find(data, predicate="duration", value="6 hour")
    assert _find(data, value="within the next three months")
    assert any(claim["modality"] == "denied" for claim in _find(data, subject="khalifa-sall"))
    assert "amina-diallo" not in data["proposed_entities"]              # the author is not an entity


def test_check_reports_committed_drafts_and_checks_nothing_else(newsroom, capsys):
    _, data = _draft(newsroom, capsys, "business.txt", "--title", "Kestrel", "--published", "2025-03-04")
    assert main(["check", "--as-of", "2026-01-01"]) == 0               # a warning: does not fail the check
    out = capsys.readouterr().out
    assert f"warning [unreviewed-drafts] {len(data['claims'])} draft claim(s) await review" in out
    assert "[conflicting-values]" not in out


def test_new_never_overwrites_without_force(newsroom, capsys):
    path, _ = _draft(newsroom, capsys, "politics.txt", "--published", "2025-06-10")
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed by hand\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main(["new", "politics.txt", "--published", "2025-06-10"]) == 2
    error = capsys.readouterr().err
    assert "claims/2025-06-10-politics.yaml: error: the file exists; nothing was written" in error
    assert path.read_text(encoding="utf-8") == before
    assert main(["new", "politics.txt", "--published", "2025-06-10", "--force"]) == 0
    assert "reviewed by hand" not in path.read_text(encoding="utf-8")


def test_new_reports_bad_input_without_a_traceback(newsroom, capsys):
    assert main(["new", "missing.txt"]) == 2
    assert "missing.txt: error: no such file" in capsys.readouterr().err
    newsroom.root.joinpath("latin1.txt").write_bytes(b"Le caf\xe9 est ouvert.\n")
    assert main(["new", "latin1.txt"]) == 2
    err = capsys.readouterr().err
    assert "latin1.txt:1:7: error: not UTF-8 text" in err and "Traceback" not in err
    assert main(["new", "politics.txt", "--published", "someday"]) == 2
    assert "--published 'someday'" in capsys.readouterr().err
    assert main(["new", "politics.txt", "--output", "drafts/politics.yaml"]) == 0
    assert (newsroom.root / "drafts" / "politics.yaml").is_file()


def test_without_a_publication_date_relative_dates_stay_unresolved(newsroom, capsys):
    path, data = _draft(newsroom, capsys, "politics.txt")
    assert path.name == "undated-politics.yaml"
    monday = _find(data, value="on Monday")
    assert monday and "resolves once the publication date is given" in monday[0]["note"]


# --- proposed entities in the loader ----------------------------------------------------------------------------

def test_proposed_entities_are_visible_to_drafts_of_their_file_only(scratch):
    scratch.write("claims/entities.yaml", "entities:\n  mali: {name: Mali, kind: country}\n")
    scratch.write("rules/predicates.yaml", "predicates:\n  partner: {type: entity, functional: false}\n")
    scratch.write("claims/a.yaml", """
        source: {outlet: Daily A}
        proposed_entities:
          kestrel-metals: {name: Kestrel Metals, kind: company, aliases: [Kestrel]}
        claims:
          - {id: a1, subject: Kestrel, predicate: partner, value: mali, draft: true}
          - {id: a2, subject: mali, predicate: partner, value: kestrel-metals, draft: true}
        """)
    project = scratch.open()
    assert not project.problems, [p.render() for p in project.problems]
    assert [c.subject for c in project.corpus.claims] == ["kestrel-metals", "mali"]
    scratch.write("claims/a.yaml", scratch.root.joinpath("claims/a.yaml").read_text().replace(
        "value: mali, draft: true", "value: mali"))
    scratch.write("claims/b.yaml", """
        source: {outlet: Weekly B}
        claims:
          - {id: b1, subject: kestrel-metals, predicate: partner, value: mali, draft: true}
        """)
    messages = sorted((p.file, p.message) for p in scratch.open().problems)
    assert messages == [("claims/a.yaml", "unknown entity 'Kestrel'"),
                        ("claims/b.yaml", "unknown entity 'kestrel-metals'")]


def test_proposed_entities_are_validated_like_registry_entries(scratch):
    scratch.write("claims/entities.yaml", "entities:\n  mali: {name: Mali, kind: country}\n")
    scratch.write("claims/a.yaml", """
        source: {outlet: Daily A}
        proposed_entities:
          odd: {name: Odd, kind: spaceship}
          mali: {name: Mali again, kind: country}
        claims: []
        """)
    problems = sorted((p.line, p.message) for p in scratch.open().problems)
    assert problems[0][0] == 3 and "kind" in problems[0][1]
    assert problems[1] == (4, "'mali' is already in the registry")
