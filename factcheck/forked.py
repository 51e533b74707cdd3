"""Helper processes forked from this one, each sending back what it makes while this process works too.

How many processes share a piece of work (`worker_count`), the pieces they take one at a time
(`Pieces`), and the helpers themselves (`Helpers`): reading many files and running the rules both
work this way.

multiprocessing's Pool reads its workers' results in a thread of this process, through pipes of
64 KB: a worker whose result is larger waits, at each 64 KB, for that thread to get the interpreter
from this process's own work (up to the switch interval, 5 ms, each time). Reading 100,000 claims, a
worker waited 0.35-0.4 s that way (its results are cache entries, about 100 KB for 16 files). Here
each helper writes to a pipe widened to 1 MB where Linux allows it (less with more than eight
helpers, `WIDE_PIPES`), and this process reads what arrived when it asks (`arrived`), between pieces
of its own work: no thread competes with it, and a helper seldom waits (0.07 s over the same read).

A helper that raises sends its exception, which `arrived` raises here: a mistake of the user's
(`InputError`, with its files and positions), an `OSError` or Ctrl-C as itself, so that the command
reports it as it would from this process; anything else, a fault of factcheck's, as `HelperFailed`
with the helper's traceback. One that ends without a word (killed, out of memory) is an error too,
never a silent loss of its work.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Iterator

from .problems import InputError

WIDE_PIPE = 1 << 20   # Linux's default most for an unprivileged process (/proc/sys/fs/pipe-max-size)
WIDE_PIPES = 8 << 20  # all the helpers' pipes together: a user whose pipes hold more than 64 MB (Linux's default
                      # pipe-user-pages-soft) gets new pipes of a page or two, in any of its processes


def worker_count(most: int) -> int:
    """How many processes to share work of `most` pieces: one per core, or `FACTCHECK_WORKERS` (1: this
    process alone), never more than `most`. Only on Linux: fork is safe there; elsewhere, this process alone."""
    if not sys.platform.startswith("linux"):
        return 1
    wanted = os.environ.get("FACTCHECK_WORKERS")
    count = int(wanted) if wanted and wanted.isdigit() else (os.cpu_count() or 1)
    return max(1, min(count, most))


class Pieces:
    """Work that this process and the helpers forked after it was made share: each takes the next piece
    no process has taken, so one that finishes early takes more."""

    def __init__(self, items: list):
        import multiprocessing

        self._items = items
        self._taken = multiprocessing.get_context("fork").Value("i", 0)   # in memory the helpers share

    def take(self):
        """The next piece; None when none is left."""
        with self._taken.get_lock():
            if self._taken.value >= len(self._items):
                return None
            self._taken.value += 1
            return self._items[self._taken.value - 1]


class HelperFailed(RuntimeError):
    """A helper process raised, or ended before it said it was done."""


_AS_ITSELF = (InputError, OSError, KeyboardInterrupt)   # raised here as the helper raised them


class _Failure:
    """What a helper sends instead of its next message when its work raised."""

    def __init__(self, error: BaseException | None):
        self.error = error   # None: the helper ended without a word
        self.text = "".join(traceback.format_exception(error)) if error is not None else ""


class Helpers:
    """`count` processes forked now, each calling `work(send)`; `send(message)` takes any picklable message
    but None, which ends a helper's messages. Used as a context manager, it stops them on the way out.

    With `told`, each calls `work(send, heard)` instead, and this process can `tell` them something once
    they have started: `heard(wait)` gives what they were told (bytes), or None while nothing has come
    and `wait` is false."""

    def __init__(self, count: int, work: Callable[..., None], *, told: bool = False):
        import multiprocessing   # here: a check that forks no helper need not load it

        context = multiprocessing.get_context("fork")
        self._running: list = []   # (process, receiving end) of the helpers that have not ended
        self._telling: list = []   # this process's end of each pipe to a helper, with `told`
        size = max(1 << 16, min(WIDE_PIPE, WIDE_PIPES // max(1, count)))
        try:
            for _ in range(count):
                receiving, sending = context.Pipe(duplex=False)
                _widen(sending, size)
                hearing = None
                if told:
                    hearing, telling = context.Pipe(duplex=False)
                    _widen(telling, size)
                    self._telling.append(telling)
                process = context.Process(target=_run, args=(work, sending, hearing, list(self._telling)),
                                          daemon=True)
                process.start()
                sending.close()   # its end is the helper's now: a helper that dies closes the pipe
                if hearing is not None:
                    hearing.close()
                self._running.append((process, receiving))
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Helpers:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def arrived(self, *, wait: bool) -> Iterator:
        """The messages the helpers have sent since last asked, or, with `wait`, every message until they
        have all ended."""
        from multiprocessing.connection import wait as readable

        while self._running:
            ready = readable([receiving for _, receiving in self._running], timeout=None if wait else 0)
            if not ready:
                return
            for receiving in ready:
                message = self._receive(receiving)
                if message is not None:
                    yield message

    def tell(self, message: bytes) -> None:
        """Send `message` to every helper (started with `told`), waiting until each takes it in: a helper to
        be told something sends nothing larger than its pipe before it has heard it. One that has ended is
        not told: what it sent says why (`arrived`)."""
        for telling in self._telling:
            with contextlib.suppress(OSError):
                telling.send_bytes(message)

    def close(self) -> None:
        """Stop the helpers still running (after an error here or there) and wait for every one."""
        for process, receiving in self._running:
            if process.is_alive():
                process.terminate()
            process.join()
            receiving.close()
        self._running.clear()
        for telling in self._telling:
            telling.close()
        self._telling.clear()

    def _receive(self, receiving):
        """The next message from one helper; None when it has ended (and is no longer waited for)."""
        process = next(process for process, theirs in self._running if theirs is receiving)
        try:
            message = receiving.recv()
        except EOFError:   # it died before saying it was done
            message = _Failure(None)
        if message is None or isinstance(message, _Failure):
            process.join()
            receiving.close()
            self._running.remove((process, receiving))
        if isinstance(message, _Failure):
            if message.error is None:
                raise HelperFailed(f"a helper process ended without finishing its work (exit code {process.exitcode})")
            if isinstance(message.error, _AS_ITSELF):   # the command reports these (Ctrl-C reaches every process)
                raise message.error from HelperFailed(f"raised in a helper process:\n{message.text}")
            raise HelperFailed(f"a helper process failed:\n{message.text}") from message.error
        return message


def _heard(hearing) -> Callable[[bool], bytes | None]:
    """`heard(wait)` for a helper that this process may `tell` something."""
    def heard(wait: bool) -> bytes | None:
        return hearing.recv_bytes() if wait or hearing.poll() else None
    return heard


def _widen(connection, size: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError):
        pass   # no such setting here, or a lower limit: the pipe keeps its size, and a helper waits more


def _run(work: Callable[..., None], sending, hearing, telling: list) -> None:
    """In a helper: its work, then None (done); or, if the work raised, the failure. The ends this process
    tells helpers through, inherited, are closed: one that ends without telling then closes each pipe."""
    for end in telling:
        end.close()
    try:
        if hearing is None:
            work(sending.send)
        else:
            work(sending.send, _heard(hearing))
        sending.send(None)
    except BaseException as error:   # whatever it was, this process must hear of it
        failure = _Failure(error)
        try:
            pickle.dumps(failure)
        except Exception:   # an exception that does not pickle: its text still travels
            failure.error = HelperFailed(failure.text)
        with contextlib.suppress(OSError):   # this process has gone (the pipe is closed): no one is left to tell
            sending.send(failure)
