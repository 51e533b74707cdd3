"""`factcheck init [DIR]`: a new project with the bundled rules, the vocabulary and an empty registry."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from .. import atomic
from ..cli import BAD_INPUT, OK

_CONFIG = """# factcheck project settings: see the README of factcheck for every key.
claims = "claims"
rules = "rules"
ton = "metric"        # how "ton" is read: metric, short or long
fail-on = "error"
"""
_REGISTRY = """# The entities your claims talk about, with the spellings articles use.
entities: {}
"""


def register(commands) -> None:
    parser = commands.add_parser("init", help="create a new project with the bundled rules")
    parser.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR")
    parser.set_defaults(handler=run)


def bundled_rules() -> list[tuple[str, str]]:
    """The bundled rule files as (name, text), from the installed package or the source tree."""
    try:
        folder = resources.files("factcheck.bundled_rules")
        files = [entry for entry in folder.iterdir() if entry.name.endswith(".yaml")]
    except ModuleNotFoundError:
        files = []
    if not files:
        source_tree = Path(__file__).resolve().parents[2] / "rules"
        files = sorted(source_tree.glob("*.yaml"))
    return sorted((entry.name, entry.read_text(encoding="utf-8")) for entry in files)


def run(args) -> int:
    target: Path = args.directory
    planned = {target / "factcheck.toml": _CONFIG, target / "claims" / "entities.yaml": _REGISTRY}
    planned.update({target / "rules" / name: text for name, text in bundled_rules()})
    existing = [path for path in planned if path.exists()]
    if existing:
        print(f"factcheck init: error: {existing[0]} already exists; nothing was written", file=sys.stderr)
        return BAD_INPUT
    for path, text in planned.items():
        atomic.write_text(path, text, overwrite=False)
    print(f"created a factcheck project in {target}: factcheck.toml, claims/entities.yaml and "
          f"{len(planned) - 2} rule files; add one claims file per article under claims/")
    return OK
