"""A progress bar for long runs, on a terminal only.

It draws on standard error, at most ten times a second, and only once a run has lasted
half a second, so short runs, pipes, files and CI logs never see it. It erases
itself when the work is done.
"""
from __future__ import annotations

import os
import sys
import time

_DELAY = 0.5      # seconds before the bar first appears
_INTERVAL = 0.1   # seconds between redraws
_WIDTH = 30


class Progress:
    def __init__(self, label: str, total: int, *, stream=None, enabled: bool | None = None):
        self.label = label
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = on_terminal(self.stream) if enabled is None else enabled
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < _DELAY or now - self.drawn_at < _INTERVAL:
            return
        self.drawn_at = now
        filled = int(_WIDTH * min(self.done, self.total) / self.total)
        bar = "#" * filled + "." * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done:,}/{self.total:,}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (len(self.label) + _WIDTH + 30) + "\r")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def on_terminal(stream) -> bool:
    if os.environ.get("FACTCHECK_NO_PROGRESS") or os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
