"""Read YAML into plain Python values and remember where every node stood.

PyYAML's `load` forgets positions, so we `compose` (C loader where present) and
walk the node tree ourselves. The walk is also where YAML's traps are closed:
duplicate keys are errors, only the standard scalar tags are built (nothing is
ever constructed from `!!python/...`), and alias expansion and nesting depth
have limits, so a "billion laughs" file is refused instead of eating memory.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .problems import InputError, Problem

try:  # the C composer is several times faster; fall back quietly where absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple  # a path into the document: keys and list indexes

MAX_FILE_BYTES = 20_000_000
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 100_000
NODE_BUDGET_PER_BYTE = 4
MIN_NODE_BUDGET = 10_000
MAX_CLAIMS_PER_FILE = 10_000   # checked by claims_file.py; one article has tens
# The environment may raise (or lower) these; nesting stays far below what the composer survives.
LIMIT_ENV = {"MAX_FILE_BYTES": "FACTCHECK_MAX_FILE_BYTES", "MAX_DEPTH": "FACTCHECK_MAX_DEPTH",
             "MAX_SCALAR_CHARS": "FACTCHECK_MAX_SCALAR_CHARS",
             "MAX_CLAIMS_PER_FILE": "FACTCHECK_MAX_CLAIMS_PER_FILE"}
HARD_MAX_DEPTH = 200
_SAFE_TO_COMPOSE = 2_000   # text with fewer collection indicators cannot nest deep enough to crash libyaml
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")   # where YAML starts a new line

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_constructor = yaml.constructor.SafeConstructor()
_BUILDERS = {  # the tag's own builder; `construct_object` would cache every node forever
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _constructor.construct_yaml_timestamp,
}


@dataclass
class Document:
    """A YAML file as plain values, with the 1-based position of each node."""

    file: str
    data: object
    text: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)   # found while reading, not fatal

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of the node at `path`, or of its nearest ancestor."""
        table = self.key_positions if key else self.positions
        path = tuple(path)
        if key and path in table:
            return table[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, *, hint: str | None = None, key: bool = False) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, message, hint)


def limit(name: str) -> int:
    """A limit's value now: its FACTCHECK_... environment variable when set, else the default above."""
    variable = LIMIT_ENV[name]
    given = os.environ.get(variable, "").strip()
    if not given:
        return globals()[name]
    ceiling = HARD_MAX_DEPTH if name == "MAX_DEPTH" else None
    try:
        value = int(given)
    except ValueError:
        value = 0
    if value < 1 or (ceiling is not None and value > ceiling):
        most = f" to {ceiling:,}" if ceiling else ""
        raise InputError([Problem(f"{variable} (environment)", 0, 0,
                                  f"{variable} must be a whole number from 1{most}, found {given!r}")])
    return value


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text, refusing what is not text, with a positioned error."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read file: {exc.strerror}")]) from None
    max_bytes = limit("MAX_FILE_BYTES")
    if size > max_bytes:
        raise InputError([Problem(display, 1, 1, f"file is {size:,} bytes; the limit is {max_bytes:,}",
                                  "split it, or raise FACTCHECK_MAX_FILE_BYTES")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(display, 0, 0, f"cannot read file: {exc.strerror}")]) from None
    return decode(raw, display)


