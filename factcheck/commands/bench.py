"""`factcheck bench`: how fast a check is, on a seeded synthetic corpus; `bench generate` writes the corpus alone.

`factcheck bench --claims 100000` generates the corpus in a temporary folder, times
each phase of a check in one process, the bare PyYAML C-loader floor, and whole
`factcheck check` processes (cold, warm, after editing one file, a day later, without the cache),
then prints a table, or with `--json` the figures; with `--against M`, also how the
cold check and the floor scale from M claims to N, taken within each round. `factcheck
bench generate --claims N --out DIR` writes the corpus, so that `factcheck check` can be
timed from outside.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from ..cli import BAD_INPUT, OK


def register(commands) -> None:
    parser = commands.add_parser("bench", help="time a check of a generated corpus (phases, floor, cache)")
    _corpus_options(parser, default_claims=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--dir", type=Path, metavar="DIR", help="generate the corpus here and keep it "
                                                                "(default: a temporary folder, removed after)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run N rounds, each the floor and every whole run once; keep the fastest of each, "
                             "and give each ratio within a round too (default: 1)")
    parser.add_argument("--no-processes", action="store_true", help="skip the whole-process runs")
    parser.add_argument("--against", type=_positive, metavar="M",
                        help="also generate M claims, fewer than --claims (in a temporary folder, removed after), "
                             "and start each round with their floor and a cold check: how the check scales, "
                             "taken within each round")
    parser.set_defaults(handler=run)
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="bench_action")
    generate = actions.add_parser("generate", help="write the synthetic corpus and nothing else")
    _corpus_options(generate, default_claims=10_000)
    generate.add_argument("--out", type=Path, required=True, metavar="DIR", help="an empty or new folder")
    generate.set_defaults(handler=run_generate)


def _corpus_options(parser, *, default_claims: int) -> None:
    parser.add_argument("--claims", type=_positive, default=default_claims, metavar="N",
                        help=f"claims to generate, 20 per file (default: {default_claims:,})")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same corpus (default: 1)")


def _positive(text: str) -> int:
    import argparse

    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("expected at least 1")
    return value


def run_generate(args) -> int:
    from ..bench.generate import generate

    try:
        summary = generate(args.out, claims=args.claims, seed=args.seed)
    except FileExistsError as exc:
        print(f"factcheck bench generate: error: {exc}; choose an empty or new folder", file=sys.stderr)
        return BAD_INPUT
    print(f"wrote {summary.claims:,} claims in {summary.files:,} files ({summary.bytes / 1e6:.1f} MB), "
          f"{summary.entities:,} entities, {summary.conflicting_groups:,} of {summary.groups:,} "
          f"subject/predicate groups in conflict, to {args.out}; time it with: "
          f"cd {args.out} && factcheck check --as-of 2026-06-30")
    return OK


def run(args) -> int:
    from ..bench import report
    from ..bench.generate import generate
    from ..bench.timing import measure

    if args.against is not None and args.no_processes:
        print("factcheck bench: error: --against times whole processes; it cannot go with --no-processes",
              file=sys.stderr)
        return BAD_INPUT
    if args.against is not None and args.against >= args.claims:
        print(f"factcheck bench: error: --against {args.against:,} is not fewer claims than --claims "
              f"{args.claims:,}; it is the smaller corpus to compare with", file=sys.stderr)
        return BAD_INPUT
    keep = args.dir is not None
    folder = args.dir if keep else Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    scratch = Path(tempfile.mkdtemp(prefix="factcheck-bench-against-")) if args.against is not None else None
    project = folder / "corpus" if not keep else folder
    try:
        _status(f"generating {args.claims:,} claims (seed {args.seed}) in {project}")
        try:
            summary = generate(project, claims=args.claims, seed=args.seed)
        except FileExistsError as exc:
            print(f"factcheck bench: error: {exc}; choose an empty or new folder", file=sys.stderr)
            return BAD_INPUT
        smaller = None
        if scratch is not None:
            smaller = scratch / "corpus"
            _status(f"generating {args.against:,} claims (seed {args.seed}) in {smaller}, to compare with")
            against_claims = generate(smaller, claims=args.against, seed=args.seed).claims
        figures = measure(project, claims=summary.claims, repeat=args.repeat, processes=not args.no_processes,
                          progress=_status, against=smaller)
        if smaller is not None:
            figures["against_claims"] = against_claims
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
        if scratch is not None:   # the smaller corpus is never kept
            shutil.rmtree(scratch, ignore_errors=True)
    described = {**summary.as_dict(), "seed": args.seed}
    sys.stdout.write(report.as_json(described, figures) if args.json else report.as_table(described, figures))
    return OK


def _status(message: str) -> None:
    print(f"factcheck bench: {message}...", file=sys.stderr, flush=True)
