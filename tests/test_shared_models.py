"""Equal values are one object (`model.compact`), and that changes nothing but memory: a shared value
equals, dumps, and pickles as the one pydantic built, and values that differ (even only by a float's
sign, or by the fields given) are never merged."""
from __future__ import annotations

import pickle
import sys
import uuid
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.batch import read_one
from factcheck.config import load_settings
from factcheck.corpus import claims_files, load_vocabulary
from factcheck.model.compact import restore, shared
from factcheck.model.registry import Entity
from factcheck.model.values import Boolean, Count, DateValue, EntityRef, Quantity, Text

_ROOT = Path(__file__).parent.parent
_floats = st.sampled_from([0.0, -0.0, 1.0, 200.0, -3.5, 1e-9, 2.5e12])
_texts = st.sampled_from(["t", "t/yr", "Mali", "mali", "", "é"])
_values = st.one_of(
    st.builds(Quantity, low=_floats, high=_floats, unit=_texts, dimension=_texts, si_low=_floats, si_high=_floats,
              bound=st.sampled_from(["exact", "approximate", "range"])),
    st.builds(Quantity, low=_floats, high=_floats, unit=_texts, dimension=_texts, si_low=_floats, si_high=_floats),
    st.builds(DateValue, start=st.sampled_from([None, date(2024, 1, 1), date(2025, 6, 30)]),
              end=st.sampled_from([None, date(2024, 12, 31)]), precision=st.sampled_from(["day", "year"]),
              weekday=st.sampled_from([None, 0, 1])),
    st.builds(DateValue, start=st.sampled_from([None, date(2024, 1, 1)])),
    st.builds(EntityRef, id=_texts, name=_texts),
    st.builds(Count, count=st.sampled_from([0, 1, 2])),
    st.builds(Boolean, value=st.booleans()),
    st.builds(Text, text=_texts),
)


def _same(one, other) -> bool:
    return (type(one) is type(other) and one == other and one.model_fields_set == other.model_fields_set
            and one.model_dump_json() == other.model_dump_json() and repr(one) == repr(other))


@given(st.lists(_values, max_size=12))
def test_shared_values_are_the_values_they_stand_for(values):
    copies = [value.model_copy() for value in values]   # pydantic's own, not shared
    kept = [shared(value) for value in values]
    for value, one in zip(copies, kept):
        assert _same(one, value)
        assert _same(pickle.loads(pickle.dumps(one, protocol=pickle.HIGHEST_PROTOCOL)), value)
        assert _same(pickle.loads(pickle.dumps(value)), value)
    for index, one in enumerate(kept):
        for other, value in zip(kept[index + 1:], copies[index + 1:]):
            assert other is not one or _same(value, copies[index]), f"{copies[index]!r} and {value!r} were merged"


def test_equal_values_are_one_object_also_once_unpickled():
    unit = f"t{uuid.uuid4().hex}"   # values no earlier test made
    first = shared(Quantity(low=2.0, high=2.0, unit=unit, dimension="mass", si_low=2e3, si_high=2e3))
    again = shared(Quantity(low=2.0, high=2.0, unit=unit, dimension="mass", si_low=2e3, si_high=2e3))
    assert again is first
    assert pickle.loads(pickle.dumps(first, protocol=pickle.HIGHEST_PROTOCOL)) is first
    given_bound = shared(Quantity(low=2.0, high=2.0, unit=unit, dimension="mass", si_low=2e3, si_high=2e3,
                                  bound="exact"))
    assert given_bound is not first and _same(given_bound, Quantity(**given_bound.model_dump(exclude_unset=True)))


def test_values_that_differ_only_by_sign_or_fields_given_stay_apart():
    zero = dict(low=0.0, high=0.0, unit="t", dimension="mass", si_low=0.0, si_high=0.0)
    positive, negative = shared(Quantity(**zero)), shared(Quantity(**{**zero, "low": -0.0}))
    assert positive is not negative and negative.display() == Quantity(**{**zero, "low": -0.0}).display()
    said, defaulted = shared(Quantity(**zero, bound="exact")), shared(Quantity(**zero))
    assert said == defaulted and said is not defaulted
    assert said.model_dump(exclude_unset=True) != defaulted.model_dump(exclude_unset=True)
    assert shared(Count(count=0)) is not shared(Boolean(value=False))


def test_values_read_in_different_files_are_one_object():
    """The bundled corpus, each file read and pickled on its own as a worker or the cache would: equal
    values and holding dates, wherever read, come back as one object each."""
    settings = load_settings(_ROOT)
    vocabulary = load_vocabulary(settings, [])
    files = [read_one(path, settings.display(path), vocabulary).result for path in claims_files(settings)]
    for results in (files, [pickle.loads(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL)) for read in files]):
        models = [model for read in results for claim in read.claims for model in (claim.value, claim.holds)
                  if model is not None]
        distinct = {(type(model), model.model_dump_json(), frozenset(model.model_fields_set)) for model in models}
        assert len({id(model) for model in models}) == len(distinct) < len(models)
        sources = [read.source for read in results]
        assert len({id(source.model_fields_set) for source in sources}) < len(sources)


def test_registry_entities_share_their_key_table_and_fields_sets():
    registry = load_vocabulary(load_settings(_ROOT), []).registry
    entities = list(registry.entities.values())
    for entity in entities:
        built = Entity(**entity.model_dump(exclude_unset=True))
        assert entity == built and entity.model_fields_set == built.model_fields_set
        assert sys.getsizeof(entity.__dict__) < sys.getsizeof(built.__dict__)
    shapes = {frozenset(entity.model_fields_set) for entity in entities}
    assert len({id(entity.model_fields_set) for entity in entities}) == len(shapes) < len(entities)


def test_a_pickled_model_with_other_fields_than_its_class_is_refused():
    """Compact models pickle their values without names: an entry written for another layout of the class
    (another version of factcheck) must not be read into the wrong fields."""
    with pytest.raises(pickle.UnpicklingError):
        restore(EntityRef, ("entity", "mali"), "id,name")
    assert restore(EntityRef, ("entity", "mali", "Mali"), "id,name") == EntityRef(id="mali", name="Mali")
