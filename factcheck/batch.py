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
read once, by the process that hashes and parses those bytes.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass
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


def read_files(files: list[tuple[Path, str]], vocabulary: Vocabulary, *, cache: Cache | None,
               fingerprint: bytes, progress=None, settled: int | None = None) -> list[Read]:
    """Read `files` ((path, display) pairs); the results come back in the same order. With a cache and
    `settled` (`state.settled_before`), each clean file comes with its summary."""
    results: list[Read | None] = [None] * len(files)
    if (cache is None or not cache.holds_entries()) and len(files) >= PARALLEL_FILES:
        workers = _workers(len(files), sum(map(_size, (path for path, _ in files))))
        if workers > 1:   # nothing to look up: each file is read once, by the process that parses it
            unread = [(index, path, display) for index, (path, display) in enumerate(files)]
            _read_in_workers(unread, results, vocabulary, cache, workers, progress, settled, fingerprint)
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
        _read_in_workers([(index, path, display) for index, path, display, _ in pending], results, vocabulary,
                         cache, workers, progress, settled, fingerprint)
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


def read_one(path: Path, display: str, vocabulary: Vocabulary, *, raw: bytes | None = None) -> Read:
    """One claims file: the fast way when it is plain and correct, else exactly as `yamlfile` reads it."""
    if raw is None:
        raw = read_bytes(path)
    if raw is not None and len(raw) <= _max_bytes():
        try:
            text = yamlfile.decode(raw, display)
        except InputError:
            text = None
        document = fastload.parse(text, display) if text is not None else None
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


# --- worker processes ----------------------------------------------------------------------------------

_SHARED: dict = {}   # set in the parent before the fork; the workers inherit it


def _read_in_workers(unread, results, vocabulary, cache, workers: int, progress, settled: int | None,
                     fingerprint: bytes) -> None:
    """Read `unread` ((index, path, display) triples) in this process and `workers - 1` others. Each takes
    the next chunk of files left from a shared counter; between its own chunks, this process takes in
    what the others sent. What this process reads never travels (it is pickled only for the cache):
    with the others only parsing, it spent a fifth of a core unpickling their results while they
    waited for a core.
    A process hashes the very bytes it parses for the cache key, so a file changed since this process
    looked it up is cached as parsed."""
    tasks = Pieces([[(index, str(path), display) for index, path, display in unread[start:start + CHUNK]]
                    for start in range(0, len(unread), CHUNK)])
    _SHARED.update(vocabulary=vocabulary, cache=cache, settled=settled, fingerprint=fingerprint, tasks=tasks)

    def receive(chunk) -> None:
        for index, key, clean, sealed, summary in chunk:
            if clean and cache is not None and key is not None:
                cache.put_sealed(key, sealed)
                results[index] = Read(cache.unsealed(sealed), [], key, summary)
            else:
                results[index] = pickle.loads(sealed)
        if progress is not None:
            progress.advance(len(chunk))

    try:
        with Helpers(workers - 1, _work) as helpers:   # each reads chunks until none is left, sending each one
            while (task := tasks.take()) is not None:
                for index, path, display in task:
                    results[index] = _read_here(Path(path), display, vocabulary, cache, settled, fingerprint)
                if progress is not None:
                    progress.advance(len(task))
                for chunk in helpers.arrived(wait=False):
                    receive(chunk)
            for chunk in helpers.arrived(wait=True):
                receive(chunk)
    finally:
        _SHARED.clear()


def _read_here(path: Path, display: str, vocabulary: Vocabulary, cache: Cache | None, settled: int | None,
               fingerprint: bytes) -> Read:
    """One file read in this process, cached when clean."""
    read = _parsed(path, display, vocabulary, cache, fingerprint)
    if cache is not None and read.key is not None and _cacheable(read):
        cache.put(read.key, read.result)
        read.summary = _summary(read.result, read.key, path, vocabulary, settled)
    return read


def _parsed(path: Path, display: str, vocabulary: Vocabulary, cache: Cache | None, fingerprint: bytes) -> Read:
    """One file read, with the cache key of the very bytes parsed."""
    raw = read_bytes(path)
    read = read_one(path, display, vocabulary, raw=raw)
    if cache is not None and raw is not None:
        read.key = file_key(cache, fingerprint, display, raw)
    return read


def _work(send) -> None:
    """In a helper: read the next chunk of files left until none is, and `send` each chunk's files as
    (index, key, clean, claims file pickled and signed as a cache entry, summary), or, when not clean or
    there is no cache, (index, key, False, pickled `Read`, None).

    The parent caches the clean ones: it writes the cache's one new pack."""
    vocabulary, cache, settled = _SHARED["vocabulary"], _SHARED["cache"], _SHARED["settled"]
    while (task := _SHARED["tasks"].take()) is not None:
        done = []
        for index, path, display in task:
            read = _parsed(Path(path), display, vocabulary, cache, _SHARED["fingerprint"])
            key = read.key
            if _cacheable(read) and cache is not None and key is not None:
                done.append((index, key, True, cache.seal(key, read.result),
                             _summary(read.result, key, path, vocabulary, settled)))
            else:
                done.append((index, key, False, pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL), None))
        send(done)


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
