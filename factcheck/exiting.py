"""Leaving what a check made to the end of the process, when it is the `factcheck` command.

Freeing a hundred thousand claims one object at a time takes a fifth of a second (seconds
at a million), and a re-check spends tens of milliseconds freeing the state it read. The
command has no use for that: it keeps those objects until it ends, then ends at once
(`os._exit`, as mypy does), once its output is flushed, and the system takes the memory
back whole. Used as a library (`factcheck.check()`, tests), nothing changes: `leave`
keeps nothing unless the command runs through `run_and_exit`.

An error of factcheck's own (a bug, never a mistake in the user's files: those are reported
with their positions) ends the command with its traceback and status 3, as pytest ends on an
internal error: Python's own status for it, 1, is what `check` returns for findings, and CI
would take a crash for a report.
"""
from __future__ import annotations

import os
import sys
import traceback

INTERNAL_ERROR = 3

_left: list | None = None   # what is kept until the end; None: objects are freed as usual


def leave(*objects) -> None:
    """Keep these until the process ends, when the command will end it at once."""
    if _left is not None:
        _left.extend(objects)


def run_and_exit(main) -> None:
    """Run the command's `main` and end the process with its status, without freeing what it made.
    An error that is not the user's ends it with its traceback and `INTERNAL_ERROR`."""
    global _left
    _left = []
    try:
        status = main()
    except SystemExit as exiting:
        status = exiting.code
    except Exception:
        traceback.print_exc()
        print("factcheck: internal error: a bug in factcheck, not a problem in your files; please report it "
              "with the traceback above", file=sys.stderr)
        status = INTERNAL_ERROR
    if isinstance(status, str):   # as the interpreter does with `SystemExit("message")`
        print(status, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:   # a closed pipe (`| head`) is not an error of ours
        pass
    os._exit(status or 0)
