"""Reading many claims files at once: from the cache when unchanged, with the fast reader, on every core.

For each file: its bytes are hashed with the cache's fingerprint; an entry found under
that key is used as is. Otherwise the file is read with `fastload` and its claims
validated; a file the fast reader leaves alone, or that has any problem, is read again
with the positioned loader (`yamlfile`), exactly as before, so every problem keeps its
exact file, line and column. Files without problems are cached.

With many files to read, this process and one worker per other core (forked, so that they
start with the registry already loaded) share the work, each taking the next chunk of files
left. A worker sends back each file's result pickled and signed, which is what the cache
stores, and, when asked, the file's summary for the next re-check (`state.summarize`): this
process only unpickles those, and keeps what it read itself as it is. When there is nothing
to look up (no cache, or an empty one: a first run), no file is read beforehand: each is
read once, by the process that hashes and parses those bytes; and the workers start before
the registry is loaded (`start_reading`), parsing files meanwhile, then are told it.
"""
from __future__ import annotations

import contextlib
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from . import fastload, paths, yamlfile
from .cache import Cache
from .claims_file import ClaimsFile, Vocabulary, read_claims_file
from .forked import Helpers, Pieces, worker_count
from .model.claims import Claim
from .model.compact import share_texts, shared
from .problems import InputError, Problem
from .state import FileSummary, file_status, summarize

PARALLEL_FILES = 64            # fewer files than this to read: no worker processes
PARALLEL_BYTES = 500_000       # nor fewer bytes (about 1,700 claims)
CHUNK = 16                     # files per task sent to a worker


@dataclass
class Read:
    """What reading one file gave: its claims (None if unreadable) and the problems found on the way."""

    result: ClaimsFile | None
    problems: list[Problem]
    key: bytes | None = None   # the file's cache key, when there is a cache
    summary: FileSummary | None = None   # when asked for, and the file is clean


def start_reading(files: list[tuple[Path, str]], *, cache: Cache | None, fingerprint: bytes,
                  settled: int | None = None) -> contextlib.AbstractContextManager[_Reading | None]:
    """A context in which the helpers `read_files` reads every file with on a first run (nothing to look up)
    are started before the vocabulary is loaded: meanwhile, they parse files (that needs no vocabulary),
    and read on once they are told it (`_Reading.tell`). It gives None when no helper would read.
    Loading the registry took 0.38 s of a first check of 100k claims and 4.1 s at 1M, with the other core
    idle; started before it, the checks took 3% and 2% less time."""
    workers = _first_run_workers(files, cache)
    if workers <= 1:
        return contextlib.nullcontext()
    return _Reading(_numbered(files), workers, None, cache, settled, fingerprint)


def read_files(files: list[tuple[Path, str]], vocabulary: Vocabulary, *, cache: Cache | None,
               fingerprint: bytes, progress=None, settled: int | None = None,
               started: _Reading | None = None) -> list[Read]:
    """Read `files` ((path, display) pairs); the results come back in the same order. With a cache and
    `settled` (`state.settled_before`), each clean file comes with its summary. `started`: what
    `start_reading` gave for the same files and arguments."""
    results: list[Read | None] = [None] * len(files)
    if started is not None:
        started.read(vocabulary, results, progress)
        return results  # type: ignore[return-value]
    workers = _first_run_workers(files, cache)
    if workers > 1:   # nothing to look up: each file is read once, by the process that parses it
        with _Reading(_numbered(files), workers, vocabulary, cache, settled, fingerprint) as reading:
            reading.read(vocabulary, results, progress)
        return results  # type: ignore[return-value]
    pending: list[tuple[int, Path, str, bytes | None]] = []
    files_raw: dict[int, bytes] = {}   # for reading in this process without a second read
    size = 0
    for index, (path, display) in enumerate(files):
        raw = read_bytes(path)
        key = file_key(cache, fingerprint, display, raw) if cache is not None and raw is not None else None
        cached = cache.get(key) if key is not None else None
        if isinstance(cached, ClaimsFile) and paths.still_inside(cached, vocabulary.root):
            results[index] = Read(cached, [], key, _summary(cached, key, path, vocabulary, settled))
            if progress is not None:
                progress.advance()
            continue
        pending.append((index, path, display, key))
        if raw is not None:
            size += len(raw)
            files_raw[index] = raw
    workers = _workers(len(pending), size)
    if workers > 1:
        files_raw.clear()
        with _Reading([(index, path, display) for index, path, display, _ in pending], workers, vocabulary, cache,
                      settled, fingerprint) as reading:
            reading.read(vocabulary, results, progress)
    else:
        for index, path, display, key in pending:
            read = read_one(path, display, vocabulary, raw=files_raw.pop(index, None))
            if cache is not None and key is not None and _cacheable(read):
                cache.put(key, read.result)
                read.summary = _summary(read.result, key, path, vocabulary, settled)
            read.key = key
            results[index] = read
            if progress is not None:
                progress.advance()
    return results  # type: ignore[return-value]


