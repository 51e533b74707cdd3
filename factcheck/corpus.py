"""The corpus: the registry, the predicate vocabulary and every claims file, loaded together.

Loading never stops at the first mistake: every file is read and every problem
kept, so one run of `factcheck validate` lists them all. Claims are indexed by
predicate and by (subject, predicate), which is all the rules ever look up.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .claims_file import ClaimsFile, Vocabulary, read_claims_file
from .config import Settings
from .model.claims import Claim, Source
from .model.registry import Predicate
from .problems import Problem
from .registry import Registry, load_predicates, load_registry
from .yamlfile import read_document

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Corpus:
    registry: Registry
    predicates: dict[str, Predicate]
    sources: dict[str, Source] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    by_id: dict[str, Claim] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_predicate: dict[str, list[Claim]] | None = None

    def by_predicate(self) -> dict[str, list[Claim]]:
        if self._by_predicate is None:
            index: dict[str, list[Claim]] = defaultdict(list)
            for claim in self.claims:
                index[claim.predicate].append(claim)
            self._by_predicate = dict(index)
        return self._by_predicate

    def claim(self, claim_id: str) -> Claim | None:
        return self.by_id.get(claim_id)


def load_vocabulary(settings: Settings, problems: list[Problem]) -> Vocabulary:
    registry, predicates = Registry(), {}
    for path, reader in ((settings.entities, load_registry), (settings.predicates, load_predicates)):
        if not path.is_file():
            problems.append(Problem(settings.display(path), 0, 0, "file not found",
                                    "run 'factcheck init' to create a project, or set the path in [tool.factcheck]"))
            continue
        document = read_document(path, settings.display(path), problems)
        if document is None:
            continue
        loaded, found = reader(document)
        problems.extend(found)
        if reader is load_registry:
            registry = loaded
        else:
            predicates = loaded
    return Vocabulary(registry=registry, predicates=predicates, ton=settings.ton)


def claims_files(settings: Settings, paths: list[Path] | None = None) -> list[Path]:
    """The claims files to read: those named (files or folders), or all under the claims folder."""
    skip = {settings.entities.resolve(), settings.predicates.resolve()}
    found: set[Path] = set()
    for target in paths or [settings.claims]:
        if target.is_dir():
            candidates = [p for p in target.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()]
        else:
            candidates = [target]
        for candidate in candidates:
            if candidate.resolve() not in skip and not candidate.name.startswith("."):
                found.add(candidate)
    return sorted(found, key=lambda p: settings.display(p))


def load_corpus(settings: Settings, paths: list[Path] | None = None) -> Corpus:
    """Load everything; the result's `problems` lists every mistake found."""
    problems: list[Problem] = []
    vocabulary = load_vocabulary(settings, problems)
    corpus = Corpus(registry=vocabulary.registry, predicates=vocabulary.predicates)
    for path in _checked_paths(settings, paths, problems):
        if not path.exists():
            problems.append(Problem(settings.display(path), 0, 0, "no such file or folder"))
            continue
        document = read_document(path, settings.display(path), problems)
        if document is None:
            continue
        _add(corpus, read_claims_file(document, vocabulary), problems)
    corpus.claims.sort(key=lambda claim: (claim.file, claim.line, claim.id))
    corpus.problems = sorted(set(problems))
    return corpus


def _checked_paths(settings: Settings, paths: list[Path] | None, problems: list[Problem]) -> list[Path]:
    if paths:
        missing = [p for p in paths if not p.exists()]
        for path in missing:
            problems.append(Problem(settings.display(path), 0, 0, "no such file or folder"))
        return claims_files(settings, [p for p in paths if p.exists()])
    if not settings.claims.is_dir():
        problems.append(Problem(settings.display(settings.claims), 0, 0, "claims folder not found",
                                "run 'factcheck init', or set claims = '...' in [tool.factcheck]"))
        return []
    return claims_files(settings)


def _add(corpus: Corpus, result: ClaimsFile, problems: list[Problem]) -> None:
    problems.extend(result.problems)
    source = result.source
    if source is not None:
        other = corpus.sources.get(source.id)
        if other is not None and other.file != source.file:
            problems.append(Problem(source.file, 1, 1, f"source id {source.id!r} is also used by {other.file}",
                                    "give one of the sources its own 'id:'"))
        corpus.sources[source.id] = source
    for claim in result.claims:
        earlier = corpus.by_id.get(claim.id)
        if earlier is not None:
            first, second = sorted([earlier, claim], key=lambda c: (c.file, c.line))
            problems.append(Problem(second.file, second.line, second.column,
                                    f"duplicate claim id {claim.id!r} (first at {first.file}:{first.line})",
                                    "claim ids are unique across the corpus; rename one"))
            continue
        corpus.by_id[claim.id] = claim
        corpus.claims.append(claim)
