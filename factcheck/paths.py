"""Paths that claims files name, kept inside the project.

A claims file may point at files: `source.archive` (the article's text) and each
evidence `path`. They are read relative to the project root and only there: an
absolute path, a `..` that climbs out, a symbolic link that leads outside, and a
path to nothing are refused, each with a message that says what to write instead.

The check resolves the path as the operating system will (following every link),
and returns that real path: whoever reads the file reads the path that was checked.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

MAX_PATH_CHARS = 1_000
_HINT = "write the path relative to the project root, with '/': archive/2025-06-17-daily-a.txt"


class PathError(ValueError):
    """A path that a claims file may not name; `hint` says what to write instead."""

    def __init__(self, message: str, hint: str | None = _HINT):
        super().__init__(message)
        self.hint = hint


def resolve_inside(root: Path, given: object) -> Path:
    """The real path of the file `given` names, relative to `root`; PathError unless it is inside.

    Refused: what is not text, an absolute path (`/etc/passwd`, `C:\\x`, `~/x`), any `..`
    part, a backslash, a symbolic link (anywhere on the way) that leads out of `root`,
    and a path where there is no file.
    """
    if not isinstance(given, str) or not given.strip():
        raise PathError(f"expected a path to a file, found {given!r}")
    if len(given) > MAX_PATH_CHARS:
        raise PathError(f"a path of {len(given):,} characters; the limit is {MAX_PATH_CHARS:,}")
    if "\x00" in given:
        raise PathError("a path may not contain a NUL character")
    if "\\" in given:
        raise PathError(f"{given!r} contains a backslash", "separate folders with '/'")
    if PurePosixPath(given).is_absolute() or PureWindowsPath(given).drive or given.startswith("~"):
        raise PathError(f"{given!r} is an absolute path; paths in claims files stay inside the project")
    if ".." in PurePosixPath(given).parts:
        raise PathError(f"{given!r} goes up with '..'; paths in claims files stay inside the project")
    try:
        base = os.path.realpath(root)
        real = os.path.realpath(os.path.join(base, given))
    except (OSError, RuntimeError, ValueError) as exc:
        raise PathError(f"cannot follow {given!r}: {exc}") from None
    if os.path.commonpath([base, real]) != base:
        raise PathError(f"{given!r} leads outside the project (through a symbolic link, to {real})",
                        "copy the file into the project instead of linking to it")
    try:
        is_file = os.path.isfile(real)
        exists = is_file or os.path.lexists(real)
    except (OSError, ValueError) as exc:   # pragma: no cover - isfile swallows most errors itself
        raise PathError(f"cannot read {given!r}: {exc}") from None
    if not exists:
        raise PathError(f"no such file: {given!r} (looked in {base})", _HINT)
    if not is_file:
        raise PathError(f"{given!r} is not a file", "name the file itself, not its folder")
    return Path(real)


def still_inside(claims_file, root: Path | None) -> bool:
    """Whether every path a claims file read earlier (from the cache) names is still a file inside `root`.

    A cached file was fine when it was read; the files it names may have moved or become links
    since, which its bytes do not show. A file that fails this is read again, with positions.
    """
    if root is None:
        return True
    source = claims_file.source
    named = [source.archive] if source is not None and source.archive else []
    named += [evidence.path for claim in claims_file.claims for evidence in claim.evidence if evidence.path]
    try:
        for given in named:
            resolve_inside(root, given)
    except PathError:
        return False
    return True
