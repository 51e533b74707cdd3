"""Frozen models whose instance dictionaries share one table of keys, as plain objects' do.

pydantic gives each model instance a dictionary with a key table of its own: 464 bytes
for a claim. An instance whose attributes are set one by one, in field order, shares
its class's key table instead: 280 bytes. Claims and their values are the most numerous
objects of a check (a million of each in a large corpus), so they are assembled, and
unpickled from the cache and the reading processes, that way. Only the dictionary's
layout differs: the instance equals, hashes, dumps and pickles as the one pydantic builds.
"""
from __future__ import annotations

from pydantic import BaseModel

_new = object.__new__
_set = object.__setattr__


def assemble(cls: type[BaseModel], values: dict, fields_set: set[str]) -> BaseModel:
    """An instance of the frozen model `cls` with these field values (every field, in field order),
    not validated: the caller has validated each of them."""
    instance = _new(cls)
    for name, value in values.items():
        _set(instance, name, value)
    _set(instance, "__pydantic_fields_set__", fields_set)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


class Compact(BaseModel):
    """A frozen model (no extra fields, no private attributes) that unpickles with a shared key table."""

    def __reduce__(self):
        return assemble, (type(self), self.__dict__, self.__pydantic_fields_set__)
