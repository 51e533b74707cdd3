"""A registry read back from the cache builds an entity when it is first looked up (`built_on_demand`), and
behaves in every other way as the dictionary it was."""
from __future__ import annotations

import pickle
from collections import ChainMap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.built_on_demand import Built, OnDemand
from factcheck.config import load_settings
from factcheck.corpus import load_vocabulary

_ROOT = Path(__file__).parent.parent
_KEYS = st.sampled_from(["a", "b", "c", "d", "é", "missing"])
_OPERATIONS = st.lists(st.one_of(
    st.tuples(st.sampled_from(["getitem", "get", "contains", "setdefault", "pop", "delitem"]), _KEYS),
    st.tuples(st.just("setitem"), _KEYS),
    st.tuples(st.sampled_from(["len", "iter", "keys", "values", "items", "copy", "eq", "eq_another", "repr",
                               "reversed", "popitem", "update", "or", "pickle", "dict", "chainmap"]), st.just("")),
), max_size=12)


_START = {"a": 0, "b": 1, "c": 2, "d": 3, "é": 4}


def _on_demand() -> OnDemand:
    return OnDemand({key: str(value).encode() for key, value in _START.items()}, lambda row: int(row))


def _apply(mapping, operation: str, key: str):
    """What `operation` on `key` gives, an error as its type (the two mappings must fail alike)."""
    another = _on_demand() if isinstance(mapping, OnDemand) else dict(_START)   # partly built, for the lazy one
    another.get("a")
    try:
        match operation:
            case "getitem": return mapping[key]
            case "get": return mapping.get(key, "default")
            case "contains": return key in mapping
            case "setdefault": return mapping.setdefault(key, 9)
            case "pop": return mapping.pop(key, "default")
            case "delitem": del mapping[key]
            case "setitem": mapping[key] = 7
            case "len": return len(mapping)
            case "iter": return list(mapping)
            case "keys": return list(mapping.keys())
            case "values": return list(mapping.values())
            case "items": return list(mapping.items())
            case "copy": return mapping.copy()
            case "eq": return mapping == _START
            case "eq_another": return (mapping == another, another == mapping, mapping != another)
            case "repr": return repr(mapping)
            case "reversed": return list(reversed(mapping))
            case "popitem": return mapping.popitem()
            case "update": mapping.update({"a": 5, "z": 6})
            case "or": return mapping | {"z": 1}
            case "pickle": return pickle.loads(pickle.dumps(mapping))
            case "dict": return dict(mapping)
            case "chainmap": return dict(ChainMap(mapping, {"z": 1}))
    except Exception as error:
        return type(error)
    return None


@given(_OPERATIONS)
def test_a_mapping_built_on_demand_behaves_as_the_dictionary_it_stands_for(operations):
    """Any sequence of lookups, views and changes gives the same results as on an ordinary dictionary."""
    plain, lazy = dict(_START), _on_demand()
    for operation, key in operations:
        assert _apply(lazy, operation, key) == _apply(plain, operation, key), (operation, key)
    assert lazy == plain and list(lazy.items()) == list(plain.items())   # the order of the keys too


def test_only_the_values_asked_for_are_built_until_many_are():
    built: list[bytes] = []

    def build(row: bytes) -> int:
        built.append(row)
        return int(row)

    lazy = OnDemand({str(number): str(number).encode() for number in range(100)}, build)
    assert len(lazy) == 100 and "7" in lazy and "x" not in lazy and list(lazy)[:2] == ["0", "1"]
    assert lazy["7"] == 7 and lazy.get("8") == 8 and lazy.get("x") is None and lazy["7"] == 7
    assert built == [b"7", b"8"] and type(lazy) is OnDemand
    with pytest.raises(KeyError):
        lazy["x"]
    for number in range(9, 14):   # a sixteenth of them asked for: the rest is built at once
        lazy[str(number)]
    assert type(lazy) is Built and len(built) == 100 and list(lazy.values()) == list(range(100))


def test_a_registry_read_back_builds_only_the_entities_looked_up():
    registry = load_vocabulary(load_settings(_ROOT), []).registry
    back = pickle.loads(pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back.entities, OnDemand) and dict.__len__(back.entities) == 0
    assert back.by_spelling == registry.by_spelling and list(back.entities) == list(registry.entities)
    assert back.resolve("Goita") == registry.resolve("Goita") is not None
    assert dict.__len__(back.entities) == 1
    again = pickle.loads(pickle.dumps(back, protocol=pickle.HIGHEST_PROTOCOL))   # a registry partly built
    assert again == back == registry
    assert list(again.entities.values()) == list(registry.entities.values()) and type(again.entities) is Built
