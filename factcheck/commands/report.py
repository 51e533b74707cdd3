"""`factcheck report [PATH ...] --html FILE [--markdown FILE]`: the contradiction report, for editors.

Runs every rule like `check`, then writes the self-contained HTML page (and, if
asked, the Markdown pull-request comment) atomically. Exit status 0 once the
report is written, findings or not; 2 when the input has problems, which are
printed instead.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .. import atomic
from ..cli import BAD_INPUT, OK, fail, parse_date
from ..project import check_project, open_project
from ..reporters import html, markdown
from ..reporters.common import summary_line


def register(commands) -> None:
    parser = commands.add_parser("report", help="write the contradiction report as a web page (and Markdown)")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="claims files or folders (default: all)")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write the self-contained HTML page here")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="write the Markdown report here")
    parser.add_argument("--as-of", type=parse_date, help="reference date for plans and deadlines (default: today)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    if args.html is None and args.markdown is None:
        print("factcheck report: error: say where to write the report: --html FILE (and/or --markdown FILE)",
              file=sys.stderr)
        return BAD_INPUT
    project = open_project(args.paths or None)
    if project.problems:
        return fail(project.problems)
    report = check_project(project, as_of=args.as_of)
    root = project.settings.root
    if args.html is not None:
        atomic.write_text(args.html, html.render(report, root=root, corpus=project.corpus))
        print(f"wrote {args.html}")
    if args.markdown is not None:
        atomic.write_text(args.markdown, markdown.render(report, root=root))
        print(f"wrote {args.markdown}")
    print(summary_line(report) + ".")
    return OK
