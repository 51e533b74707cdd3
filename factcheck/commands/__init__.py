"""The subcommands, one module each, registered in one place."""
from __future__ import annotations

from . import baseline, check, init, report, rule_commands, schema, validate

MODULES = (check, validate, report, baseline, rule_commands, init, schema)


def register_all(commands) -> None:
    for module in MODULES:
        module.register(commands)
