"""`factcheck new ARTICLE.txt`: draft a claims file from an article's text, every claim a draft to review.

The file is written to `--output`, or to `claims/<published or 'undated'>-<slug of the title or the file
name>.yaml`, atomically, and never over an existing file without `--force`. A missing article, a file
that is not UTF-8 text, a bad `--published` and an existing output are positioned errors (exit 2).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .. import atomic, dates
from ..claims_file import read_claims_file
from ..cli import BAD_INPUT, OK, fail
from ..config import load_settings
from ..corpus import load_corpus, load_vocabulary
from ..problems import Problem
from ..text import fold
from ..value_reading import ValueProblem, read_published
from ..yamlfile import parse


def register(commands) -> None:
    parser = commands.add_parser("new", help="draft a claims file from an article's text (every claim a draft)")
    parser.add_argument("article", type=Path, metavar="ARTICLE", help="the article as a UTF-8 text file")
    parser.add_argument("--title", help="the article's title")
    parser.add_argument("--outlet", help="the outlet that published it")
    parser.add_argument("--author", help="its author, if the article names one")
    parser.add_argument("--published", metavar="DATE", help="publication date: 2025-07-01, 2025-07 or 2025 "
                                                           "(relative dates are resolved against it)")
    parser.add_argument("--url", help="where it was published")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="the claims file to write (default: claims/<published or undated>-<slug>.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..drafting import ArticleError, SourceInfo, draft_article, read_article   # only `new` needs them
    from ..drafting.writer import render

    settings = load_settings()
    problems: list[Problem] = []
    vocabulary = load_vocabulary(settings, problems)
    if problems:
        return fail(problems)
    published = _published(args.published)
    if published is False:
        return _error(f"--published {args.published!r}: expected a date such as 2025-07-01, 2025-07 or 2025")
    try:
        text = read_article(args.article, settings.display(args.article))
    except ArticleError as exc:
        return fail([Problem(exc.file, exc.line, exc.column, str(exc), exc.hint)])
    slug = _slug(args.title or args.article.stem)
    output = args.output or settings.claims / f"{published or 'undated'}-{slug}.yaml"
    shown = settings.display(output)
    if output.exists() and not args.force:
        return fail([Problem(shown, 0, 0, "the file exists; nothing was written",
                             "pass --force to overwrite it, or --output to write elsewhere")])
    source = SourceInfo(title=args.title, outlet=args.outlet, author=args.author, published=published,
                        url=args.url, archive=_archive(args.article, settings.root))
    draft = draft_article(text, vocabulary, source, id_prefix=_prefix(slug),
                          taken_ids=load_corpus(settings).ids)
    yaml_text = render(draft, article=settings.display(args.article))
    unreadable = _problems_of(yaml_text, shown, vocabulary)
    if unreadable:  # never expected: every value was read while drafting; say so rather than write a bad file
        return fail(unreadable)
    try:
        atomic.write_text(output, yaml_text, overwrite=args.force)
    except FileExistsError:
        return fail([Problem(shown, 0, 0, "the file exists; nothing was written", "pass --force to overwrite it")])
    print(f"wrote {shown}: {len(draft.claims)} draft claim(s) from {draft.sentences} sentence(s), "
          f"{len(draft.proposals)} proposed entit{'y' if len(draft.proposals) == 1 else 'ies'}")
    for hint in draft.hints:
        print(f"note: {hint}")
    print(f"next: review each draft in {shown} (accept, edit or delete it), then run 'factcheck check'")
    return OK


def _published(raw: str | None):
    """The date as ISO text at its precision, None when not given, False when unreadable."""
    if raw is None:
        return None
    try:
        value = read_published(raw.strip())
    except ValueProblem:
        return False
    if value is None or value.span is None:
        return False
    return dates.describe(value.span, value.precision)


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-").split("-")
    slug = "-".join(words)[:60].strip("-")
    return slug or "article"


def _prefix(slug: str, limit: int = 24) -> str:
    """The claim ids' prefix: the slug's first words, up to `limit` characters ("kestrel-metals-to-build")."""
    if len(slug) <= limit:
        return slug
    cut = slug.rfind("-", 0, limit + 1)
    return slug[:cut] if cut > 0 else slug[:limit]


def _archive(article: Path, root: Path) -> str | None:
    try:
        return article.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _problems_of(text: str, shown: str, vocabulary) -> list[Problem]:
    document = parse(text, shown)
    return read_claims_file(document, vocabulary).problems


def _error(message: str) -> int:
    print(f"factcheck new: error: {message}", file=sys.stderr)
    return BAD_INPUT
