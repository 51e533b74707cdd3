"""Frozen models built without validating them again, and unpickled with a shared table of keys.

pydantic validates every field of a model it builds, and gives each instance a dictionary
with a key table of its own: 464 bytes for a claim. Claims are assembled from parts that
were validated as they were read (`assemble`). And an instance whose attributes are set
one by one, in field order, shares its class's key table instead, as plain objects do: a
claim's dictionary is 216 bytes. A large check holds a million claims and their values,
all unpickled in the main process from the cache or the reading processes, so they
unpickle that way (`Compact.__reduce__`). Only the layout differs: an instance equals,
hashes, dumps and pickles as the one pydantic builds.
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


def restore(cls: type[BaseModel], values: dict, fields_set: set[str]) -> BaseModel:
    """`assemble`, with the values set one by one (slower) so that the dictionary shares its keys."""
    instance = _new(cls)
    for name, value in values.items():
        _set(instance, name, value)
    return _finished(instance, fields_set)


def _finished(instance: BaseModel, fields_set: set[str]) -> BaseModel:
    _set(instance, "__pydantic_fields_set__", fields_set)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


class Compact(BaseModel):
    """A frozen model (no extra fields, no private attributes) that unpickles with a shared key table."""

    def __reduce__(self):
        return restore, (type(self), self.__dict__, self.__pydantic_fields_set__)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs) -> None:
        """Give the class its table of keys now, every field in order, while no instance holds it: CPython
        stops sharing a class's table if it must grow while an instance still holds the smaller one."""
        super().__pydantic_init_subclass__(**kwargs)
        restore(cls, dict.fromkeys(cls.model_fields), set())
