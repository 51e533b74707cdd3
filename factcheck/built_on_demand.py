"""A dictionary whose values are built from bytes when first asked for: the registry read back from the cache.

A re-check after an edit reads the vocabulary from the cache and asks for a few dozen of its
entities (34 of 14,378 at 100k claims, for the edited file and its findings); building them all
took 26 ms of a 0.35 s re-check. `OnDemand` holds each value as the bytes it is built from and
builds it at the first lookup. Whatever asks for all of it (its values or items, comparing,
changing it), or for many (a sixteenth), builds the rest in the original order, and the dictionary
becomes an ordinary one (`Built`, a `dict` subclass that overrides nothing): a full check that then
looks entities up for 100,000 claims pays nothing more than a dictionary lookup for each.
"""
from __future__ import annotations

from collections.abc import Callable

_ABSENT = object()
_MOSTLY = 16   # once a sixteenth of the values is built, the rest is too: whoever asks that many asks for all


class Built(dict):
    """What an `OnDemand` dictionary becomes once every value is built: a dictionary and nothing else."""

    def __reduce__(self):
        return dict, (dict(self),)


class OnDemand(dict):
    """`rows` (key -> bytes, in the order of the keys) with `build` making each value from its bytes.
    Membership, length and the keys come from `rows`: asking them builds nothing."""

    def __init__(self, rows: dict, build: Callable[[bytes], object]):
        super().__init__()
        self.rows = rows
        self._build = build

    def __missing__(self, key):
        row = self.rows[key]   # a KeyError, as a dictionary raises it, for a key it does not hold
        value = self._build(row)
        dict.__setitem__(self, key, value)
        if dict.__len__(self) * _MOSTLY > len(self.rows):
            self.built()   # asked for many: the rest now, and plain lookups from here on
        return value

    def get(self, key, default=None):
        return self[key] if key in self.rows else default

    def __contains__(self, key) -> bool:
        return key in self.rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def keys(self):
        return self.rows.keys()

    def built(self) -> dict:
        """Build every value not built yet, in the order of the keys, and become a `Built` dictionary."""
        values = [(key, dict.get(self, key, _ABSENT)) for key in self.rows]
        values = [(key, self._build(self.rows[key]) if value is _ABSENT else value) for key, value in values]
        dict.clear(self)
        dict.update(self, values)
        del self.rows, self._build
        self.__class__ = Built
        return self

    def __reduce__(self):
        return self.built().__reduce__()


def _building_first(name: str):
    method = getattr(dict, name)

    def whole(self, *args, **kwargs):   # another one given (compared with) is built too: dict reads it directly
        return method(self.built(), *(arg.built() if isinstance(arg, OnDemand) else arg for arg in args), **kwargs)

    whole.__name__ = name
    return whole


for _name in ("values", "items", "copy", "__eq__", "__ne__", "__repr__", "__reversed__", "__or__", "__ror__",
              "__ior__", "__setitem__", "__delitem__", "pop", "popitem", "setdefault", "update", "clear"):
    setattr(OnDemand, _name, _building_first(_name))