def decode(raw: bytes, display: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError([Problem(display, 1, 1, "this is a binary file, not YAML text")])
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw   # a BOM is not part of the text
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(body[: exc.start].decode("utf-8"))
        raise InputError([Problem(display, line, column, "the file is not valid UTF-8 text",
                                  "save it as UTF-8")]) from None
    return text.replace("\r\n", "\n")


def _line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column just after `before`, counting lines as YAML does."""
    lines = _LINE_BREAK.split(before)
    return len(lines), len(lines[-1]) + 1


@lru_cache(maxsize=8)
def _maybe_deep(max_depth: int) -> re.Pattern:
    return re.compile(r"^[ \t]{%d,}\S|(?:-[ \t]+){%d}" % (2 * max_depth, max_depth // 2), re.MULTILINE)


_MAYBE_DEEP = _maybe_deep(MAX_DEPTH)


def _too_deep(text: str, display: str, max_depth: int = MAX_DEPTH) -> Problem | None:
    """Refuse nesting deeper than `max_depth` before composing: libyaml's composer recurses and would crash.

    Only a file that could be that deep (many brackets, deep indentation, long runs of "- ", or
    simply more collection indicators than the composer can safely nest) is scanned, with the
    event parser, which does not recurse.
    """
    if (text.count("[") + text.count("{") <= max_depth and not _maybe_deep(max_depth).search(text)
            and sum(text.count(indicator) for indicator in "-?:") <= _SAFE_TO_COMPOSE):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    return Problem(display, mark.line + 1, mark.column + 1, *_nested_deeper(max_depth))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if exc.problem == _LIBYAML_TOO_DEEP and exc.problem_mark is not None:
            # libyaml 0.2.6 (in PyYAML 6.0.4's wheels) refuses nesting past 1,000 levels, often before
            # the parser gives the level past ours: its scanner reads a flow collection ahead
            mark = exc.problem_mark
            return Problem(display, mark.line + 1, mark.column + 1, *_nested_deeper(max_depth))
    except (yaml.YAMLError, UnicodeEncodeError):
        pass
    return None   # any other mistake: the composer reports it with its position


_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _nested_deeper(max_depth: int) -> tuple[str, str]:
    """The message and hint of nesting past the limit, wherever it is found."""
    return f"the YAML is nested deeper than {max_depth} levels", "flatten it, or raise FACTCHECK_MAX_DEPTH"


def parse(text: str, display: str) -> Document:
    """Compose `text` and turn it into a positioned `Document`."""
    max_depth = limit("MAX_DEPTH")
    deep = _too_deep(text, display, max_depth)
    if deep is not None:
        raise InputError([deep])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:   # a character YAML does not allow, anywhere in the text
        found = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line, column = _line_and_column(text[:found]) if found >= 0 else (1, 1)
        what = f"character U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        raise InputError([Problem(display, line, column, f"invalid YAML: {what} is not allowed ({exc.reason})",
                                  "remove it, or write it as an escape in a double-quoted string")]) from None
    except UnicodeEncodeError as exc:   # a lone surrogate: only possible in text not read from a file
        line, column = _line_and_column(text[: exc.start])
        raise InputError([Problem(display, line, column, "invalid YAML: a lone surrogate character")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"invalid YAML: {exc.problem or exc.context}"
        hint = "YAML indents with spaces, never tabs" if _char_at(text, line, column) == "\t" else None
        raise InputError([Problem(display, line, column, message, hint)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(display, 1, 1, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(display, 1, 1, f"the YAML is nested too deeply (limit {max_depth})")]) from None
    document = Document(file=display, data=None, text=text)
    if node is None:
        document.positions[()] = (1, 1)
        return document
    walker = _Walker(document, budget=max(MIN_NODE_BUDGET, NODE_BUDGET_PER_BYTE * len(text)),
                     max_depth=max_depth, max_scalar=limit("MAX_SCALAR_CHARS"))
    try:
        document.data = walker.value(node, (), 0)
    except RecursionError:
        raise InputError([Problem(display, 1, 1, f"the YAML is nested too deeply (limit {max_depth})")]) from None
    if walker.fatal:
        raise InputError(walker.problems)
    document.problems = walker.problems
    return document


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def load(path: Path, display: str) -> Document:
    return parse(read_text(path, display), display)


def read_document(path: Path, display: str, problems: list[Problem]) -> Document | None:
    """Load a file, adding every problem found to `problems`; None when it could not be read at all."""
    try:
        document = load(path, display)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(document.problems)
    return document


class _Walker:
    def __init__(self, document: Document, budget: int, max_depth: int = MAX_DEPTH,
                 max_scalar: int = MAX_SCALAR_CHARS):
        self.document = document
        self.budget = budget
        self.max_depth = max_depth
        self.max_scalar = max_scalar
        self.problems: list[Problem] = []
        self.fatal = False   # the data is incomplete: a budget or depth limit was hit

    def fail(self, node: yaml.Node, message: str, hint: str | None = None, *, fatal: bool = False) -> None:
        self.fatal = self.fatal or fatal
        mark = node.start_mark
        self.problems.append(Problem(self.document.file, mark.line + 1, mark.column + 1, message, hint))

    def value(self, node: yaml.Node, path: Path_, depth: int) -> object:
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.fail(node, "the YAML expands to too many nodes (aliases repeated too often?)",
                          "anchors and aliases may not multiply the document; write the values out", fatal=True)
            return None
        if depth > self.max_depth:
            self.fail(node, *_nested_deeper(self.max_depth), fatal=True)
            return None
        self.document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, f"unsupported YAML tag {node.tag!r}", "remove the tag")
                return None
            return [self.value(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.fail(node, f"unsupported YAML tag {node.tag!r}", "remove the tag")
                return None
            return self.mapping(node, path, depth)
        self.fail(node, "unsupported YAML node")  # pragma: no cover - yaml has only three kinds
        return None

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "YAML merge keys ('<<') are not supported", "write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a mapping key must be a plain value, not a list or mapping")
                continue
            key = self.scalar(key_node)
            if not isinstance(key, (str, int, bool)) and key is not None:
                key = str(key)
            if key in result:
                first = self.document.key_positions.get(path + (key,), (0, 0))
                self.fail(key_node, f"duplicate key {key!r} (first at line {first[0]})",
                          "a key may appear once; merge the two entries")
                continue
            self.document.key_positions[path + (key,)] = (key_node.start_mark.line + 1,
                                                         key_node.start_mark.column + 1)
            result[key] = self.value(value_node, path + (key,), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag != _STR and node.tag not in _BUILDERS:
            self.fail(node, f"unsupported YAML tag {node.tag!r}",
                      "factcheck builds plain values only; remove the tag")
            return None
        if len(node.value) > self.max_scalar:
            self.fail(node, f"a value of {len(node.value):,} characters; the limit is {self.max_scalar:,}",
                      "shorten it, or raise FACTCHECK_MAX_SCALAR_CHARS")
            return None
        if node.tag == _STR:
            return node.value
        try:
            return _BUILDERS[node.tag](node)
        except (ValueError, OverflowError, yaml.YAMLError):
            return node.value  # looked like a date or number but is not one: the reader says why
