"""The corpus: the registry, the predicate vocabulary and every claims file, loaded together.

Loading never stops at the first mistake: every file is read and every problem
kept, so one run of `factcheck validate` lists them all. Claims are indexed by
predicate and by (subject, predicate), which is all the rules ever look up.

Loading is fast: unchanged files come from the cache (`cache.py`), plain files are
read by `fastload` and, when there are many, on every core (`batch.py`); the garbage
collector is paused while the objects are built. A file with a problem is always read
with the positioned loader, so what is reported does not depend on any of this.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import islice
from operator import itemgetter, lt
from pathlib import Path

from . import batch, collector, fastload, units
from .cache import Cache, fingerprint
from .claims_file import ClaimsFile, Vocabulary
from .config import Settings
from .model.claims import Claim, Source
from .model.values import Quantity
from .model.registry import Predicate
from .problems import InputError, Problem
from .progress import Progress
from .registry import Registry, load_predicates, load_registry
from .state import FileSummary, settled_before
from .yamlfile import decode, read_document

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Corpus:
    registry: Registry
    predicates: dict[str, Predicate]
    sources: dict[str, Source] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)   # the ids of `claims`
    summaries: dict[str, FileSummary] = field(default_factory=dict)   # display path -> summary, with a cache

    def __post_init__(self) -> None:
        self._by_predicate: dict[str, list[Claim]] | None = None
        self._by_id: dict[str, Claim] = {}
        self._indexed = 0   # how many of `claims` `_by_id` has seen

    def by_predicate(self) -> dict[str, list[Claim]]:
        if self._by_predicate is None:
            index: dict[str, list[Claim]] = defaultdict(list)
            for claim in self.claims:
                index[claim.predicate].append(claim)
            self._by_predicate = dict(index)
        return self._by_predicate

    def facts(self) -> tuple[list[Claim], list[str], dict[tuple[str, str], list[Claim]]]:
        """The claims that are not drafts, with their predicates and themselves by subject and predicate (as
        `Context` keeps them), made in one pass that also makes `by_predicate`: each claim, scattered in
        memory, is read once rather than four times (100k claims: 86-107 ms instead of 146-173 ms)."""
        facts: list[Claim] = []
        predicates: list[str] = []
        by_subject_predicate: dict[tuple[str, str], list[Claim]] = {}
        by_predicate: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.claims:
            predicate = claim.predicate
            by_predicate[predicate].append(claim)
            if not claim.draft:
                facts.append(claim)
                predicates.append(predicate)
                by_subject_predicate.setdefault((claim.subject, predicate), []).append(claim)
        self._by_predicate = dict(by_predicate)
        return facts, predicates, by_subject_predicate

    def claims_by_id(self) -> dict[str, Claim]:
        """The claims by id, brought up to date with `claims` as they grew: made only when a duplicate id is
        reported (`add_claims_file`), and then once in all, however many files have duplicates."""
        by_id = self._by_id
        for claim in islice(self.claims, self._indexed, None):
            by_id.setdefault(claim.id, claim)
        self._indexed = len(self.claims)
        return by_id


def load_vocabulary(settings: Settings, problems: list[Problem], *, cache: Cache | None = None) -> Vocabulary:
    """The registry and the predicates, from the cache when neither file changed."""
    return vocabulary_and_entry(settings, problems, cache=cache)[0]


def vocabulary_and_entry(settings: Settings, problems: list[Problem], *,
                         cache: Cache | None = None) -> tuple[Vocabulary, bytes | None]:
    """`load_vocabulary`, with the cache entry it wrote for it (None when it wrote none): pickled once,
    it is also what reading helpers started before it are told (`batch.start_reading`)."""
    key = cache.key(fingerprint(), *vocabulary_inputs(settings)) if cache is not None else None
    cached = cache.get(key) if key is not None else None
    if isinstance(cached, Vocabulary):
        return cached, None
    found: list[Problem] = []
    registry, predicates = Registry(), {}
    for path, reader in ((settings.entities, load_registry), (settings.predicates, load_predicates)):
        if not path.is_file():
            found.append(Problem(settings.display(path), 0, 0, "file not found",
                                 "run 'factcheck init' to create a project, or set the path in [tool.factcheck]"))
            continue
        loaded = _read_vocabulary_file(path, settings.display(path), reader, found)
        if loaded is None:
            continue
        if reader is load_registry:
            registry = loaded
        else:
            predicates = loaded
    vocabulary = Vocabulary(registry=registry, predicates=predicates, ton=settings.ton)
    entry = None
    if key is not None and not found:
        entry = cache.seal(key, vocabulary)
        cache.put_sealed(key, entry)
    problems.extend(found)
    return vocabulary, entry


def _read_vocabulary_file(path: Path, display: str, reader, problems: list[Problem]):
    """The registry or the predicates: the fast way when the file is plain and correct, else positioned."""
    raw = batch.read_bytes(path)   # None when unreadable or over the size limit
    try:
        document = fastload.parse(decode(raw, display), display) if raw is not None else None
    except InputError:
        document = None
    if document is not None:
        try:
            loaded, found = reader(document)
            if not found:
                return loaded
        except fastload.NeedsPositions:
            pass
    document = read_document(path, display, problems)
    if document is None:
        return None
    loaded, found = reader(document)
    problems.extend(found)
    return loaded


def vocabulary_inputs(settings: Settings) -> list[bytes]:
    """What reading any file depends on besides the file itself: the registry, the vocabulary, `ton`,
    and where the project is (paths that claims name are checked against it)."""
    parts = [settings.ton.encode("utf-8"), str(settings.root.resolve()).encode("utf-8")]
    for path in (settings.entities, settings.predicates):
        raw = batch.read_bytes(path)   # None when unreadable or over the size limit
        parts.append(settings.display(path).encode("utf-8") + b"\0" + raw if raw is not None else b"-")
    return parts


def reading_fingerprint(settings: Settings) -> bytes:
    """What a claims file's cache key holds besides the file: factcheck's code and `vocabulary_inputs`."""
    return fingerprint(*vocabulary_inputs(settings))


def claims_files(settings: Settings, paths: list[Path] | None = None) -> list[Path]:
    """The claims files to read: those named (files or folders), or all under the claims folder."""
    return [path for path, _ in shown_claims_files(settings, paths)]


def shown_claims_files(settings: Settings, paths: list[Path] | None = None) -> list[tuple[Path, str]]:
    """`claims_files`, each with its path as reports show it, in that order."""
    return [(Path(path), shown) for path, shown in shown_claims_paths(settings, paths)]


def shown_claims_paths(settings: Settings, paths: list[Path] | None = None) -> list[tuple[str, str]]:
    """`shown_claims_files` with each path as text: each folder is resolved once, and no `Path` is made (a
    re-check looks at thousands of files and reads a few: 5,000 `Path`s took 17 ms; splitting and joining
    each path again took 141 M instructions for 5,000 files, 62 M without)."""
    resolved = _Resolver()
    display = _Display(settings)
    skip = {resolved(str(settings.entities)), resolved(str(settings.predicates))}
    found: dict[str, str] = {}
    for target in paths or [settings.claims]:
        if target.is_dir():
            candidates = _yaml_files(str(target))
        else:   # a file named on the command line, as `_yaml_files` gives one
            folder, name = os.path.split(str(target))
            candidates = [(str(target), folder, name, os.path.islink(target))]
        for candidate, folder, name, link in candidates:
            if name.startswith("."):
                continue
            real = resolved.file(folder, name, link)
            if real not in skip:
                found[candidate] = display.of(candidate, real)
    return sorted(found.items(), key=itemgetter(1))


def _yaml_files(folder: str) -> list[tuple[str, str, str, bool]]:
    """(path, the folder it is in as scanned, its name, whether it is a symbolic link) of the YAML files
    under a folder, as `rglob` finds them: links to folders are not followed."""
    found = []
    folders = [folder]
    while folders:
        scanned = folders.pop()
        try:
            entries = list(os.scandir(scanned))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.name.endswith(YAML_SUFFIXES) and entry.is_file():
                found.append((entry.path, scanned, entry.name, entry.is_symlink()))
    return found


class _Resolver:
    """`os.path.realpath`, remembering resolved folders: a path is its resolved folder plus its name
    unless the name is a symbolic link, which is then resolved in full."""

    def __init__(self):
        self.folders: dict[str, str] = {}   # folder -> its real path, ending with a separator

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        return self.file(folder, name, os.path.islink(path))

    def file(self, folder: str, name: str, link: bool) -> str:
        """The real path of the file `name` in `folder` (a symbolic link, if `link`)."""
        return os.path.realpath(os.path.join(folder, name)) if link else self.inside(folder) + name

    def inside(self, folder: str) -> str:
        """The real path of `folder` and a separator: of a file in it that is not a link, this and its name."""
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.join(os.path.realpath(folder or "."), "")
        return real


class _Display:
    """`settings.display(path)` for a path already resolved."""

    def __init__(self, settings: Settings):
        self.root = os.path.realpath(settings.root)
        self.prefix = os.path.join(self.root, "")

    def of(self, path: str, real: str) -> str:
        """The display of `path`, already resolved to `real`."""
        if real.startswith(self.prefix):
            return real[len(self.prefix):].replace(os.sep, "/")
        return "." if real == self.root else Path(path).as_posix()


def load_corpus(settings: Settings, paths: list[Path] | None = None, *, cache: Cache | None = None,
                progress: bool = False) -> Corpus:
    """Load everything; the result's `problems` lists every mistake found.

    With a `cache`, unchanged files are not read again; with `progress`, a bar shows on a terminal.
    """
    with collector.paused(freeze=True):   # many objects that live until the end, forming no cycles
        try:
            return _load(settings, paths, cache, progress)
        except BaseException:   # interrupted (Ctrl-C) or failed: the half-written pack goes
            if cache is not None:
                cache.discard()
            raise


def _load(settings: Settings, paths: list[Path] | None, cache: Cache | None, progress: bool) -> Corpus:
    problems: list[Problem] = []
    settled = settled_before()
    restored = restore_units(cache) if cache is not None else {}
    files = listed_claims_files(settings, paths, problems)   # a file gone since is reported when read
    shared = reading_fingerprint(settings) if cache is not None else b""
    with batch.start_reading(files, cache=cache, fingerprint=shared, settled=settled) as started:
        vocabulary, entry = vocabulary_and_entry(settings, problems, cache=cache)
        vocabulary = replace(vocabulary, root=settings.root)   # after the cache: paths are checked in this project
        if started is not None:
            started.tell(vocabulary, entry)   # the helpers, parsing meanwhile, read on
        corpus = Corpus(registry=vocabulary.registry, predicates=vocabulary.predicates)
        with Progress("reading claims files", len(files), enabled=None if progress else False) as bar:
            reads = batch.read_files(files, vocabulary, cache=cache, fingerprint=shared, progress=bar,
                                     settled=settled, started=started)
    ordered, last_file = True, None   # whether the claims came in `claim_order`, as they mostly do
    used_units: set[str] = set()
    for (_, shown), read in zip(files, reads):
        problems.extend(read.problems)
        if read.result is not None:
            add_claims_file(corpus, read.result, problems)
            # the file's claims were just gone through: going through 100k claims again afterwards, scattered
            # in memory, took twice as long
            if ordered and read.result.claims:
                ordered = _in_order(read.result.claims, last_file)
                last_file = read.result.claims[0].file
            if cache is not None:
                used_units |= units_used(read.result.claims, corpus.predicates)
            if read.summary is not None:
                corpus.summaries[shown] = read.summary
    if cache is not None:
        keep_units(cache, used_units, settings.ton, restored)
        cache.flush()
    if not ordered:
        corpus.claims.sort(key=claim_order)
    corpus.problems = sorted(set(problems))
    return corpus


def restore_units(cache: Cache) -> dict:
    """The units earlier runs normalised: reading claims with these units then needs no pint."""
    known = cache.get(_units_key(cache))
    if not isinstance(known, dict):
        return {}
    units.learn_units(known)
    return known


def units_used(claims: list[Claim], predicates: dict[str, Predicate]) -> set[str]:
    """The units these claims give quantities in, and their predicates' units."""
    used = set()
    for claim in claims:
        if isinstance(claim.value, Quantity):
            used.add(claim.value.unit)
            predicate = predicates.get(claim.predicate)
            if predicate is not None and predicate.unit:
                used.add(predicate.unit.strip())
    return used


