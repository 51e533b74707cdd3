"""Writing files so that a crash leaves the old file or the new one, never half of one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` to `path` atomically: a temporary file beside it, fsync, then rename.

    With `overwrite=False` an existing file is never replaced (FileExistsError).
    """
    path = Path(path)
    if path.exists() and not path.is_file():  # a pipe, a terminal, /dev/stdout: no rename possible
        if not overwrite:
            raise FileExistsError(str(path))
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
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


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or what a plain `open` would give (mkstemp's 0600 is too strict)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
