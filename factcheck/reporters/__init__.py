"""Output formats, registered in one place: a new format is one module and one line here.

Every reporter starts from the same `Report` and returns text; `render` is pure,
so the CLI can write several formats from one run.
"""
from __future__ import annotations

from types import ModuleType

from . import github, html, json_report, junit, markdown, sarif, text

REPORTERS: dict[str, ModuleType] = {module.NAME: module for module in (text, json_report, sarif, junit, github,
                                                                      markdown, html)}
