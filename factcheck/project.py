"""A project loaded whole: settings, corpus and rules. The CLI and the Python API both start here."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import __version__, exiting, incremental
from .cache import Cache, default_folder
from .baseline import Accepted, Suppression, apply, read_baseline, read_suppressions
from .claims_file import Vocabulary
from .config import Settings, load_settings
from .corpus import Corpus, load_corpus
from .engine import run
from .findings import Finding
from .problems import Problem
from .rules import Rule, load_rules, project_rule_files
from .state import kept_with_state


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
    accepted: tuple[Finding, ...] = ()        # known findings the baseline accepts
    suppressed: tuple[Finding, ...] = ()      # findings silenced one by one, with a reason
    stale: tuple[Accepted, ...] = ()          # baseline entries that no longer occur
    expired: tuple[Suppression, ...] = ()     # suppressions past their date: their findings fire again


class UnknownRule(ValueError):
    """`--rule` named a rule the project does not have."""


def open_project(paths: list[Path] | None = None, *, start: Path | None = None,
                 rule_paths: list[Path] | None = None, use_cache: bool = True, cache_dir: Path | None = None,
                 progress: bool = False, settings: Settings | None = None, cache: Cache | None = None) -> Project:
    """Settings, corpus and rules; unchanged files come from the cache (`cache`, else the project's)
    unless `use_cache` is false."""
    settings = settings or load_settings(start)
    cache = cache if cache is not None else _cache(settings, use_cache, cache_dir)
    corpus = load_corpus(settings, paths, cache=cache, progress=progress)
    files = rule_paths if rule_paths else project_rule_files(settings)
    rules, rule_problems = load_rules(files, settings.display, corpus.predicates)
    problems = sorted(set(corpus.problems) | set(rule_problems))
    return Project(settings=settings, corpus=corpus, rules=rules, problems=problems)


def _cache(settings: Settings, use_cache: bool, cache_dir: Path | None) -> Cache | None:
    return Cache(default_folder(settings.root, cache_dir or settings.cache_dir)) if use_cache else None


def check_paths(paths: list[Path] | None = None, *, start: Path | None = None, as_of: date | None = None,
                rule_ids: list[str] | None = None, baseline: Path | None = None, use_baseline: bool = True,
                use_cache: bool = True, cache_dir: Path | None = None, progress: bool = False
                ) -> tuple[Settings, Report]:
    """What `factcheck check` does: with the cache, only what changed since the last check is checked
    again (`incremental.py`); the findings are those of a full check either way."""
    settings = load_settings(start)
    as_of = as_of or settings.as_of or date.today()
    cache = _cache(settings, use_cache, cache_dir)
    inputs = incremental.inputs_digest(settings, rule_ids) if cache is not None else b""
    if cache is not None:
        quick = incremental.recheck(settings, paths, cache, inputs, as_of=as_of, rule_ids=rule_ids,
                                    progress=progress)
        if quick is not None:
            rules, findings, sources, claims = quick
            report = Report(findings=findings, problems=(), sources=sources, claims=claims, rules=tuple(rules),
                            as_of=as_of)
            return settings, _apply_baseline(report, settings, baseline) if use_baseline else report
    project = open_project(paths, use_cache=cache is not None, progress=progress, settings=settings, cache=cache)
    unknown = [rule for rule in rule_ids or [] if rule not in {r.id for r in project.rules}]
    if unknown:
        raise UnknownRule(unknown[0])
    memo: dict = {}
    report = check_project(project, as_of=as_of, rule_ids=rule_ids, use_baseline=False, memo=memo,
                           prepare=kept_with_state if cache is not None else None)
    if cache is not None and not report.problems:
        incremental.remember(settings, paths, cache, project.corpus, list(report.rules), report.findings, memo,
                             inputs, as_of)
    exiting.leave(project, memo)
    if report.problems or not use_baseline:
        return settings, report
    return settings, _apply_baseline(report, settings, baseline)


def check_project(project: Project, *, as_of: date | None = None, rule_ids: list[str] | None = None,
                  baseline: Path | None = None, use_baseline: bool = True, memo: dict | None = None,
                  prepare=None) -> Report:
    """Run the rules; with a baseline or suppressions file, report only what they do not cover. (`prepare`:
    see `engine.run`.)"""
    as_of = as_of or project.settings.as_of or date.today()
    rules = [rule for rule in project.rules if not rule_ids or rule.id in rule_ids]
    findings = () if project.problems else tuple(run(project.corpus, rules, as_of=as_of, memo=memo,
                                                     prepare=prepare))
    report = Report(findings=findings, problems=tuple(project.problems), sources=len(project.corpus.sources),
                    claims=len(project.corpus.claims), rules=tuple(rules), as_of=as_of)
    if project.problems or not use_baseline:
        return report
    return _apply_baseline(report, project.settings, baseline)


def _apply_baseline(report: Report, settings: Settings, baseline: Path | None) -> Report:
    as_of, findings = report.as_of, report.findings
    baseline_path = baseline or settings.baseline
    accepted = read_baseline(baseline_path, settings.display(baseline_path)) \
        if baseline_path and (baseline or baseline_path.exists()) else None
    suppressions = read_suppressions(settings.suppressions, settings.display(settings.suppressions)) \
        if settings.suppressions and settings.suppressions.exists() else None
    if accepted is None and suppressions is None:
        return report
    kept = apply(findings, baseline=accepted, suppressions=suppressions, as_of=as_of)
    return replace(report, findings=kept.findings, accepted=kept.accepted, suppressed=kept.suppressed,
                   stale=kept.stale, expired=kept.expired)