_UNPARSED = object()


def read_one(path: Path, display: str, vocabulary: Vocabulary, *, raw: bytes | None = None,
             document=_UNPARSED) -> Read:
    """One claims file: the fast way when it is plain and correct, else exactly as `yamlfile` reads it.
    `document`: what `fast_document` made of `raw`, when it was made already."""
    if document is _UNPARSED:
        document = fast_document(read_bytes(path) if raw is None else raw, display)
    if document is not None:
        try:
            result = read_claims_file(document, vocabulary)
        except fastload.NeedsPositions:
            result = None
        if result is not None and not result.problems:
            share(result.claims)
            return Read(result, [])
    problems: list[Problem] = []
    document = yamlfile.read_document(path, display, problems)
    if document is None:
        return Read(None, problems)
    result = read_claims_file(document, vocabulary)
    share(result.claims)
    return Read(result, problems)


def fast_document(raw: bytes | None, display: str) -> fastload.FastDocument | None:
    """What the fast reader makes of a file's bytes; None when the positioned loader must read the file (it
    could not be read, is too large, is not UTF-8, or uses YAML the fast reader leaves alone)."""
    if raw is None or len(raw) > _max_bytes():
        return None
    try:
        text = yamlfile.decode(raw, display)
    except InputError:
        return None
    return fastload.parse(text, display)


def _max_bytes() -> int:
    try:
        return yamlfile.limit("MAX_FILE_BYTES")
    except InputError:
        return -1   # a bad setting: the positioned loader reports it


def _summary(result: ClaimsFile, key: bytes | None, path, vocabulary: Vocabulary,
             settled: int | None) -> FileSummary | None:
    """Taken after the file was read, so that its status is the one of the version read, or later."""
    if settled is None or key is None:
        return None
    return summarize(result, key, vocabulary.registry, file_status(path, settled))


def _cacheable(read: Read) -> bool:
    return read.result is not None and not read.problems and not read.result.problems


