"""The faster ways give what the plain ways gave: folding text, grouping articles that copy each other,
and assembling claims without validating them again."""
from __future__ import annotations

import pickle
import random
import sys
import unicodedata
from pathlib import Path

from factcheck.kinds.independence import independent_groups
from factcheck.model.claims import Claim
from factcheck.model.values import EntityRef
from factcheck.project import open_project
from factcheck.text import _NON_WORD, _SPACE, fold


def _plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", _NON_WORD.sub(" ", bare)).strip()


def test_fold_is_unchanged():
    rng = random.Random(3)
    alphabet = [chr(code) for code in range(0x3000)] + list(" \t\n-'.,") * 40 + ["ß", "İ", "ﬁ", "ǅ", "①", "K"]
    ascii_only = [chr(code) for code in range(128)] + list("aZ9_ ") * 20
    accented = ascii_only + list("éèÉçÇñÑöÖåÅøØœŒßﬁℌⓐ①İı\u0301\u00a0\u2019"   # most become ASCII once bare
                                 "\u0300\u034e\u034f\u0350\u036f\u0370")   # the edges of the common marks
    for letters in (alphabet, ascii_only, accented):
        for _ in range(20000):
            text = "".join(rng.choice(letters) for _ in range(rng.randrange(0, 25)))
            assert fold.__wrapped__(text) == _plain_fold(text), repr(text)


class _Source:
    def __init__(self, source_id: str, outlet: str | None):
        self.id, self.outlet = source_id, outlet


class _Claim:
    def __init__(self, source: _Source, quote: str | None):
        self.source, self.quote = source, quote


class _Context:
    def __init__(self, claims):
        self.all_claims, self.memo = claims, {}


def _plain_groups(claims, size: int) -> dict[str, str]:
    """The union-find as first written: a tuple of words per shingle, every union made."""
    parent: dict[str, str] = {}

    def find(item):
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(a, b):
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)

    by_outlet: dict = {}
    by_shingle: dict = {}
    for claim in claims:
        source = claim.source
        find(source.id)
        if source.outlet:
            union(source.id, by_outlet.setdefault(fold(source.outlet), source.id))
        if claim.quote:
            words = fold(claim.quote).split()
            for start in range(len(words) - size + 1):
                union(source.id, by_shingle.setdefault(tuple(words[start:start + size]), source.id))
    return {source: find(source) for source in list(parent)}


def test_independent_groups_are_unchanged():
    rng = random.Random(5)
    words = [f"w{index}" for index in range(25)] + ["Goïta", "goita", "GOITA", "the", "é"]
    for _ in range(400):
        sources = [_Source(f"s{index:03d}", rng.choice([None, "Daily", "daily", "Weekly", "Wire"]))
                   for index in range(rng.randrange(2, 15))]
        claims = [_Claim(rng.choice(sources), " ".join(rng.choice(words) for _ in range(rng.randrange(0, 14)))
                         if rng.random() < 0.9 else None) for _ in range(rng.randrange(1, 40))]
        for size in (2, 3, 8):
            assert independent_groups(_Context(claims), size) == _plain_groups(claims, size)


def test_assembled_claims_are_the_validated_ones():
    """`claims_file._assembled` skips pydantic's validation of a whole claim, and claims and values share
    their key tables (`model.compact`): each bundled claim equals the one pydantic builds from its fields,
    in its values, fields set and JSON, and after a round trip through pickle, whose dictionary is smaller."""
    claims = open_project(start=Path(__file__).parent.parent, use_cache=False).corpus.claims
    assert claims
    for claim in claims:
        validated = Claim(**claim.__dict__)
        unpickled = pickle.loads(pickle.dumps(claim))
        for same in (claim, unpickled):
            assert same == validated and hash(same) == hash(validated)
            assert same.model_fields_set == validated.model_fields_set
            assert same.model_dump_json() == validated.model_dump_json()
        assert sys.getsizeof(unpickled.__dict__) < sys.getsizeof(validated.__dict__)


