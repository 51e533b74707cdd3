"""`factcheck check [PATH ...]`: run every rule over the corpus and report the findings."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import atomic
from ..cli import BAD_INPUT, FINDINGS, OK, fail, parse_date, use_color
from ..config import SEVERITIES
from ..findings import at_or_above
from ..project import UnknownRule, check_paths
from ..reporters import REPORTERS


def register(commands) -> None:
    parser = commands.add_parser("check", help="run the rules over the corpus and report findings")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="claims files or folders (default: all)")
    parser.add_argument("--format", "-f", action=_FormatAction, choices=sorted(REPORTERS), dest="targets",
                        help="output format (default: text); repeat, each with its own --output, for several")
    parser.add_argument("--output", "-o", action=_OutputAction, dest="targets", metavar="FILE",
                        help="write the --format before it to FILE (atomically) instead of stdout; '-' is stdout")
    parser.add_argument("--fail-on", choices=SEVERITIES, help="least severe finding that exits 1 (default: "
                                                             "the project's fail-on, else error)")
    parser.add_argument("--as-of", type=parse_date, help="reference date for plans and deadlines (default: today)")
    parser.add_argument("--rule", action="append", dest="rules", metavar="RULE", help="run only this rule")
    parser.add_argument("--baseline", type=Path, help="report only findings this baseline does not accept "
                                                     "(default: the project's 'baseline' setting)")
    parser.add_argument("--no-baseline", action="store_true", help="ignore the baseline and suppressions")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("--no-cache", action="store_true", help="read every file and run every rule "
                                                               "again; neither use nor write the cache")
    parser.add_argument("--cache-dir", type=Path, metavar="DIR", help="where the cache (loaded files, and the "
                                                                      "state a re-check starts from) lives "
                                                                      "(default: the project's 'cache-dir' "
                                                                      "setting, else .factcheck-cache)")
    parser.set_defaults(handler=run)


class _FormatAction(argparse.Action):
    """`--format X` opens a new (format, output) pair."""

    def __call__(self, parser, namespace, value, option_string=None):
        targets = list(getattr(namespace, self.dest, None) or [])
        targets.append([value, None])
        setattr(namespace, self.dest, targets)


class _OutputAction(argparse.Action):
    """`--output F` sends the format given just before it (or the default text) to F."""

    def __call__(self, parser, namespace, value, option_string=None):
        targets = list(getattr(namespace, self.dest, None) or [])
        if not targets:
            targets.append(["text", None])
        if targets[-1][1] is not None:
            parser.error("each --output needs its own --format before it")
        targets[-1][1] = None if value == "-" else Path(value)
        setattr(namespace, self.dest, targets)


def run(args) -> int:
    targets = args.targets or [["text", None]]
    try:
        settings, report = check_paths(args.paths or None, as_of=args.as_of, rule_ids=args.rules,
                                       baseline=args.baseline, use_baseline=not args.no_baseline,
                                       use_cache=not args.no_cache, cache_dir=args.cache_dir, progress=True)
    except UnknownRule as unknown:
        raise SystemExit(_usage(f"unknown rule {str(unknown)!r}"))
    for name, target in targets:
        color = target is None and use_color(args.color, sys.stdout)
        reporter = REPORTERS[name]
        if hasattr(reporter, "render_pieces"):   # written as it is made
            pieces = reporter.render_pieces(report, color=color, root=settings.root)
        else:
            pieces = [reporter.render(report, color=color, root=settings.root)]
        if target is None:
            atomic.write_pieces(sys.stdout, pieces)
        else:
            atomic.write_text(target, pieces)
    if report.problems:
        return fail(list(report.problems))
    fail_on = args.fail_on or settings.fail_on
    return FINDINGS if at_or_above(list(report.findings), fail_on) else OK


def _usage(message: str) -> int:
    print(f"factcheck check: error: {message}", file=sys.stderr)
    return BAD_INPUT


