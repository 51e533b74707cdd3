"""Writing files so that a crash leaves the old file or the new one, never half of one.

The new text goes to a temporary file beside the target (`.NAME.PID.XXXXXXXX.tmp`), is
flushed to disk, then renamed over the target in one step. A process killed outright
(SIGKILL, power loss) can leave its temporary file behind: every reader ignores it (its
name starts with a dot and ends in `.tmp`, which no claims, rule or baseline lookup
takes), and the next write of the same target removes those of processes no longer
running.
"""
from __future__ import annotations

import errno
import glob
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_text(path: Path, text: str | Iterable[str], *, overwrite: bool = True) -> None:
    """Write `text` to `path` atomically: a temporary file beside it, fsync, then rename. `text` may
    also come in pieces, written as they come (a million claims' report need not be whole in memory).

    With `overwrite=False` an existing file is never replaced (FileExistsError).
    """
    pieces = [text] if isinstance(text, str) else text
    path = Path(path)
    if path.exists() and not path.is_file():  # a pipe, a terminal, /dev/stdout: no rename possible
        if not overwrite:
            raise FileExistsError(str(path))
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            write_pieces(handle, pieces)
        return
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    _make_folder(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            write_pieces(handle, pieces)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the path exists, atomically
            os.unlink(temporary)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    _remove_leftovers(path)


_PIECE = 1 << 20   # characters encoded at a time


def write_pieces(handle, pieces: Iterable[str]) -> None:
    """`handle.write` of each piece, a megabyte at a time: a text file encodes whatever it is given whole,
    and a million claims' report is a copy of 0.1 GB."""
    for text in pieces:
        for start in range(0, len(text), _PIECE):
            handle.write(text[start:start + _PIECE])


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):   # a file stands where a folder should be
        blocker = next((folder for folder in (path.parent, *path.parent.parents)
                        if folder.exists() and not folder.is_dir()), path.parent)
        raise NotADirectoryError(errno.ENOTDIR, f"cannot write it: {blocker} is a file, not a folder",
                                 str(path)) from None


def leftovers(path: Path) -> list[Path]:
    """Temporary files of earlier writes of `path` whose process is gone (killed before renaming)."""
    found = []
    for candidate in Path(path).parent.glob(f".{glob.escape(Path(path).name)}.*.tmp"):
        pid = candidate.name[len(Path(path).name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            found.append(candidate)
    return found


def _remove_leftovers(path: Path) -> None:
    for candidate in leftovers(path):
        try:
            candidate.unlink()
        except OSError:
            pass   # another writer removed it first, or it is not ours to remove


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True    # alive, another user's
    return True


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or what a plain `open` would give (mkstemp's 0600 is too strict)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