def file_key(cache: Cache, fingerprint: bytes, display: str, raw: bytes) -> bytes:
    """A claims file's cache key: its bytes, its path as reports show it, and everything else it is read with."""
    return cache.key(fingerprint, display.encode("utf-8", "surrogatepass"), raw)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when it cannot be read or is over the size limit (never read whole then:
    the positioned loader refuses it from its size alone)."""
    try:
        if path.stat().st_size > _max_bytes():
            return None
        return path.read_bytes()
    except OSError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _workers(files: int, size: int) -> int:
    return 1 if files < PARALLEL_FILES or size < PARALLEL_BYTES else worker_count(files // CHUNK)


def _numbered(files: list[tuple[Path, str]]) -> list[tuple[int, Path, str]]:
    """(index, path, display) of each file, as `_Reading` takes them."""
    return [(index, path, display) for index, (path, display) in enumerate(files)]


def _first_run_workers(files: list[tuple[Path, str]], cache: Cache | None) -> int:
    """How many processes read `files` when there is nothing to look up in the cache; 1 when there is. Asked
    by `start_reading` and again by `read_files` when it said 1: the files' sizes are summed only when more
    than one process could read them (on one core, never)."""
    if (cache is not None and cache.holds_entries()) or len(files) < PARALLEL_FILES \
            or worker_count(len(files) // CHUNK) <= 1:
        return 1
    return _workers(len(files), sum(map(_size, (path for path, _ in files))))


# --- worker processes ----------------------------------------------------------------------------------

_SHARED: dict = {}   # set in the parent before the fork; the workers inherit it


class _Reading:
    """`unread` files ((index, path, display) triples) read in this process and `workers - 1` helpers forked
    now. Each takes the next chunk of files left from a shared counter; between its own chunks, this
    process takes in what the others sent. What this process reads never travels (it is pickled only for
    the cache): with the others only parsing, it spent a fifth of a core unpickling their results while
    they waited for a core.
    A process hashes the very bytes it parses for the cache key, so a file changed since this process
    looked it up is cached as parsed.

    Without the vocabulary yet (None: `start_reading`), the helpers parse the chunks they take, at most
    their share of them, until `tell` (or `read`) gives it them."""

    def __init__(self, unread, workers: int, vocabulary: Vocabulary | None, cache: Cache | None,
                 settled: int | None, fingerprint: bytes):
        chunks = [[(index, str(path), display) for index, path, display in unread[start:start + CHUNK]]
                  for start in range(0, len(unread), CHUNK)]
        self.tasks = Pieces(chunks)
        self.cache, self.settled, self.fingerprint = cache, settled, fingerprint
        self.told = vocabulary is None
        _SHARED.update(vocabulary=vocabulary, cache=cache, settled=settled, fingerprint=fingerprint, tasks=self.tasks,
                       early_most=-(-len(chunks) // workers))
        try:   # each helper reads chunks until none is left, sending each one
            self.helpers = Helpers(workers - 1, _work, told=self.told)
        except BaseException:
            _SHARED.clear()
            raise

    def __enter__(self) -> _Reading:
        return self

    def __exit__(self, *_) -> None:
        self.helpers.close()
        _SHARED.clear()

    def tell(self, vocabulary: Vocabulary, entry: bytes | None) -> None:
        """Give the helpers started without it the vocabulary: its cache entry when it was just cached
        (`corpus.vocabulary_and_entry`), with the root it is read in; else itself, pickled. Pickling a registry
        of 150,000 entities again took 0.5 s."""
        self.helpers.tell(_telling(vocabulary, entry))
        self.told = False

    def read(self, vocabulary: Vocabulary, results: list, progress) -> None:
        """Read the files, each into its place in `results`."""
        cache, settled, fingerprint, tasks, helpers = self.cache, self.settled, self.fingerprint, self.tasks, \
            self.helpers
        if self.told:
            self.tell(vocabulary, None)

        def receive(chunk) -> None:
            for index, key, clean, sealed, summary in chunk:
                if clean and cache is not None and key is not None:
                    cache.put_sealed(key, sealed)
                    results[index] = Read(cache.unsealed(sealed), [], key, summary)
                else:
                    results[index] = pickle.loads(sealed)
            if progress is not None:
                progress.advance(len(chunk))

        while (task := tasks.take()) is not None:
            for index, path, display in task:
                results[index] = _read_here(Path(path), display, vocabulary, cache, settled, fingerprint)
            if progress is not None:
                progress.advance(len(task))
            for chunk in helpers.arrived(wait=False):
                receive(chunk)
        for chunk in helpers.arrived(wait=True):
            receive(chunk)


def _read_here(path: Path, display: str, vocabulary: Vocabulary, cache: Cache | None, settled: int | None,
               fingerprint: bytes) -> Read:
    """One file read in this process, cached when clean."""
    read = _parsed(path, display, vocabulary, cache, fingerprint)
    if cache is not None and read.key is not None and _cacheable(read):
        cache.put(read.key, read.result)
        read.summary = _summary(read.result, read.key, path, vocabulary, settled)
    return read


def _parsed(path: Path, display: str, vocabulary: Vocabulary, cache: Cache | None, fingerprint: bytes,
            early: tuple | None = None) -> Read:
    """One file read, with the cache key of the very bytes parsed. `early`: what `_early` made of it."""
    raw, document = _early(path, display) if early is None else early
    read = read_one(path, display, vocabulary, raw=raw, document=document)
    if cache is not None and raw is not None:
        read.key = file_key(cache, fingerprint, display, raw)
    return read


def _early(path: Path, display: str) -> tuple[bytes | None, fastload.FastDocument | None]:
    """A file's bytes, and its document as the fast reader makes it: what reading it needs no vocabulary for."""
    raw = read_bytes(path)
    return raw, fast_document(raw, display)


