"""The `factcheck` command ends at once after `main` (`exiting.py`): with main's status and all of its
output, and without keeping anything when factcheck is used as a library."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from factcheck import cli, exiting

ROOT = Path(__file__).parent.parent


def run(*arguments: str, code: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "factcheck", *arguments]
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}   # as usual
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=buffered)


def test_the_command_ends_with_the_status_and_the_whole_output_of_main(capsys):
    arguments = ["check", "--as-of", "2026-11-23", "--format", "json", "--no-baseline", "--no-cache"]
    status = cli.main(arguments)
    in_process = capsys.readouterr().out
    ran = run(*arguments)
    assert (ran.returncode, ran.stdout) == (status, in_process) and status == cli.FINDINGS
    assert json.loads(ran.stdout)["summary"]["findings"] > 0   # all of it: a cut report would not parse
    assert run("check", "--fail-on", "nonsense").returncode == cli.BAD_INPUT   # argparse's SystemExit
    assert run("--version").stdout.startswith("factcheck ")


def test_a_message_given_to_system_exit_is_printed_and_ends_with_status_1():
    ran = run(code="from factcheck.exiting import run_and_exit\n"
                   "def main():\n    raise SystemExit('stopped: a message')\n"
                   "run_and_exit(main)")
    assert (ran.returncode, ran.stderr.strip()) == (1, "stopped: a message")


def test_an_error_that_is_not_the_users_shows_its_traceback_and_ends_with_a_status_no_finding_gives():
    ran = run(code="from factcheck.exiting import run_and_exit\n"
                   "def main():\n    raise RuntimeError('a bug')\n"
                   "run_and_exit(main)")
    assert ran.returncode == exiting.INTERNAL_ERROR == 3 and ran.returncode not in (cli.OK, cli.FINDINGS)
    assert "Traceback" in ran.stderr and "RuntimeError: a bug" in ran.stderr and "please report it" in ran.stderr


def test_a_check_that_fails_in_a_rule_ends_the_command_with_status_3():
    """Through the real command: a kind that raises (a bug) is not taken for findings (status 1)."""
    ran = run(code="import sys\n"
                   "from factcheck.kinds import KINDS\n"
                   "def broken(claims, params, context):\n    raise ValueError('a bug in a kind')\n"
                   "KINDS['conflict'].check = broken\n"
                   "from factcheck.cli import command\n"
                   "sys.argv = ['factcheck', 'check', '--no-cache', '--no-baseline', '--as-of', '2026-11-23']\n"
                   "command()")
    assert ran.returncode == 3 and "ValueError: a bug in a kind" in ran.stderr and ran.stdout == ""


def test_used_as_a_library_nothing_is_kept():
    from factcheck.project import check_paths

    check_paths(start=ROOT, use_baseline=False, use_cache=False)
    assert exiting._left is None
