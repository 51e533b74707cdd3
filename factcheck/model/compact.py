"""Frozen models built without validating them again, and unpickled with a shared table of keys.

pydantic validates every field of a model it builds, and gives each instance a dictionary
with a key table of its own: 464 bytes for a claim. Claims are assembled from parts that
were validated as they were read (`assemble`). And an instance whose attributes are set
one by one, in field order, shares its class's key table instead, as plain objects do: a
claim's dictionary is 216 bytes. A large check holds a million claims and their values,
all unpickled in the main process from the cache or the reading processes, so they
unpickle that way (`Compact.__reduce__`). Only the layout differs: an instance equals,
hashes, dumps and pickles as the one pydantic builds.

Models of one class and shape also share one fields-set (the names of the fields given;
pydantic copies it before changing it): a shared set pickles as a short text naming its
fields, which the unpickling process turns back into its own one set, instead of a set per
claims file (a fifth of a claim's size). The strings a class lists in `shared_strings`
(a claim's subject and predicate, a value's unit or entity) unpickle as one copy per process.
"""
from __future__ import annotations

from pydantic import BaseModel

_new = object.__new__
_set = object.__setattr__


def assemble(cls: type[BaseModel], values: dict, fields_set: set[str]) -> BaseModel:
    """An instance of the frozen model `cls` with these field values (every field, in field order), not
    validated: the caller has validated each of them. `values` becomes its dictionary."""
    instance = _new(cls)
    _set(instance, "__dict__", values)
    return _finished(instance, fields_set)


def restore(cls: type[BaseModel], values: dict, fields_set: set[str] | str) -> BaseModel:
    """`assemble`, with the values set one by one (slower) so that the dictionary shares its keys.
    `fields_set` may be the text a shared fields-set pickles as."""
    instance = _new(cls)
    for name in _STRINGS_OF.get(cls, ()):
        text = values[name]
        values[name] = _STRINGS.setdefault(text, text)
    for name, value in values.items():
        _set(instance, name, value)
    if type(fields_set) is str:
        fields_set = _SET_OF.get((cls, fields_set)) or shared_fields_set(cls, fields_set.split(",") if fields_set else ())
    return _finished(instance, fields_set)


_SHARED_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}   # class and field names -> its one fields-set
_TEXT_OF: dict[int, str] = {}                  # id of one of those sets (alive as long as this process) -> its text
_SET_OF: dict[tuple[type, str], set[str]] = {}   # class and that text -> the set
_STRINGS: dict[str, str] = {}                   # one copy of each string a class shares
_STRINGS_OF: dict[type, tuple[str, ...]] = {}   # class -> the fields whose strings it shares


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

    def __reduce__(self):
        fields_set = self.__pydantic_fields_set__
        return restore, (type(self), self.__dict__, _TEXT_OF.get(id(fields_set), fields_set))

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs) -> None:
        """Give the class its table of keys now, every field in order, while no instance holds it: CPython
        stops sharing a class's table if it must grow while an instance still holds the smaller one."""
        super().__pydantic_init_subclass__(**kwargs)
        restore(cls, dict.fromkeys(cls.model_fields), set())
        _STRINGS_OF[cls] = tuple(getattr(cls, "shared_strings", ()))