def keep_units(cache: Cache, used: set[str], ton: str, restored: dict) -> None:
    """Remember these units (`units_used`; some were normalised in worker processes: they are normalised
    again here)."""
    wanted = {(unit, ton) for unit in used} - restored.keys()
    if not wanted:
        return
    learned = dict(restored)
    for unit, _ in sorted(wanted):
        try:
            learned[(unit, ton)] = units.normalise(unit, ton)
        except units.UnitError:
            pass
    cache.put(_units_key(cache), learned)


def _units_key(cache: Cache) -> bytes:
    return cache.key(fingerprint(), b"units")


def claim_order(claim: Claim) -> tuple:
    """The order of `Corpus.claims`: by file, then position."""
    return (claim.file, claim.line, claim.id)


def _in_order(claims: list[Claim], after: str | None) -> bool:
    """Whether one file's claims, as read, follow each other and the claims of file `after` in `claim_order`.
    Files come in the order of their names, and claims in the order of their lines (but a flow list's on one
    line): then the corpus is not sorted again, which took 40 ms at 100k claims scattered in memory. Checked
    just after `add_claims_file` went through the same claims."""
    file = claims[0].file
    if (after is not None and file <= after) or claims[-1].file != file:
        return False
    lines = [claim.line for claim in claims]
    return all(map(lt, lines, islice(lines, 1, None)))


