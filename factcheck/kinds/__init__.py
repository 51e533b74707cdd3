"""The check kinds, registered in one place: a new kind is one module and one line here."""
from __future__ import annotations

from types import ModuleType

from . import conflict, count, drafts, names, superseded, temporal, unsupported

KINDS: dict[str, ModuleType] = {
    module.NAME: module
    for module in (conflict, unsupported, superseded, temporal, count, names, drafts)
}
