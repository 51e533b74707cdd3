"""Helper processes: every message arrives whole, and a helper's failure or death is an error here."""
from __future__ import annotations

import multiprocessing
import os
import sys
import time

import pytest

from factcheck.forked import WIDE_PIPE, HelperFailed, Helpers

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="helpers are forked on Linux only")


def _numbers(send) -> None:
    for number in range(5):
        send([os.getpid(), number])


def test_every_message_of_every_helper_arrives():
    with Helpers(2, _numbers) as helpers:
        arrived = list(helpers.arrived(wait=True))
    by_helper: dict[int, list[int]] = {}
    for pid, number in arrived:
        by_helper.setdefault(pid, []).append(number)
    assert len(by_helper) == 2 and os.getpid() not in by_helper
    assert all(numbers == list(range(5)) for numbers in by_helper.values())   # in the order each sent them


def _large(send) -> None:
    send(b"x" * (3 * WIDE_PIPE + 1))


def test_a_message_larger_than_the_pipe_arrives_whole():
    with Helpers(1, _large) as helpers:
        assert [len(message) for message in helpers.arrived(wait=True)] == [3 * WIDE_PIPE + 1]


_SIGNAL: dict = {}   # set before the helpers are forked: they inherit it


def _late(send) -> None:
    _SIGNAL["go"].wait(30)
    send("late")


def test_asking_without_waiting_returns_at_once_and_waiting_gets_the_rest():
    _SIGNAL["go"] = multiprocessing.get_context("fork").Event()
    with Helpers(1, _late) as helpers:
        started = time.perf_counter()
        assert list(helpers.arrived(wait=False)) == []   # the helper waits for the signal: nothing has come
        assert time.perf_counter() - started < 5
        _SIGNAL["go"].set()
        assert list(helpers.arrived(wait=True)) == ["late"]


def _broken(send) -> None:
    send("first")
    raise ValueError("broken in a helper")


def test_a_helper_that_raises_is_an_error_here_with_its_traceback():
    with Helpers(1, _broken) as helpers:
        with pytest.raises(HelperFailed, match="broken in a helper") as raised:
            list(helpers.arrived(wait=True))
    assert isinstance(raised.value.__cause__, ValueError)
    assert "_broken" in str(raised.value)   # where it failed, in the helper


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _broken_oddly(send) -> None:
    raise _Unpicklable("odd failure")


def test_an_exception_that_does_not_pickle_still_arrives_as_its_text():
    with Helpers(1, _broken_oddly) as helpers:
        with pytest.raises(HelperFailed, match="odd failure"):
            list(helpers.arrived(wait=True))


def _dies(send) -> None:
    send("before")
    os._exit(3)


def test_a_helper_that_dies_without_a_word_is_an_error_not_a_loss():
    with Helpers(1, _dies) as helpers:
        received = []
        with pytest.raises(HelperFailed, match="exit code 3"):
            for message in helpers.arrived(wait=True):
                received.append(message)
    assert received == ["before"]


def _forever(send) -> None:
    while True:
        time.sleep(1)


def test_leaving_early_stops_the_helpers_still_running():
    started = time.perf_counter()
    with pytest.raises(KeyError):
        with Helpers(2, _forever) as helpers:
            running = [process for process, _ in helpers._running]
            raise KeyError("an error here")
    assert time.perf_counter() - started < 5
    assert all(not process.is_alive() for process in running)


def _interrupted(send) -> None:
    raise KeyboardInterrupt


def test_ctrl_c_in_a_helper_stops_this_process_as_ctrl_c_does():
    with Helpers(1, _interrupted) as helpers:
        with pytest.raises(KeyboardInterrupt):
            list(helpers.arrived(wait=True))


def _idle(send) -> None:
    time.sleep(0.2)


def test_the_pipes_are_widened_where_linux_allows_it():
    fcntl = pytest.importorskip("fcntl")
    with open("/proc/sys/fs/pipe-max-size", encoding="ascii") as limit:
        if int(limit.read()) < WIDE_PIPE:
            pytest.skip("this system allows narrower pipes only")
    with Helpers(1, _idle) as helpers:
        receiving = helpers._running[0][1]
        assert fcntl.fcntl(receiving.fileno(), fcntl.F_GETPIPE_SZ) == WIDE_PIPE
        assert list(helpers.arrived(wait=True)) == []


def test_many_helpers_share_a_bounded_total_of_pipe_space():
    """Past 64 MB of pipes, Linux gives the user's new pipes a page or two: many helpers get narrower pipes."""
    fcntl = pytest.importorskip("fcntl")
    from factcheck.forked import WIDE_PIPES

    with Helpers(16, _idle) as helpers:
        sizes = [fcntl.fcntl(receiving.fileno(), fcntl.F_GETPIPE_SZ) for _, receiving in helpers._running]
        assert list(helpers.arrived(wait=True)) == []
    assert sum(sizes) <= WIDE_PIPES and min(sizes) >= 1 << 16


def _mistaken(send) -> None:
    from factcheck.problems import InputError, Problem

    raise InputError([Problem("claims/a.yaml", 3, 5, "a mistake of the user's", "say what would fit")])


def test_a_users_mistake_in_a_helper_arrives_as_itself_with_its_positions():
    """The command reports an InputError with its files and positions (exit 2): from a helper too."""
    from factcheck.problems import InputError

    with Helpers(1, _mistaken) as helpers:
        with pytest.raises(InputError) as raised:
            list(helpers.arrived(wait=True))
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.column, problem.message) == ("claims/a.yaml", 3, 5,
                                                                             "a mistake of the user's")
    assert isinstance(raised.value.__cause__, HelperFailed) and "_mistaken" in str(raised.value.__cause__)


def _echo_length(send, heard) -> None:
    send(len(heard(True)))


def test_helpers_hear_what_they_are_told_even_when_larger_than_their_pipe():
    with Helpers(2, _echo_length, told=True) as helpers:
        helpers.tell(b"x" * (3 * WIDE_PIPE + 1))
        assert list(helpers.arrived(wait=True)) == [3 * WIDE_PIPE + 1] * 2


def _not_told_yet(send, heard) -> None:
    send([heard(False)])   # nothing was told before it asked (a message of None would end its messages)
    send([heard(True)])


def test_asking_what_was_told_without_waiting_gives_none_until_something_is():
    with Helpers(1, _not_told_yet, told=True) as helpers:
        assert next(helpers.arrived(wait=True)) == [None]
        helpers.tell(b"now")
        assert list(helpers.arrived(wait=True)) == [[b"now"]]


def test_a_helper_waiting_to_be_told_ends_when_this_process_closes_its_end_without_telling():
    """Each helper closes the ends it inherited of every pipe this process tells helpers through, its own
    and the others': then this process going away (closing its ends) ends a helper waiting to be told,
    rather than leaving it waiting for ever."""
    helpers = Helpers(2, _echo_length, told=True)
    try:
        processes = [process for process, _ in helpers._running]
        for telling in helpers._telling:
            telling.close()
        for process in processes:
            process.join(10)
        assert [process.exitcode for process in processes] == [0, 0]   # it ended, with its failure sent
        with pytest.raises(HelperFailed, match="EOFError"):
            list(helpers.arrived(wait=True))
    finally:
        helpers._telling.clear()
        helpers.close()