def test_claims_unpickled_from_different_files_share_their_fields_sets_and_strings():
    """Each claims file is pickled on its own (a cache entry, a worker's result); what comes back shares
    one fields-set per class and shape, and one copy of each subject, predicate and modality, across
    files: at a million claims, a set and three strings a file each came to a fifth of a claim's size."""
    from factcheck.batch import read_one
    from factcheck.config import load_settings
    from factcheck.corpus import claims_files, load_vocabulary

    settings = load_settings(Path(__file__).parent.parent)
    vocabulary = load_vocabulary(settings, [])
    files = [read_one(path, settings.display(path), vocabulary).result for path in claims_files(settings)]
    unpickled = [pickle.loads(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL)) for read in files]
    claims = [claim for read in unpickled for claim in read.claims]
    assert claims == [claim for read in files for claim in read.claims]
    assert len({id(claim.model_fields_set) for claim in claims}) == 1
    values = [model for claim in claims for model in (claim.value, claim.holds) if model is not None]
    shapes = {(type(value), frozenset(value.model_fields_set)) for value in values}
    assert len({id(value.model_fields_set) for value in values}) == len(shapes) < len(values)
    entities = [claim.value for claim in claims if isinstance(claim.value, EntityRef)]
    for name, models in (("subject", claims), ("predicate", claims), ("modality", claims), ("id", entities)):
        texts = [getattr(model, name) for model in models]
        assert len({id(text) for text in texts}) == len(set(texts)) < len(texts)
    by_subject: dict = {}
    for claim in claims:
        by_subject.setdefault(claim.subject, set()).add(claim.file)
    assert any(len(files_) > 1 for files_ in by_subject.values())   # the same subject in several files


def test_selections_group_as_their_claims_do():
    """A rule selecting by predicate gets a `Selection`, grouped from the shared index (`Context.groups_of`):
    the same groups, with the claims in the same order, as grouping the selected claims themselves."""
    from datetime import date

    from factcheck.engine import _select
    from factcheck.kinds.base import Context, Selection, group_by_subject_predicate

    project = open_project(start=Path(__file__).parent.parent, use_cache=False)
    corpus = project.corpus
    context = Context(registry=corpus.registry, predicates=corpus.predicates,
                      all_claims=[claim for claim in corpus.claims if not claim.draft], as_of=date(2026, 6, 30))
    selections = [_select(rule, corpus, context) for rule in project.rules]
    assert any(isinstance(selected, Selection) for selected in selections)
    for selected in selections:
        assert list(context.groups_of(selected).items()) == list(group_by_subject_predicate(list(selected)).items())


def test_the_collector_is_paused_inside_and_left_as_it_was():
    import gc

    import pytest

    from factcheck import collector

    assert gc.isenabled()
    with pytest.raises(KeyError):
        with collector.paused():
            assert not gc.isenabled()
            raise KeyError("an error inside still turns it back on")
    assert gc.isenabled()
    kept = [object() for _ in range(10)]
    frozen = gc.get_freeze_count()
    with collector.paused(freeze=True):
        kept.append(object())
    assert gc.isenabled() and gc.get_freeze_count() > frozen

    @collector.paused()
    def decorated() -> bool:
        return gc.isenabled()

    assert decorated() is False and decorated() is False and gc.isenabled()   # paused on every call
    gc.unfreeze()
    gc.disable()
    try:
        with collector.paused(freeze=True):
            pass
        assert not gc.isenabled() and gc.get_freeze_count() == 0   # off before: left off, nothing frozen
    finally:
        gc.enable()


def test_dates_remembered_are_the_dates_read_afresh():
    """A date as written is read once and remembered (`value_reading._absolute`); what comes back is what
    reading it afresh gives, for raw values that are equal but of another type (1 and True) too."""
    from datetime import date, datetime

    from factcheck import value_reading
    from factcheck.registry import Registry

    context = value_reading.ReadingContext(registry=Registry())

    def read(raw):
        try:
            return value_reading.read_date(raw, context)
        except value_reading.ValueProblem as problem:
            return str(problem)

    raws = [1, True, 2025, 2025.0, "2025", date(2025, 6, 17), datetime(2025, 6, 17, 8), "June 17, 2025",
            "2025-06", "by 2025", "not a date", 1, True, 2025, 2025.0, date(2025, 6, 17), "June 17, 2025"]
    remembered = [read(raw) for raw in raws]
    afresh = []
    for raw in raws:
        value_reading._ABSOLUTE.clear()
        afresh.append(read(raw))
    assert remembered == afresh
    assert remembered[1] == "True is not a date" and remembered[3] == "2025.0 is not a date"
