"""What the last `check` of a project knew, so that the next one re-checks only what an edit touched.

After a check with no problems, factcheck keeps, for each claims file, a summary of what
the rules can read from it (its content key, source, claim ids, subjects, named
entities, unregistered spellings, and a digest of its quotes and outlet), and each
rule's findings with the scope they came from (a subject, a file, or the whole corpus),
each finding with its text in the JSON report, which a re-check writes as it is for
every finding it carries over (the text stands in for the finding's claims, which are
read back from it only when something asks for them: a report in another format). The
next check compares the files' content keys with the summaries: only rules whose scope
an edit touched run again, and only over the claims of that scope.

Like git's index, a summary also keeps the file's status (size, times, inode), and a
file whose status is unchanged is not read again to compute its key. A status is kept
only once it has settled: a file changed less than `_SETTLING_NS` before the check
that read it (or while it read it) has no status kept and is read again next time,
so an edit in the same clock tick as a check is never missed.

The state is kept per set of checked paths, in the cache folder, as a base and the
delta a re-check wrote against it (`state_delta.py`): after one edit, a few changes are
written rather than the whole state. Both are signed and checked like a cache entry
(`cache.py`): a corrupt, foreign or stale state is ignored and the check runs in full,
and a delta made against another base is ignored (the base alone is an older state,
still a correct one to start from). It is valid only for the same inputs besides
the claims files (factcheck's code, the registry and vocabulary, the rules, the
rules selected), whose digest it carries. It keeps the reference date it was made for
(`--as-of`, by default the day of the check): on another date, a re-check checks again the
findings that depend on it: those of the subjects of plans that became overdue in between, or
stopped being so (`plans`).
"""
from __future__ import annotations

import hashlib
import mmap
import os
import time
from dataclasses import dataclass, field, fields, replace
from datetime import date
from operator import attrgetter
from pathlib import Path

from .cache import Cache, remove_quietly
from .claims_file import ClaimsFile
from .findings import Finding, packed, unpacked
from .kinds.independence import Independence
from .kinds.superseded import plan_target
from .model.claims import FORWARD_LOOKING
from .reporters.json_report import keep_texts
from .registry import Registry
from .state_delta import Delta, apply, diff
from .text import fold

_VERSION = b"factcheck-state-8"
_DELTA_SHARE = 8   # a delta is written while it holds less than an eighth of the base's summaries and findings
_SETTLING_NS = 2_000_000_000   # more than any file system's clock tick, and coarse clocks lagging behind
_KEPT_STATES = 8   # one per set of paths checked: `factcheck check`, `factcheck check claims/a.yaml`, ...


@dataclass(frozen=True)
class FileSummary:
    """What the rules can read from one claims file, and the key of the content it was read from."""

    key: bytes
    source: str | None
    # Lists of names are texts, one name a line (ids and folded spellings hold no line break): 5,000 files'
    # summaries read back from a state in a tenth of the instructions tuples of strings took. `lines` splits them.
    claims: str                    # claim ids, drafts included
    subjects: str                  # subjects of the claims that are not drafts, sorted
    entities: str                  # those subjects and the registered entities the claims name, sorted
    unregistered: str              # folded spellings in `names:` that the registry lacks, sorted
    plans: str                     # "target subject" of each plan that can become overdue (`superseded.plan_target`;
                                   # not drafts), sorted
    drafts: bool
    independence: bytes            # digest of what independence reads: source id, outlet, quotes
    status: tuple | None = None    # the file's settled status when it was read (`file_status`), if any

    @property
    def count(self) -> int:
        """How many claims the file holds."""
        return self.claims.count("\n") + 1 if self.claims else 0


def lines(text: str) -> list[str]:
    """The names a summary's text holds, one a line (none in an empty text)."""
    return text.split("\n") if text else []


