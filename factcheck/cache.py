"""A cache of loaded, validated files, so that a re-run reads again only what changed.

Each entry holds what reading one file produced (a claims file's source and typed
claims, or the registry and the vocabulary), pickled, under a key that hashes the
file's bytes, its path as reports show it, and a fingerprint of everything else that
changes how it is read: factcheck's version and source code, pydantic's version, the
registry and vocabulary files, the `ton` setting, the size limits. Editing a file
changes its key; an entry is never updated in place.

An entry is trusted only if it carries a valid HMAC made with a secret that lives
outside the project (in the user's cache folder), bound to the entry's key. A
truncated, corrupt or foreign entry (copied from another machine, committed to a
repository, written by another version) fails that check and is ignored, then
written again; it is never unpickled. A file that has problems is never cached, so
its problems are reported on every run.

Entries are stored in pack files, many entries to a file, because creating thousands
of small files costs more than reading them saves. A run writes at most one new pack:
entries go to a temporary file as they are made (a million claims' entries are not
held in memory), the index is appended at the end, and the file is then renamed, so a
reader never sees half a pack, and two processes checking at once each write their own.
A run that is interrupted removes its half-written pack; one left by a process that was
killed is removed an hour later, by the next run.
When packs pile up, a run that writes copies the entries it used into its new pack and
deletes the others, except the largest while at least half of its entries are still
used (copying it would cost the most and free the least); a process still reading a
deleted pack keeps its open file, or misses and reads the claims file again.

The folder is `.factcheck-cache/` at the project root, or the `cache-dir` setting;
`factcheck check --no-cache` turns the cache off.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import struct
import sys
import tempfile
import threading
import time
from pathlib import Path

from .yamlfile import LIMIT_ENV

DEFAULT_FOLDER = ".factcheck-cache"
_MAGIC = b"factcheck-pack-2\n"   # then the entries, their index, and the count of rows
_MAC_BYTES = 32
_KEY_BYTES = 32
_ROW = _KEY_BYTES + 16          # an index row: key, offset, length
_ROW_FORMAT = struct.Struct(f"<{_KEY_BYTES}sQQ")   # the same, little-endian
_MAX_PACKS = 8                  # more packs than this: the next pack written takes over the others
_MAX_INDEX = 10_000_000
_STALE_SECONDS = 3600           # a temporary pack this old was left by a process that died while writing it
_CODE = ("claims_file.py", "fastload.py", "yamlfile.py", "value_reading.py", "dates.py", "units.py",
         "registry.py", "text.py", "corpus.py", "cache.py", "batch.py", "forked.py", "model/claims.py",
         "model/values.py", "model/registry.py", "model/compact.py", "unit_table.py")


class Cache:
    """Entries in pack files under `folder`; nothing here raises for a broken or unwritable cache."""

    def __init__(self, folder: Path, secret: bytes | None = None):
        self.folder = Path(folder)
        self.secret = secret if secret is not None else user_secret()
        self._index: dict[bytes, tuple[Path, int, int]] | None = None
        self._packs: list[Path] = []
        self._handles: dict[Path, int] = {}
        self._spool = None                       # the new pack being written, under a temporary name
        self._spooled = 0                        # and how many bytes of it are written
        self._pending: dict[bytes, tuple[int, int]] = {}   # key -> (offset, length) of its entry in the spool
        self._used: set[bytes] = set()

    def key(self, *parts: bytes) -> bytes:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.digest()

    def get(self, key: bytes):
        """The value stored under `key`, or None when there is none that can be trusted."""
        blob = self._read(key)
        value = self.unseal(key, blob) if blob is not None else None
        if value is not None:
            self._used.add(key)
        return value

    def unseal(self, key: bytes, blob: bytes):
        if len(blob) <= _MAC_BYTES:
            return None
        view = memoryview(blob)   # a state can be hundreds of MB: its payload is read where it lies
        mac, payload = view[:_MAC_BYTES], view[_MAC_BYTES:]
        return _opened(mac, self._mac(key, payload), payload)

    def unsealing(self, key: bytes, blob):
        """`unseal` in two steps: the MAC is computed from now, in a thread (hashlib lets go of the interpreter
        while it hashes a large buffer), and the function returned waits for it, checks it and unpickles the
        value, or gives None. Only a value whose MAC is right is ever unpickled. Checking a state of 33 MB
        took 17-20 ms, which a re-check spends meanwhile reading its vocabulary and rules and listing the
        files. `blob` (a mapped file, say) must stay open until the function has been called."""
        if len(blob) <= _MAC_BYTES:
            return lambda: None
        view = memoryview(blob)
        mac, payload = view[:_MAC_BYTES], view[_MAC_BYTES:]
        computed: list[bytes] = []
        thread = threading.Thread(target=lambda: computed.append(self._mac(key, payload)), daemon=True)
        thread.start()

        def value():
            thread.join()
            try:
                return _opened(mac, computed[0] if computed else None, payload)
            finally:
                for part in (mac, payload, view):   # the mapping under them can be closed now
                    part.release()

        return value

    def seal(self, key: bytes, value) -> bytes:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return self._mac(key, payload) + payload

    def put(self, key: bytes, value) -> None:
        self._append(key, self.seal(key, value))

    def put_sealed(self, key: bytes, sealed: bytes) -> None:
        """An entry `seal` made (in a worker process) for this key."""
        self._append(key, sealed)

    @staticmethod
    def unsealed(sealed: bytes):
        """The value of an entry this process or its worker just sealed (so not checked again)."""
        return pickle.loads(sealed[_MAC_BYTES:])

    def _append(self, key: bytes, entry: bytes) -> None:
        """Write an entry to the new pack now; a disk that refuses it leaves the run without caching."""
        if self._spool is False:
            return
        try:
            if self._spool is None:
                self._spool = self._temporary(Path("packs") / "new.pack")
                self._spooled = self._spool[0].write(_MAGIC)
            self._pending[key] = (self._spooled, len(entry))
            self._spooled += self._spool[0].write(entry)   # counted: asking the file costs a system call
        except OSError:
            self._discard_spool()
            self._spool = False

    def discard(self) -> None:
        """Give up the new pack being written (a run that stops half-way): nothing of it is kept."""
        self._discard_spool()
        self._pending = {}
        self._close()

    def holds_entries(self) -> bool:
        """Whether any pack on disk holds entries (a first run, or one after the cache was emptied: none)."""
        return bool(self._index_packs())

    def keep(self, keys) -> None:
        """Entries still wanted though not read this run: when packs are merged, they are copied too."""
        index = self._index_packs()
        self._used.update(key for key in keys if key in index)

    def flush(self) -> None:
        """Write the new entries as one pack (and, when packs pile up, the entries used too)."""
        if not self._pending:
            self._discard_spool()
            self._close()
            return
        index = self._index_packs()
        replacing = self._packs if len(self._packs) >= _MAX_PACKS else []
        staying = self._largest_still_used() if replacing else None
        if staying is not None:   # the large pack stays: only the small ones are merged into the new one
            replacing = [pack for pack in replacing if pack != staying]
        kept = [key for key in self._used if key not in self._pending and index[key][0] in replacing]
        try:
            self._finish_pack(kept)
        except OSError:
            replacing = []   # a read-only or full disk: the run goes on without caching
            self._discard_spool()
        self._pending = {}
        self._spool = None
        self._close()
        for pack in replacing:
            remove_quietly(pack)

    def _largest_still_used(self) -> Path | None:
        """The pack with the most entries, when this run used at least half of them: copying it into the
        new pack would cost the most and free the least."""
        entries: dict[Path, int] = {}
        for pack, _, _ in self._index.values():
            entries[pack] = entries.get(pack, 0) + 1
        if not entries:
            return None
        largest = max(entries, key=lambda pack: (entries[pack], pack))
        used = sum(1 for key in self._used if self._index[key][0] == largest)
        return largest if 2 * used >= entries[largest] else None

    def _read(self, key: bytes) -> bytes | None:
        place = self._index_packs().get(key)
        if place is None:
            return None
        pack, offset, length = place
        try:
            handle = self._handles.get(pack)
            if handle is None:
                handle = self._handles[pack] = os.open(pack, os.O_RDONLY)
            blob = os.pread(handle, length, offset)
        except OSError:
            return None
        return blob if len(blob) == length else None

    def _index_packs(self) -> dict[bytes, tuple[Path, int, int]]:
        if self._index is not None:
            return self._index
        index: dict[bytes, tuple[Path, int, int]] = {}
        try:
            packs = sorted((self.folder / "packs").glob("*.pack"))   # oldest first: a later pack wins
            _remove_stale((self.folder / "packs").glob(".tmp-*.part"))
        except OSError:
            packs = []
        for pack in packs:
            rows = _read_index(pack)
            if rows is None:
                remove_quietly(pack)   # not a pack, or half of one: written again as files are read
                continue
            self._packs.append(pack)
            for key, offset, length in rows:
                index[key] = (pack, offset, length)
        self._index = index
        return index

    def _finish_pack(self, kept: list[bytes]) -> None:
        """Append the entries `kept` from older packs, copied one at a time, and the index; then the
        pack takes its name."""
        handle, temporary = self._spool
        for key in kept:
            blob = self._read(key)
            if blob is None:
                raise OSError("an older pack went away while it was copied")
            self._pending[key] = (self._spooled, len(blob))
            self._spooled += handle.write(blob)
        rows = [_ROW_FORMAT.pack(key, offset, length) for key, (offset, length) in self._pending.items()]
        handle.write(b"".join(rows) + len(rows).to_bytes(8, "little"))
        handle.close()
        os.replace(temporary, self.folder / "packs" / f"{time.time_ns():020d}-{os.getpid()}.pack")

    def _discard_spool(self) -> None:
        if self._spool:
            handle, temporary = self._spool
            handle.close()
            remove_quietly(temporary)
        self._spool = None

    def _temporary(self, name: Path):
        """An open temporary file beside where `name` goes, and its path; the folder is made, and ignored by
        git. Raises OSError."""
        target = self.folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by factcheck: this folder is a cache\n*\n", encoding="utf-8")
        descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=target.parent)
        return os.fdopen(descriptor, "wb"), temporary

    def write_sealed(self, name: Path, key: bytes, value) -> None:
        """Write one file of the cache folder holding `value` sealed as `seal` seals it (its MAC, then its
        pickle), without the pickle ever being whole in memory (a state of a million claims is hundreds
        of MB): to a temporary file beside it, then renamed, so a reader sees the old file or the new one.
        Raises OSError.

        `value` must hold no cycle: it is pickled without a memo, so what it holds twice is written twice.
        The memo of a million claims' state (a table of every object written) took 0.19 GB at the peak,
        and writing the state of 100k claims took twice as long with it, for a file 15% smaller."""
        handle, temporary = self._temporary(name)
        try:
            with handle:
                handle.write(bytes(_MAC_BYTES))   # the MAC goes first, once the payload is written
                signing = _Signing(handle, self._signer(key))
                pickler = pickle.Pickler(signing, protocol=pickle.HIGHEST_PROTOCOL)
                pickler.fast = True
                pickler.dump(value)
                handle.seek(0)
                handle.write(signing.mac.digest())
            os.replace(temporary, self.folder / name)
        except BaseException:
            remove_quietly(temporary)
            raise

    def _mac(self, key: bytes, payload) -> bytes:
        signer = self._signer(key)
        signer.update(payload)
        return signer.digest()

    def _signer(self, key: bytes):
        return hmac.new(self.secret, key + b"\0", hashlib.sha256)

    def _close(self) -> None:
        for handle in self._handles.values():
            try:
                os.close(handle)
            except OSError:
                pass
        self._handles = {}


def _opened(mac, expected: bytes | None, payload):
    """The value pickled in `payload`, if `expected` (the MAC computed over it) is `mac`; else None."""
    if expected is None or not hmac.compare_digest(mac, expected):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # a valid MAC over bytes that do not unpickle: treat as absent
        return None


def _read_index(pack: Path) -> list[tuple[bytes, int, int]] | None:
    """A pack's rows (key, offset, length), or None when it is not a whole pack."""
    try:
        with open(pack, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < len(_MAGIC) + 8 or handle.read(len(_MAGIC)) != _MAGIC:
                return None
            handle.seek(size - 8)
            count = int.from_bytes(handle.read(8), "little")
            table_at = size - 8 - _ROW * count
            if count > _MAX_INDEX or table_at < len(_MAGIC):
                return None
            handle.seek(table_at)
            table = handle.read(_ROW * count)
    except OSError:
        return None
    if len(table) != _ROW * count:
        return None
    rows = list(_ROW_FORMAT.iter_unpack(table))   # a row a microsecond in Python; a pack holds a row per file
    if rows and (min(offset for _, offset, _ in rows) < len(_MAGIC)
                 or max(offset + length for _, offset, length in rows) > table_at):
        return None
    return rows


def _remove_stale(temporaries) -> None:
    """Temporary files a killed process left (a live writer touches its file every few moments)."""
    too_old = time.time() - _STALE_SECONDS
    for path in temporaries:
        try:
            if path.stat().st_mtime < too_old:
                remove_quietly(path)
        except OSError:
            pass


def remove_quietly(path) -> None:
    """Delete a file if it is there; a file already gone or undeletable is no error here."""
    try:
        os.unlink(path)
    except OSError:
        pass


def fingerprint(*parts: bytes) -> bytes:
    """What every entry's key includes besides its own file: the code and the shared inputs."""
    from . import __version__

    digest = hashlib.sha256()
    digest.update(f"{__version__}|{sys.version_info[:2]}|{_pydantic_version()}|{_installed('pint')}".encode())
    for variable in sorted(LIMIT_ENV.values()):   # a lowered limit may turn a clean file into a bad one
        digest.update(f"|{variable}={os.environ.get(variable, '')}".encode())
    digest.update(code_digest(_CODE))
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.digest()


def code_digest(names) -> bytes:
    """A digest of some of factcheck's own modules (a name may be a folder: every module in it)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for name in names:
        where = package / name
        for path in sorted(where.rglob("*.py")) if where.is_dir() else [where]:
            try:
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
            except OSError:
                digest.update(name.encode())
    return digest.digest()


def _installed(package: str) -> str:
    """A package's installed version (its dist-info folder's name), found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return "-"
    folder = Path(spec.origin).resolve().parent.parent
    found = sorted(path.name for path in folder.glob(f"{package}-*.dist-info"))
    return ",".join(found) or str(Path(spec.origin).resolve())


