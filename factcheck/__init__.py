"""factcheck: claims from news articles as typed data, checked by declarative rules.

The Python API mirrors the CLI: `load()` reads a project's corpus, `check()` runs
its rules and returns the same findings `factcheck check` prints.
"""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path
from typing import TYPE_CHECKING

from .problems import InputError, Problem

if TYPE_CHECKING:
    from datetime import date

    from .corpus import Corpus
    from .findings import Finding


def load(path: str | Path | None = None) -> "Corpus":
    """The corpus of the project found from `path` (default: the current directory).

    Raises `InputError`, whose `problems` list every positioned mistake.
    """
    from .project import open_project

    project = open_project(start=Path(path) if path else None)
    if project.problems:
        raise InputError(project.problems)
    return project.corpus


def check(path: str | Path | None = None, *, as_of: "date | None" = None) -> list["Finding"]:
    """Run every rule of the project found from `path`; the findings `factcheck check` reports (and,
    as it does, only what changed since the last check is checked again)."""
    from .project import check_paths

    _, report = check_paths(start=Path(path) if path else None, as_of=as_of)
    if report.problems:
        raise InputError(list(report.problems))
    return list(report.findings)


__all__ = ["InputError", "Problem", "__version__", "check", "load"]