@dataclass
class State:
    inputs: bytes                                               # digest of every input but the claims files
    files: dict[str, FileSummary]                               # display path -> summary
    findings: dict[str, list[tuple[str, Finding]]]              # rule id -> (scope, finding)
    reads: dict[str, frozenset[str]] = field(default_factory=dict)   # corpus-wide rule -> the files it read
    memos: dict[str, dict] = field(default_factory=dict)             # corpus-wide rule -> what `reads` keeps
    groups: dict[int, Independence] = field(default_factory=dict)    # which sources are independent, by run length
    as_of: date | None = None                                   # the reference date the findings are for
    origin: tuple | None = field(default=None, repr=False, compare=False)   # (base id, base), as loaded

    def __getstate__(self) -> dict:
        """Summaries and findings as rows of plain values, each class named once (see `packed`); where the
        state was read from is not part of what is written."""
        return {**self.__dict__, "origin": None, "files": {shown: _SUMMARY_VALUES(summary)
                                                           for shown, summary in self.files.items()},
                "findings": {rule: packed(pairs) for rule, pairs in self.findings.items()}}

    def __setstate__(self, state: dict) -> None:
        state["files"] = {shown: _summary_of(values) for shown, values in state["files"].items()}
        state["findings"] = {rule: unpacked(rows) for rule, rows in state["findings"].items()}
        self.__dict__.update(state)


_SUMMARY_FIELDS = tuple(summary_field.name for summary_field in fields(FileSummary))
_SUMMARY_VALUES = attrgetter(*_SUMMARY_FIELDS)


def _summary_of(values: tuple) -> FileSummary:
    """The summary whose field values `_SUMMARY_VALUES` gave, without `__init__`'s one call per field."""
    summary = object.__new__(FileSummary)
    object.__setattr__(summary, "__dict__", dict(zip(_SUMMARY_FIELDS, values)))
    return summary


def settled_before() -> int:
    """Taken before a check reads any file: a file changed later than this has not settled."""
    return time.time_ns() - _SETTLING_NS


