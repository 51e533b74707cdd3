"""The subcommands, one module each, registered in one place."""
from __future__ import annotations

from . import baseline, bench, check, init, new, report, rule_commands, schema, show, validate

MODULES = (check, validate, report, baseline, rule_commands, init, schema, new, show, bench)


def register_all(commands) -> None:
    for module in MODULES:
        module.register(commands)
