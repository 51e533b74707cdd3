"""Frozen models built without validating them again, and unpickled with a shared table of keys.

pydantic validates every field of a model it builds, and gives each instance a dictionary
with a key table of its own: 464 bytes for a claim. Claims are assembled from parts that
were validated as they were read (`assemble`). And an instance whose dictionary is a copy of
a template's (an instance whose attributes were set one by one, in field order) shares its
class's key table instead, as plain objects do: a claim's dictionary is 216 bytes. A large
check holds a million claims and their values, most unpickled in the main process from the
cache or the reading processes, so they unpickle that way too: `Compact.__reduce__` pickles
the field values alone, in field order, without their names (a cache entry 18% smaller).
Only the layout differs: an instance equals, hashes, dumps and pickles as the one pydantic
builds.

Models of one class and shape also share one fields-set (the names of the fields given;
pydantic copies it before changing it): a shared set pickles as a short text naming its
fields, which the unpickling process turns back into its own one set, instead of a set per
claims file (a fifth of a claim's size). The strings a class lists in `shared_strings`
(a claim's subject and predicate, a value's unit or entity) and the tuples of strings in
`shared_tuples` (the names a claim quotes) unpickle as one copy per process.

Values repeat far more than claims do: the date a claim holds at is mostly its article's
date, and the same operator, capacity or start date is reported again and again. A class
with `shared_instances` is immutable data and nothing else, so equal instances (the same
field values, and the same fields given) can be one object: each process keeps one of
each (`shared`, and `restore` as they unpickle). In a corpus of 100,000 claims, 190,000
values were 13,500 distinct ones.
"""
from __future__ import annotations

import math
import pickle
from typing import ClassVar

from pydantic import BaseModel

_new = object.__new__
_set = object.__setattr__


def assemble(cls: type[Compact], values: dict, fields_set: set[str]) -> Compact:
    """An instance of the frozen model `cls` with these field values (every field, in field order), not
    validated: the caller has validated each of them. Its dictionary shares its class's key table."""
    instance = _new(cls)
    _set(instance, "__dict__", _shared_keys(cls, values))
    return _finished(instance, fields_set)


def restore(cls: type[Compact], values: tuple, fields_set: set[str] | str) -> Compact:
    """The instance `Compact.__reduce__` pickled: `values` are its field values, in field order (no field
    names are pickled), and `fields_set` may be the text a shared fields-set pickles as. Its dictionary
    is a copy of the class's template (on its key table) filled with them: half the time of setting
    the attributes one by one. Or this process's instance equal to it (`shared_instances`)."""
    if type(fields_set) is str:
        fields_set = _SET_OF.get((cls, fields_set)) or shared_fields_set(cls, fields_set.split(",") if fields_set else ())
    else:
        fields_set = shared_fields_set(cls, fields_set)
    key = _instance_key(cls, values) if cls in _SHAREABLE else None
    found = _INSTANCES.get(key) if key is not None else None
    if found is not None and found.__pydantic_fields_set__ is fields_set:
        return found
    names = _FIELDS_OF[cls]
    if len(values) != len(names):
        raise pickle.UnpicklingError(f"{cls.__name__} has {len(names)} fields, not {len(values)}")
    instance = _BUILDERS[cls](values, fields_set)   # only for an instance kept: most values are found
    if key is not None and found is None:
        _keep(key, instance)
    return instance


def row_of(instance: Compact) -> bytes:
    """`instance` pickled on its own, as its field values and fields-set only (`from_row` needs its class):
    for a value kept as bytes until it is asked for (`built_on_demand`)."""
    return pickle.dumps(instance.__reduce__()[1][1:], protocol=pickle.HIGHEST_PROTOCOL)


def from_row(cls: type[Compact], row: bytes) -> Compact:
    """The instance of `cls` that `row_of` pickled."""
    values, fields_set = pickle.loads(row)
    return restore(cls, values, fields_set)


def compacted(instance: Compact) -> Compact:
    """`instance` (a model pydantic built), made to share what `restore` shares: its dictionary is replaced
    by an equal one on its class's key table, its fields-set by this process's one set of those names,
    its `shared_strings` and `shared_tuples` by this process's copies. Models are frozen: no one else
    sees the change."""
    cls = type(instance)
    values = _shared_keys(cls, instance.__dict__)
    share_texts(cls, values)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", shared_fields_set(cls, instance.__pydantic_fields_set__))
    return instance


def shared(instance: Compact) -> Compact:
    """This process's one instance equal to `instance` (with the same fields given), of a class with
    `shared_instances`: the first one seen, `compacted`."""
    key = _instance_key(type(instance), instance.__dict__.values())
    found = _INSTANCES.get(key)
    if found is None:
        _keep(key, compacted(instance))
        return instance
    if found.__pydantic_fields_set__ != instance.__pydantic_fields_set__:
        return compacted(instance)   # equal, but not given the same fields: not merged (seldom seen)
    return found


def share_texts(cls: type[Compact], values: dict) -> None:
    """Put this process's copies of the strings and tuples of strings `cls` shares into `values`."""
    strings = _STRINGS
    for name in _STRINGS_OF[cls]:
        text = values[name]
        values[name] = strings.setdefault(text, text)
    for name in _TUPLES_OF[cls]:
        values[name] = shared_tuple(values[name])


def shared_tuple(texts: tuple[str, ...]) -> tuple[str, ...]:
    """This process's one copy of a tuple of strings, made of its copies of the strings."""
    found = _TUPLES.get(texts)
    if found is None:
        found = tuple([_STRINGS.setdefault(text, text) for text in texts])
        _TUPLES[found] = found
    return found


