"""`factcheck baseline`: record today's findings as reviewed, each with a reason, so CI fails only on new ones."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import atomic
from ..baseline import read_baseline, render_baseline
from ..cli import BAD_INPUT, OK, fail, parse_date
from ..project import check_paths

DEFAULT_NAME = "factcheck-baseline.yaml"


def register(commands) -> None:
    parser = commands.add_parser("baseline", help="accept the current findings, with a reason, as a baseline")
    parser.add_argument("--reason", help="why these findings are accepted (required for findings new to the file)")
    parser.add_argument("--output", "-o", type=Path, help=f"the baseline file (default: the project's "
                                                         f"'baseline' setting, else {DEFAULT_NAME})")
    parser.add_argument("--update", action="store_true", help="rewrite an existing baseline: keep the reasons "
                                                              "of entries still found, drop stale ones")
    parser.add_argument("--as-of", type=parse_date, help="reference date (default: today)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    settings, report = check_paths(as_of=args.as_of, use_baseline=False)   # what `factcheck check` finds
    if report.problems:
        return fail(list(report.problems))
    target = args.output or settings.baseline or settings.root / DEFAULT_NAME
    previous = None
    if target.exists():
        if not args.update:
            print(f"factcheck baseline: error: {settings.display(target)} exists; pass --update to rewrite it "
                  "(reasons of entries still found are kept)", file=sys.stderr)
            return BAD_INPUT
        previous = read_baseline(target, settings.display(target))
    known = {entry.fingerprint for entry in previous.accepted} if previous else set()
    new = [finding for finding in report.findings if finding.fingerprint not in known]
    if new and not (args.reason and args.reason.strip()):
        print(f"factcheck baseline: error: {len(new)} finding(s) are new to the baseline; say why they are "
              "accepted with --reason \"...\"", file=sys.stderr)
        return BAD_INPUT
    text = render_baseline(report.findings, reason=(args.reason or "").strip(), previous=previous)
    atomic.write_text(target, text)
    dropped = len(known - {finding.fingerprint for finding in report.findings})
    print(f"wrote {settings.display(target)}: {len(report.findings)} accepted finding(s), {len(new)} new, "
          f"{dropped} stale entr{'y' if dropped == 1 else 'ies'} dropped")
    return OK
