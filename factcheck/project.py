"""A project loaded whole: settings, corpus and rules. The CLI and the Python API both start here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import __version__
from .claims_file import Vocabulary
from .config import Settings, load_settings
from .corpus import Corpus, load_corpus
from .engine import run
from .findings import Finding
from .problems import Problem
from .rules import Rule, load_rules, rule_files


@dataclass
class Project:
    settings: Settings
    corpus: Corpus
    rules: list[Rule]
    problems: list[Problem] = field(default_factory=list)

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(registry=self.corpus.registry, predicates=self.corpus.predicates, ton=self.settings.ton)


@dataclass(frozen=True)
class Report:
    """What one `check` found: the input every reporter starts from."""

    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...]
    sources: int
    claims: int
    rules: tuple[Rule, ...]
    as_of: date
    tool_version: str = __version__


def open_project(paths: list[Path] | None = None, *, start: Path | None = None,
                 rule_paths: list[Path] | None = None) -> Project:
    settings = load_settings(start)
    corpus = load_corpus(settings, paths)
    skip = {settings.predicates.resolve()}
    files = rule_paths if rule_paths else rule_files(settings.rules, skip)
    rules, rule_problems = load_rules(files, settings.display, corpus.predicates)
    problems = sorted(set(corpus.problems) | set(rule_problems))
    return Project(settings=settings, corpus=corpus, rules=rules, problems=problems)


def check_project(project: Project, *, as_of: date | None = None, rule_ids: list[str] | None = None) -> Report:
    as_of = as_of or project.settings.as_of or date.today()
    rules = [rule for rule in project.rules if not rule_ids or rule.id in rule_ids]
    findings = run(project.corpus, rules, as_of=as_of) if not project.problems else []
    return Report(findings=tuple(findings), problems=tuple(project.problems),
                  sources=len(project.corpus.sources), claims=len(project.corpus.claims),
                  rules=tuple(rules), as_of=as_of)
