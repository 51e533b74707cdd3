"""The command line: `factcheck check`, `validate`, `test-rules`, `explain`, `kinds`, `init`, `schema`.

Exit status: 0 when all is well, 1 when `check` finds something at or above
`--fail-on` (or a rule example fails), 2 for bad input or usage, 3 when factcheck
itself fails (a bug: `exiting.py`). A user error is printed as `file:line:col: message`;
a traceback is never what a user sees for a mistake of theirs.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .problems import InputError, Problem, render_all

OK, FINDINGS, BAD_INPUT = 0, 1, 2


def command() -> None:
    """The `factcheck` command (and `python -m factcheck`): `main`, ended at once (`exiting.py`)."""
    from .exiting import run_and_exit

    run_and_exit(main)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return BAD_INPUT
    try:
        return args.handler(args)
    except InputError as exc:
        print(render_all(exc.problems, root=Path.cwd()), file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # a closed pipe (`| head`) is not an error of ours
        return OK
    except OSError as exc:  # a file we were asked to read or write
        print(f"factcheck: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description="Check the claims of news articles like code.")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    from .commands import register_all

    register_all(commands)
    return parser


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2025-07-01, found {text!r}") from None


def use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def fail(problems: list[Problem]) -> int:
    print(render_all(problems, root=Path.cwd()), file=sys.stderr)
    print(f"{len(problems)} problem(s) found.", file=sys.stderr)
    return BAD_INPUT
