"""`factcheck check [PATH ...]`: run every rule over the corpus and report the findings."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import atomic
from ..cli import BAD_INPUT, FINDINGS, OK, parse_date, use_color
from ..config import SEVERITIES
from ..findings import at_or_above
from ..project import check_project, open_project
from ..reporters import REPORTERS


def register(commands) -> None:
    parser = commands.add_parser("check", help="run the rules over the corpus and report findings")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="claims files or folders (default: all)")
    parser.add_argument("--format", "-f", action="append", choices=sorted(REPORTERS), dest="formats",
                        help="output format (repeat with --output for several; default: text)")
    parser.add_argument("--output", "-o", action="append", type=Path, dest="outputs",
                        help="write the matching --format to this file (atomically) instead of stdout")
    parser.add_argument("--fail-on", choices=SEVERITIES, help="least severe finding that exits 1 (default: "
                                                             "the project's fail-on, else error)")
    parser.add_argument("--as-of", type=parse_date, help="reference date for plans and deadlines (default: today)")
    parser.add_argument("--rule", action="append", dest="rules", metavar="RULE", help="run only this rule")
    parser.add_argument("--baseline", type=Path, help="report only findings this baseline does not accept "
                                                     "(default: the project's 'baseline' setting)")
    parser.add_argument("--no-baseline", action="store_true", help="ignore the baseline and suppressions")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.set_defaults(handler=run)


def run(args) -> int:
    formats = args.formats or ["text"]
    outputs = args.outputs or []
    if len(outputs) > len(formats):
        raise SystemExit(_usage("each --output needs its own --format before it"))
    project = open_project(args.paths or None)
    unknown = [rule for rule in args.rules or [] if rule not in {r.id for r in project.rules}]
    if unknown:
        raise SystemExit(_usage(f"unknown rule {unknown[0]!r}"))
    report = check_project(project, as_of=args.as_of, rule_ids=args.rules, baseline=args.baseline,
                           use_baseline=not args.no_baseline)
    for index, name in enumerate(formats):
        target = outputs[index] if index < len(outputs) else None
        color = target is None and use_color(args.color, sys.stdout)
        text = REPORTERS[name].render(report, color=color, root=project.settings.root)
        if target is None:
            sys.stdout.write(text)
        else:
            atomic.write_text(target, text)
    if report.problems:
        if "text" not in formats or outputs:
            print(f"{len(report.problems)} problem(s) in the input; run 'factcheck validate' to see them",
                  file=sys.stderr)
        return BAD_INPUT
    fail_on = args.fail_on or project.settings.fail_on
    return FINDINGS if at_or_above(list(report.findings), fail_on) else OK


def _usage(message: str) -> int:
    print(f"factcheck check: error: {message}", file=sys.stderr)
    return BAD_INPUT