def _work(send, heard=None) -> None:
    """In a helper: read the next chunk of files left until none is, and `send` each chunk's files as
    (index, key, clean, claims file pickled and signed as a cache entry, summary), or, when not clean or
    there is no cache, (index, key, False, pickled `Read`, None). Started before the vocabulary was
    loaded (`heard`), first parse the chunks taken until this process tells it, at most a share of them.

    The parent caches the clean ones: it writes the cache's one new pack."""
    vocabulary, tasks = _SHARED["vocabulary"], _SHARED["tasks"]
    parsed = []   # chunks parsed before the vocabulary came
    while vocabulary is None and len(parsed) < _SHARED["early_most"] and (task := tasks.take()) is not None:
        parsed.append([(index, path, display, _early(Path(path), display)) for index, path, display in task])
        told = heard(False)
        vocabulary = _vocabulary_told(told) if told is not None else None
    if vocabulary is None:   # its share parsed, or no chunk left: it waits to be told
        vocabulary = _vocabulary_told(heard(True))
    for chunk in parsed:
        send([_done(index, path, display, vocabulary, early) for index, path, display, early in chunk])
    while (task := tasks.take()) is not None:
        send([_done(index, path, display, vocabulary) for index, path, display in task])


def _telling(vocabulary: Vocabulary, entry: bytes | None) -> bytes:
    """What `_Reading.tell` sends."""
    return pickle.dumps((entry, vocabulary.root) if entry is not None else (None, vocabulary),
                        protocol=pickle.HIGHEST_PROTOCOL)


def _vocabulary_told(told: bytes) -> Vocabulary:
    """The vocabulary `_telling` made `told` of."""
    entry, root_or_vocabulary = pickle.loads(told)
    return root_or_vocabulary if entry is None else replace(Cache.unsealed(entry), root=root_or_vocabulary)


def _done(index: int, path: str, display: str, vocabulary: Vocabulary, early: tuple | None = None) -> tuple:
    """One file read in a helper, as `_work` sends it."""
    cache, settled = _SHARED["cache"], _SHARED["settled"]
    read = _parsed(Path(path), display, vocabulary, cache, _SHARED["fingerprint"], early)
    key = read.key
    if _cacheable(read) and cache is not None and key is not None:
        return index, key, True, cache.seal(key, read.result), _summary(read.result, key, path, vocabulary, settled)
    return index, key, False, pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL), None


# --- sharing what claims have in common ------------------------------------------------------------------

def share(claims) -> None:
    """Make equal values (and evidence) of claims one object (`compact.shared`), with this process's one
    `__pydantic_fields_set__` of their shape (`compact.shared_fields_set`), and claims share one copy
    of each subject, predicate, modality and speaker string, and of each tuple of names.

    A model's fields-set (the names of the fields given when it was built) is a set per object,
    about as big as a value itself; models are frozen, so pydantic never changes it after
    construction (`model_copy` copies it first), and sharing it changes nothing but memory (a claim
    is assembled with the shared one). It is done as each file is read, so the cache entry is
    smaller and quicker to read back; a shared fields-set pickles as the text of its names, and
    unpickles, like those strings and values, as the one copy in the unpickling process
    (`model/compact.py`). Sharing once the claims were unpickled cost 0.3 s per 100k claims and left
    the largest process no smaller: the copies had been made.
    """
    done: dict[int, object] = {}   # id of a value of these claims (alive meanwhile) -> its shared one

    def once(model):
        """`shared(model)`, looked up once per object: a claim's `holds` is mostly its article's one date."""
        found = done.get(id(model))
        if found is None:
            found = done[id(model)] = shared(model)
        return found

    for claim in claims:
        values = claim.__dict__
        value, holds = values["value"], values["holds"]
        if value is not None:
            values["value"] = once(value)
        if holds is not None:
            values["holds"] = once(holds)
        if values["evidence"]:
            values["evidence"] = tuple(map(shared, values["evidence"]))
        share_texts(Claim, values)