def _pydantic_version() -> str:
    import pydantic

    return pydantic.VERSION


def user_secret() -> bytes:
    """The secret that signs this user's cache entries, kept outside any project.

    `$FACTCHECK_SECRET_FILE`, else `$XDG_CACHE_HOME/factcheck/secret` (default `~/.cache`).
    Where it cannot be read or made, a secret for this process alone: entries then last
    one run, which is slower but still correct.
    """
    path = os.environ.get("FACTCHECK_SECRET_FILE")
    if path:
        where = Path(path)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        where = Path(base) / "factcheck" / "secret"
    secret = _read_secret(where)
    if secret is not None:
        return secret
    secret = os.urandom(32)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
    except FileExistsError:  # another process made it first: use theirs, once they have written it whole
        return _their_secret(where) or secret
    except OSError:
        pass
    return secret


def _their_secret(where: Path) -> bytes | None:
    """The secret another process has just made, read once it is whole; None for a file that stays short
    (damaged: not one being written, which takes its 32 bytes at once)."""
    for _ in range(100):
        theirs = _read_secret(where)
        if theirs is not None:
            return theirs
        try:
            if time.time() - where.stat().st_mtime > 2:
                return None
        except OSError:
            return None
        time.sleep(0.01)
    return None


def _read_secret(where: Path) -> bytes | None:
    try:
        secret = where.read_bytes()
    except OSError:
        return None
    return secret if len(secret) >= 32 else None


def default_folder(root: Path, configured: Path | None) -> Path:
    return configured if configured is not None else root / DEFAULT_FOLDER


class _Signing:
    """A file that signs what is written to it."""

    def __init__(self, handle, mac):
        self.handle, self.mac = handle, mac

    def write(self, data) -> int:
        self.mac.update(data)
        return self.handle.write(data)