def _shared_keys(cls: type[Compact], values) -> dict:
    """A dictionary of `values` (every field of `cls`: a dictionary, or (name, value) pairs) on the class's
    key table, in field order whatever order they come in."""
    shared_table = _TEMPLATES[cls].copy()
    shared_table.update(values)
    return shared_table


def _builder(cls: type[Compact]):
    """A function that builds an instance of `cls` from its field values, in field order, and its fields-set:
    a copy of the class's template filled one assignment a field, its shared strings and tuples made this
    process's copies (`share_texts`), and pydantic's three attributes set. Written out per class (as
    dataclasses write their methods): a registry entity took 19,059 instructions to restore with
    `update(zip(names, values))` and calls to `share_texts` and `_finished`, and takes 14,329."""
    lines = ["def build(values, fields_set):", "    table = template.copy()"]
    lines += [f"    table[{name!r}] = values[{index}]" for index, name in enumerate(_FIELDS_OF[cls])]
    lines += [f"    table[{name!r}] = strings.setdefault(table[{name!r}], table[{name!r}])"
              for name in _STRINGS_OF[cls]]
    lines += [f"    table[{name!r}] = shared_tuple(table[{name!r}])" for name in _TUPLES_OF[cls]]
    lines += ["    instance = new(cls)", "    set_(instance, '__dict__', table)",
              "    set_(instance, '__pydantic_fields_set__', fields_set)",
              "    set_(instance, '__pydantic_extra__', None)", "    set_(instance, '__pydantic_private__', None)",
              "    return instance"]
    namespace = {"template": _TEMPLATES[cls], "cls": cls, "new": _new, "set_": _set, "strings": _STRINGS,
                 "shared_tuple": shared_tuple}
    exec("\n".join(lines), namespace)
    return namespace["build"]


def _instance_key(cls: type[Compact], values) -> tuple:
    """What tells an instance of `cls` from unequal ones but for the fields given: its class and field values,
    in field order (a class with `shared_instances` holds hashable values only)."""
    key = (cls, *values)
    if 0.0 in key:   # 0, False, 0.0 and -0.0 are equal as keys: keep the signs of the floats apart
        key += tuple(math.copysign(1.0, value) for value in key[1:] if type(value) is float)
    return key


def _keep(key: tuple, instance: Compact) -> None:
    if len(_INSTANCES) >= _INSTANCES_KEPT:
        _INSTANCES.clear()   # a long-lived process reading corpus after corpus: start again, lose only sharing
    _INSTANCES[key] = instance


_SHARED_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}   # class and field names -> its one fields-set
_TEXT_OF: dict[int, str] = {}                  # id of one of those sets (alive as long as this process) -> its text
_SET_OF: dict[tuple[type, str], set[str]] = {}   # class and that text -> the set
_STRINGS: dict[str, str] = {}                   # one copy of each string a class shares
_STRINGS_OF: dict[type, tuple[str, ...]] = {}   # class -> the fields whose strings it shares
_TUPLES: dict[tuple, tuple] = {}                # one copy of each tuple of strings a class shares
_TUPLES_OF: dict[type, tuple[str, ...]] = {}    # class -> the fields whose tuples of strings it shares
_TEMPLATES: dict[type, dict] = {}               # class -> a dictionary on its key table, to copy
_FIELDS_OF: dict[type, tuple[str, ...]] = {}    # class -> its field names, in order
_BUILDERS: dict[type, object] = {}              # class -> its `_builder`
_SHAREABLE: set[type] = set()                   # the classes with `shared_instances`
_INSTANCES: dict[tuple, BaseModel] = {}         # `_instance_key` -> this process's one such instance
_INSTANCES_KEPT = 1 << 20


def shared_fields_set(cls: type[BaseModel], names) -> set[str]:
    """This process's one fields-set of `cls` holding these names."""
    key = (cls, frozenset(names))
    shared = _SHARED_SETS.get(key)
    if shared is None:
        shared = _SHARED_SETS[key] = set(key[1])
        text = ",".join(sorted(shared))
        _TEXT_OF[id(shared)] = text
        _SET_OF[cls, text] = shared
    return shared


def _finished(instance: BaseModel, fields_set: set[str]) -> BaseModel:
    _set(instance, "__pydantic_fields_set__", fields_set)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


class Compact(BaseModel):
    """A frozen model (no extra fields, no private attributes) that unpickles with a shared key table."""

    shared_strings: ClassVar[tuple[str, ...]] = ()   # fields whose text repeats across files
    shared_tuples: ClassVar[tuple[str, ...]] = ()    # fields whose tuples of strings repeat across files
    shared_instances: ClassVar[bool] = False   # equal instances may be one object; fields hold hashable values

    def __reduce__(self):
        fields_set = self.__pydantic_fields_set__   # its dictionary holds its fields, in field order
        return restore, (type(self), tuple(self.__dict__.values()), _TEXT_OF.get(id(fields_set), fields_set))

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs) -> None:
        """Give the class its table of keys now, every field in order, while no instance holds it: CPython
        stops sharing a class's table if it must grow while an instance still holds the smaller one."""
        super().__pydantic_init_subclass__(**kwargs)
        template = _new(cls)
        for name in cls.model_fields:
            _set(template, name, None)
        _TEMPLATES[cls] = template.__dict__
        _FIELDS_OF[cls] = tuple(cls.model_fields)
        _STRINGS_OF[cls], _TUPLES_OF[cls] = cls.shared_strings, cls.shared_tuples
        _BUILDERS[cls] = _builder(cls)
        if cls.shared_instances:
            _SHAREABLE.add(cls)