def listed_claims_files(settings: Settings, paths: list[Path] | None,
                        problems: list[Problem]) -> list[tuple[Path, str]]:
    """`shown_claims_files`, with a problem for each named path missing, or for a missing claims folder."""
    return [(Path(path), shown) for path, shown in listed_claims_paths(settings, paths, problems)]


def listed_claims_paths(settings: Settings, paths: list[Path] | None,
                        problems: list[Problem]) -> list[tuple[str, str]]:
    """`listed_claims_files` with each path as text (`shown_claims_paths`)."""
    if paths:
        missing = [p for p in paths if not p.exists()]
        for path in missing:
            problems.append(Problem(settings.display(path), 0, 0, "no such file or folder"))
        return shown_claims_paths(settings, [p for p in paths if p.exists()])
    if not settings.claims.is_dir():
        problems.append(Problem(settings.display(settings.claims), 0, 0, "claims folder not found",
                                "run 'factcheck init', or set claims = '...' in [tool.factcheck]"))
        return []
    return shown_claims_paths(settings)


def add_claims_file(corpus: Corpus, result: ClaimsFile, problems: list[Problem]) -> None:
    """Add one read claims file to the corpus; a duplicate source or claim id is a positioned problem.

    A file's ids are looked up and added as a whole (C loops over a set): claim by claim in a dict of a
    million claims, that took 0.70 s of a check's serial part, against 0.31 s."""
    problems.extend(result.problems)
    source = result.source
    if source is not None:
        other = corpus.sources.get(source.id)
        if other is not None and other.file != source.file:
            problems.append(Problem(source.file, 1, 1, f"source id {source.id!r} is also used by {other.file}",
                                    "give one of the sources its own 'id:'"))
        corpus.sources[source.id] = source
    ids = corpus.ids
    new = [claim.id for claim in result.claims]
    if ids.isdisjoint(new):
        before = len(ids)
        ids.update(new)
        if len(ids) - before == len(new):
            corpus.claims.extend(result.claims)
            return   # else an id is twice in this file: the ids added are those of the claims kept below
    _add_one_by_one(corpus, result.claims, problems)


def _add_one_by_one(corpus: Corpus, claims: list[Claim], problems: list[Problem]) -> None:
    """Claims of which some have an id taken already: each such one is reported with the first one."""
    first_of = corpus.claims_by_id()
    for claim in claims:
        first = first_of.get(claim.id)
        if first is not None:
            first, second = sorted([first, claim], key=lambda c: (c.file, c.line))
            problems.append(Problem(second.file, second.line, second.column,
                                    f"duplicate claim id {claim.id!r} (first at {first.file}:{first.line})",
                                    "claim ids are unique across the corpus; rename one"))
            continue
        first_of[claim.id] = claim
        corpus.ids.add(claim.id)
        corpus.claims.append(claim)
