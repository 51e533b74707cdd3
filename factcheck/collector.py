"""Pausing Python's cyclic garbage collector while a check builds objects that live until it ends.

A collection looks at every object alive that is not frozen; while a check loads claims,
runs rules or writes its state, what it builds lives on and forms no garbage cycles, so
collecting then finds nothing and costs time in proportion to everything alive (writing a
million claims' state set off collections of 1 s in all).
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused(*, freeze: bool = False):
    """The collector off inside (a `with` block, or a function this decorates); on again after, if it
    was on. With `freeze`, what is alive then is frozen first: later collections need not look at it
    again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if freeze:
                gc.freeze()
            gc.enable()
