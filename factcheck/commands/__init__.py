"""The subcommands, one module each, registered in one place."""
from __future__ import annotations

from . import check, init, rule_commands, schema, validate

MODULES = (check, validate, rule_commands, init, schema)


def register_all(commands) -> None:
    for module in MODULES:
        module.register(commands)
