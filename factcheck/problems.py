"""Problems in what a user wrote, each pinned to a file, line and column.

Nothing that reads user input raises a bare exception at the user: it collects
`Problem`s, so that one run reports every mistake at once, and the CLI prints
them as `file:line:col: message` with the offending line and a caret.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .text import printable

# what a terminal would act on (escape sequences, carriage returns, bidi overrides): shown as U+FFFD,
# one character for one, so that the caret stays under the right column
MAX_MESSAGE_CHARS = 500   # a message quoting a huge value is cut when printed (JSON keeps it whole)
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in user input; `line` and `column` are 1-based (0 = unknown)."""

    file: str
    line: int
    column: int
    message: str
    hint: str | None = field(default=None, compare=False)

    def location(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def render(self, *, source_text: str | None = None) -> str:
        """The one-line form, then the offending line with a caret, then the hint."""
        message = self.message if len(self.message) <= MAX_MESSAGE_CHARS else self.message[:MAX_MESSAGE_CHARS] + "…"
        lines = [printable(f"{self.location()}: error: {message}")]
        excerpt = _excerpt(source_text, self.line, self.column)
        if excerpt:
            lines.extend(excerpt)
        if self.hint:
            lines.append(printable(f"  = hint: {self.hint}"))
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message}


class InputError(Exception):
    """Raised with every problem found, once reading could not go on."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.render() for p in self.problems))

    def __reduce__(self):
        """Pickled as its problems (by default its message would be passed back as the problems): one
        raised in a helper process arrives whole."""
        return type(self), (self.problems,)


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _excerpt(source_text: str | None, line: int, column: int) -> list[str]:
    if not source_text or line <= 0:
        return []
    all_lines = _LINE_BREAK.split(source_text)   # lines as YAML counts them, as the positions do
    if line > len(all_lines):
        return []
    text = _UNSAFE.sub("\ufffd", all_lines[line - 1].replace("\t", " "))
    if len(text) > 200:
        text = text[:200] + "…"
    gutter = f"{line:>4} | "
    caret = " " * (len(gutter) + max(column - 1, 0)) + "^"
    return [gutter + text, caret]


def render_all(problems: list[Problem], *, root: Path | None = None) -> str:
    """Render problems with excerpts, reading each named file at most once."""
    texts: dict[str, str | None] = {}
    out = []
    for problem in sorted(set(problems)):
        if problem.file not in texts:
            texts[problem.file] = _read_quietly(problem.file, root)
        out.append(problem.render(source_text=texts[problem.file]))
    return "\n".join(out)


def _read_quietly(name: str, root: Path | None) -> str | None:
    path = Path(name)
    if not path.is_absolute() and root is not None:
        path = root / path
    try:
        if path.stat().st_size > 5_000_000:
            return None
        raw = path.read_bytes()
        if b"\x00" in raw[:8192]:
            return None   # a binary file: no excerpt
        return raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    except OSError:
        return None