def file_status(path, settled: int | None = None) -> tuple | None:
    """What tells, without reading it, that a file is unchanged; None when the file cannot be looked at or,
    given `settled` (the status is to be kept), changed after it. Kept only when taken after the read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if settled is not None and (status.st_mtime_ns >= settled or status.st_ctime_ns >= settled):
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def summarize(read: ClaimsFile, key: bytes, registry: Registry, status: tuple | None = None) -> FileSummary:
    """What the rules can read from one file (`status`: as `file_status` gave it after the file was read)."""
    subjects: set[str] = set()
    entities: set[str] = set()
    unregistered: set[str] = set()
    plans: set[str] = set()
    drafts = False
    quotes = set()
    for claim in read.claims:
        if claim.draft:
            drafts = True
            continue
        subjects.add(claim.subject)
        if claim.modality in FORWARD_LOOKING and (target := plan_target(claim)) is not None:
            plans.add(f"{target.isoformat()} {claim.subject}")
        if claim.quote:
            quotes.add(claim.quote)
        for spelling in claim.names:
            folded = fold(spelling)
            if not folded:
                continue
            entity_id = registry.by_spelling.get(folded)
            if entity_id is not None:
                entities.add(entity_id)
            elif spelling not in registry.entities:   # as `registry.resolve` finds it: by id, else folded
                unregistered.add(folded)
    entities |= subjects
    source = read.source
    digest = hashlib.sha256()
    for part in (source.id if source else "", (source.outlet or "") if source else "", *sorted(quotes)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return FileSummary(key=key, source=source.id if source else None, claims="\n".join(c.id for c in read.claims),
                       subjects="\n".join(sorted(subjects)), entities="\n".join(sorted(entities)),
                       unregistered="\n".join(sorted(unregistered)), plans="\n".join(sorted(plans)),
                       drafts=drafts, independence=digest.digest(), status=status)


def state_path(cache: Cache, selection: str) -> Path:
    name = hashlib.sha256(selection.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache.folder / "state" / f"{name}.state"


def load_state(cache: Cache, selection: str, inputs: bytes) -> State | None:
    """The state kept for these paths, if it is whole, signed by this user and made from these inputs:
    its base, and the delta written since, if that delta was made against this very base."""
    finish = begin_loading_state(cache, selection)
    return finish(inputs) if finish is not None else None


def begin_loading_state(cache: Cache, selection: str):
    """`load_state` in two steps: the MACs of the base and its delta are checked from now, in threads
    (`Cache.unsealing`), and the function returned takes the inputs and gives what `load_state` gives. None
    when no state is kept."""
    path = state_path(cache, selection)
    reading = _reading(cache, selection, path)
    if reading is None:
        return None
    reading_delta = _reading(cache, selection, path.with_suffix(".delta"))

    def finish(inputs: bytes) -> State | None:
        base = reading()
        delta = reading_delta() if reading_delta is not None else None
        if not isinstance(base, tuple) or len(base) != 2 or not isinstance(base[1], State) or \
                base[1].inputs != inputs:
            return None
        base_id, state = base
        if isinstance(delta, tuple) and len(delta) == 2 and delta[0] == base_id and isinstance(delta[1], Delta):
            return replace(apply(state, delta[1]), origin=(base_id, state))
        return replace(state, origin=(base_id, state))

    return finish


def save_state(cache: Cache, selection: str, state: State, *, since: State | None = None) -> None:
    """Written atomically (a reader sees the old state or the new one); a disk that refuses the write
    leaves the check's result as it is. Only the most recently written states are kept.

    `since` is the state this one was made from (as `load_state` gave it): then only what differs
    from its base is written, unless that is much of it."""
    path = state_path(cache, selection)
    origin = since.origin if since is not None else None
    kept_with_state([finding for pairs in state.findings.values() for _, finding in pairs])
    try:
        if origin is not None:
            base_id, base = origin
            delta = diff(base, state)
            if delta.size() * _DELTA_SHARE <= len(base.files) + sum(map(len, base.findings.values())):
                cache.write_sealed(path.with_suffix(".delta").relative_to(cache.folder), _key(selection),
                                   (base_id, delta))
                return
        cache.write_sealed(path.relative_to(cache.folder), _key(selection), (os.urandom(16), state))
        remove_quietly(path.with_suffix(".delta"))
        states = sorted(path.parent.glob("*.state"), key=lambda found: found.stat().st_mtime_ns)
    except OSError:
        return
    for stale in states[:-_KEPT_STATES]:
        remove_quietly(stale)
        remove_quietly(stale.with_suffix(".delta"))


def kept_with_state(findings: list[Finding]) -> None:
    """Make what a state keeps of these findings besides their fields (their texts in the JSON report), for
    those that lack it. Done where findings are found, a rules worker's findings then travel as those
    texts (`Finding.__reduce_ex__`) and the main process does not encode them; `save_state` makes the rest."""
    keep_texts(findings)


def _reading(cache: Cache, selection: str, path: Path):
    """A function giving the state or delta at `path` (`Cache.unsealing`: checked meanwhile, in a thread), or
    None when the file cannot be read. It is read where it lies in the page cache (mapped, not copied:
    reading 34 MB and checking its MAC took 36 ms copied, 22 ms mapped; a million claims' state is 0.3 GB).
    States are only ever replaced whole (written aside, then renamed), never changed in place, so the
    mapped file cannot shrink under the reader."""
    try:
        with open(path, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):   # unreadable, or empty (an empty file cannot be mapped)
        return None
    unsealing = cache.unsealing(_key(selection), mapped)

    def value():
        try:
            return unsealing()
        finally:
            mapped.close()

    return value


def _key(selection: str) -> bytes:
    return hashlib.sha256(_VERSION + b"\0" + selection.encode("utf-8", "surrogatepass")).digest()

