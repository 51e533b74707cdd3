"""`factcheck validate [PATH ...]`: load the corpus and the rules, report every mistake."""
from __future__ import annotations

from pathlib import Path

from ..cli import BAD_INPUT, OK, fail
from ..project import open_project


def register(commands) -> None:
    parser = commands.add_parser("validate", help="check that claims, registry, vocabulary and rules are well-formed")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="claims files or folders (default: all)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    project = open_project(args.paths or None)
    if project.problems:
        return fail(project.problems)
    corpus = project.corpus
    print(f"ok: {len(corpus.claims)} claims in {len(corpus.sources)} sources, {len(corpus.registry.entities)} "
          f"entities, {len(corpus.predicates)} predicates, {len(project.rules)} rules")
    return OK if not project.problems else BAD_INPUT
