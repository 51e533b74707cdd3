"""Finding the project: like git and ruff, from the current directory upwards.

A project is a folder with `factcheck.toml`, or a `pyproject.toml` that has a
`[tool.factcheck]` table. Without either, `./claims` and `./rules` are used.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .problems import InputError, Problem

SEVERITIES = ("error", "warning", "info")
_KEYS = {"claims", "rules", "entities", "predicates", "ton", "fail-on", "as-of", "baseline", "suppressions",
         "cache-dir"}


@dataclass(frozen=True)
class Settings:
    root: Path
    claims: Path
    rules: Path
    entities: Path
    predicates: Path
    ton: str = "metric"
    fail_on: str = "error"
    as_of: date | None = None
    baseline: Path | None = None
    suppressions: Path | None = None
    cache_dir: Path | None = None
    config_file: Path | None = None
    extra: dict = field(default_factory=dict)

    def display(self, path: Path) -> str:
        """A path as reports show it: relative to the project root when inside it, with '/'."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def find_config(start: Path) -> tuple[Path | None, dict]:
    for folder in [start, *start.parents]:
        own = folder / "factcheck.toml"
        if own.is_file():
            return own, _read_toml(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("factcheck")
            if table is not None:
                return pyproject, table
    return None, {}


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(str(path), 0, 0, f"cannot read: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise InputError([Problem(str(path), line, column, f"invalid TOML: {exc.msg if hasattr(exc, 'msg') else exc}")]) from None


def load_settings(start: Path | None = None) -> Settings:
    start = (start or Path.cwd()).resolve()
    config_file, table = find_config(start)
    root = config_file.parent if config_file else start
    where = str(config_file) if config_file else "settings"
    problems = [Problem(where, 0, 0, f"unknown setting {key!r} in [tool.factcheck]",
                        "expected one of: " + ", ".join(sorted(_KEYS))) for key in table if key not in _KEYS]
    claims = root / table.get("claims", "claims")
    rules = root / table.get("rules", "rules")
    ton = table.get("ton", "metric")
    if ton not in ("metric", "short", "long"):
        problems.append(Problem(where, 0, 0, f"ton = {ton!r}: expected metric, short or long"))
    fail_on = table.get("fail-on", "error")
    if fail_on not in SEVERITIES:
        problems.append(Problem(where, 0, 0, f"fail-on = {fail_on!r}: expected error, warning or info"))
    as_of = table.get("as-of")
    if as_of is not None and not isinstance(as_of, date):
        problems.append(Problem(where, 0, 0, f"as-of = {as_of!r}: expected a date such as 2025-07-01"))
        as_of = None
    if problems:
        raise InputError(problems)
    optional = {key: root / table[key] for key in ("baseline", "suppressions", "cache-dir") if key in table}
    return Settings(root=root, claims=claims, rules=rules,
                    entities=root / table.get("entities", Path(table.get("claims", "claims")) / "entities.yaml"),
                    predicates=root / table.get("predicates", Path(table.get("rules", "rules")) / "predicates.yaml"),
                    ton=ton, fail_on=fail_on, as_of=as_of, baseline=optional.get("baseline"),
                    suppressions=optional.get("suppressions"), cache_dir=optional.get("cache-dir"),
                    config_file=config_file)
