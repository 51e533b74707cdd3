"""A fast reader for the plain block YAML that claims files are written in, with a safe way out.

PyYAML composes a node object for every scalar and resolves its tag in Python; for a
corpus of 100,000 claims that is most of the time a check takes. Claims files use a
small part of YAML: block mappings and sequences, plain, quoted and one-line flow
scalars, comments. `parse` reads that part line by line, with the same scalar
resolution as PyYAML's safe loader (YAML 1.1: `yes` is true, `2025-06-17` a date) and
the same builders, and gives the same data as `yamlfile.parse`.

Anything outside that part (anchors, tags, block scalars, multi-line scalars, tabs,
a duplicate key, odd indentation, a flow collection over several lines...) makes
`parse` return None, and the caller uses `yamlfile.parse`, which reports mistakes with
their exact positions. The document it returns knows the position of the top-level
nodes and of each claim; asked for any other position, it raises `NeedsPositions`, so
that a file with a problem is always re-read with the positioned loader.
"""
from __future__ import annotations

import json
import os
import re
from functools import cache

import yaml

from .problems import InputError
from .yamlfile import _BUILDERS, LIMIT_ENV, _Loader, Document, limit

_RESOLVERS = {first: tuple(pairs) for first, pairs in _Loader.yaml_implicit_resolvers.items() if first is not None}
_STR = "tag:yaml.org,2002:str"
# characters PyYAML refuses in a stream, and the line breaks YAML 1.1 has besides "\n": left to PyYAML
_UNUSUAL = "[^\x0A\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\U00010000-\U0010FFFF]"
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-/ ]*(?<! )")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SIMPLE_ESCAPES = frozenset('"\\nrtbf')
_FLOW_PLAIN = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^\s,\[\]{}]))[^,\[\]{}:#?]*")
_BAD_START = frozenset("?:,]}#&*!|>%@`")
_MAX_DEPTH = 20
_UNKNOWN = object()
_KEYS: dict[str, object] = {}   # key text -> the key it resolves to, for keys that are strings
_KEYS_KEPT = 4096
_NOT_SIMPLE = frozenset(_RESOLVERS) | frozenset("-?:,[]{}#&*!|>'\"%@`")   # first characters that need care
MAX_SCALAR_CHARS = 100_000   # yamlfile's limit, as the environment sets it, when `parse` is called


class Unsupported(Exception):
    """The text uses YAML this reader leaves to PyYAML."""


class NeedsPositions(Exception):
    """A position was asked for that only the positioned loader knows: re-read the file with it."""


class FastDocument(Document):
    """A document that knows where its top-level nodes and its claims are, and nothing finer."""

    def where(self, path, *, key: bool = False) -> tuple[int, int]:
        position = None if key else self.positions.get(tuple(path))
        if position is None:
            raise NeedsPositions(path)
        return position


def parse(text: str, display: str) -> FastDocument | None:
    """The document, or None when `text` needs the full loader (for speed or for its error positions)."""
    if "\t" in text or "\r" in text or "\x85" in text:
        return None
    if not text.replace("\n", " ").isprintable() and _unusual().search(text):   # printable: none of those
        return None
    global MAX_SCALAR_CHARS
    try:
        if os.environ.get(LIMIT_ENV["MAX_DEPTH"]):
            return None     # a lowered nesting limit: the positioned loader applies it
        chars = limit("MAX_SCALAR_CHARS")
        if chars != MAX_SCALAR_CHARS:
            _KEYS.clear()   # a key remembered under another limit might be too long under this one
            MAX_SCALAR_CHARS = chars
        data, positions = _Reader(text).read()
    except (Unsupported, RecursionError, IndexError, InputError):
        return None
    return FastDocument(file=display, data=data, text=text, positions=positions)


@cache
def _unusual() -> re.Pattern:
    """Compiled when first needed, for a text that is not all printable: compiling it took 3 ms of every
    run's start (a check of the bundled corpus takes 0.17 s)."""
    return re.compile(_UNUSUAL)


class _Frame:
    __slots__ = ("indent", "node", "path", "is_map", "record")

    def __init__(self, indent: int, node, path, is_map: bool):
        self.indent, self.node, self.path, self.is_map = indent, node, path, is_map
        self.record = path is not None and len(path) < 2   # whether its children's positions are kept


class _Reader:
    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.positions: dict[tuple, tuple[int, int]] = {}

    def read(self):
        stack: list[_Frame] = []
        pending = None            # (frame, key or None) whose value is the block that follows
        root = None
        keys = _KEYS
        for number, raw in enumerate(self.lines, start=1):
            content = raw.lstrip(" ")
            if not content or content[0] == "#":
                continue
            indent = len(raw) - len(content)
            top = stack[-1] if stack else None
            if pending is None and top is not None and top.is_map and indent == top.indent and content[0] != "-":
                # the common line, `key: value` in the mapping being read: _entry, without the calls
                written, colon, rest = content.partition(":")
                if not written or not colon or (rest and rest[0] != " "):
                    raise Unsupported
                key = keys.get(written, _UNKNOWN)
                if key is _UNKNOWN:
                    key = _key(written)
                mapping = top.node
                if key in mapping:
                    raise Unsupported
                rest = rest.lstrip(" ")
                if not rest or rest[0] == "#":
                    mapping[key] = None
                    pending = (top, key)
                    continue
                mapping[key] = _value(rest)
                if top.record:
                    self.positions[top.path + (key,)] = (number, indent + len(content) - len(rest) + 1)
                continue
            if indent == 0 and (content.startswith(("---", "...", "%"))):
                raise Unsupported
            dash = content == "-" or content.startswith("- ")
            if pending is not None:
                parent, key = pending
                pending = None
                if indent > parent.indent or (dash and parent.is_map and indent == parent.indent):
                    frame = self._open(parent, key, indent, dash, number)
                    stack.append(frame)
            if root is None:
                root = self._open(None, None, indent, dash, number)
                stack.append(root)
            while stack[-1].indent > indent or (stack[-1].indent == indent and not dash and not stack[-1].is_map):
                stack.pop()
                if not stack:
                    raise Unsupported
            top = stack[-1]
            if top.indent != indent or len(stack) > _MAX_DEPTH:
                raise Unsupported
            if top.is_map:
                if dash:
                    raise Unsupported
                pending = self._entry(top, content, indent, number, stack)
            else:
                if not dash:
                    raise Unsupported
                pending = self._item(top, content, indent, number, stack)
        if root is None:
            raise Unsupported     # an empty document: the full loader says what it is
        return root.node, self.positions

    def _open(self, parent: _Frame | None, key, indent: int, dash: bool, number: int) -> _Frame:
        """A new block mapping or sequence, as the value of `key` in `parent` (or an item, or the root)."""
        node: object = [] if dash else {}
        if parent is None:
            path = ()
        elif parent.path is not None and len(parent.path) < 2:
            path = parent.path + ((len(parent.node) - 1) if key is None else key,)
        else:
            path = None
        if parent is not None:
            if key is None:
                parent.node[-1] = node
            else:
                parent.node[key] = node
        if path is not None:
            self.positions[path] = (number, indent + 1)
        return _Frame(indent, node, path, not dash)

    def _entry(self, frame: _Frame, content: str, indent: int, number: int, stack: list):
        """`key: value` in a block mapping; returns what waits for a nested block, if anything."""
        written, colon, rest = content.partition(":")
        if not written or not colon or (rest and rest[0] != " "):
            raise Unsupported
        key = _key(written)
        mapping = frame.node
        if key in mapping:
            raise Unsupported     # a duplicate key: the full loader reports it with both positions
        rest = rest.lstrip(" ")
        if not rest or rest[0] == "#":
            mapping[key] = None
            return (frame, key)
        column = indent + len(content) - len(rest)
        mapping[key] = value = _value(rest)
        if frame.record:
            self.positions[frame.path + (key,)] = (number, column + 1)
        del value
        return None

    def _item(self, frame: _Frame, content: str, indent: int, number: int, stack: list):
        """`- ...` in a block sequence: a scalar, a flow collection, or a mapping that starts here."""
        rest = content[1:].lstrip(" ")
        sequence = frame.node
        sequence.append(None)
        if not rest or rest[0] == "#":
            return (frame, None)
        column = indent + len(content) - len(rest)
        if rest == "-" or rest.startswith("- "):
            raise Unsupported
        colon = rest.find(":")
        if colon > 0 and (len(rest) == colon + 1 or rest[colon + 1] == " ") and rest[0] not in "\"'[{":
            mapping = self._open(frame, None, column, False, number)
            stack.append(mapping)
            return self._entry(mapping, rest, column, number, stack)
        sequence[-1] = _value(rest)
        if frame.record:
            self.positions[frame.path + (len(sequence) - 1,)] = (number, column + 1)
        return None


def _key(text: str):
    """A mapping key as PyYAML resolves it; one that is a string is remembered (keys repeat from claim to
    claim, file to file)."""
    key = _KEYS.get(text, _UNKNOWN)
    if key is not _UNKNOWN:
        return key
    if not _KEY.fullmatch(text) or len(text) > MAX_SCALAR_CHARS:
        raise Unsupported
    key = _plain(text)
    if not isinstance(key, (str, int, bool)) and key is not None:
        key = str(key)
    if isinstance(key, str):
        if len(_KEYS) >= _KEYS_KEPT:
            _KEYS.clear()   # a registry's many ids: start again, so that the keys that do repeat are kept
        _KEYS[text] = key
    return key


def _value(text: str):
    """A scalar or one-line flow collection that starts a value, up to the end of its line."""
    first = text[0]
    if (first not in _NOT_SIMPLE and text[-1] != " " and text[-1] != ":" and ": " not in text
            and " #" not in text and len(text) <= MAX_SCALAR_CHARS):
        return text    # the common case, a plain scalar that no resolver claims: a string as written
    if (first == '"' and text.find('"', 1) == len(text) - 1 and "\\" not in text
            and len(text) <= MAX_SCALAR_CHARS):
        return text[1:-1]   # a double-quoted string without escapes, alone on its line
    if first == '"' or first == "'":
        value, end = _quoted(text, 0)
        _only_comment(text, end)
        return value
    if first == "[" or first == "{":
        value, end = _flow(text, 0, 0)
        _only_comment(text, end)
        return value
    if first in _BAD_START or (first == "-" and (len(text) == 1 or text[1] == " ")):
        raise Unsupported
    cut = text.find(" #")
    if cut >= 0:
        text = text[:cut]
    text = text.rstrip(" ")
    if ": " in text or text.endswith(":"):
        raise Unsupported
    return _plain(text)


def _only_comment(text: str, end: int) -> None:
    """After a quoted or flow value, only spaces and a comment may follow on its line."""
    rest = text[end:]
    if rest and (rest[0] != " " or rest.strip(" ")[:1] not in ("", "#")):
        raise Unsupported


def _plain(text: str):
    """A plain scalar resolved as PyYAML's safe loader resolves it, built by the same builders."""
    if len(text) > MAX_SCALAR_CHARS:
        raise Unsupported
    resolvers = _RESOLVERS.get(text[:1])
    if resolvers is None:
        return text
    for tag, pattern in resolvers:
        if pattern.match(text):
            break
    else:
        return text
    builder = _BUILDERS.get(tag)
    if builder is None:
        raise Unsupported       # a merge key, '=', an anchor: left to the full loader
    try:
        return builder(yaml.ScalarNode(tag, text))
    except (ValueError, OverflowError, yaml.YAMLError):
        return text


def _quoted(text: str, start: int):
    if text[start] == '"':
        match = _DOUBLE.match(text, start)
        if match is None:
            raise Unsupported   # runs over several lines
        body = match.group(1)
        if "\\" in body:
            body = _unescape(body)
    else:
        match = _SINGLE.match(text, start)
        if match is None:
            raise Unsupported
        body = match.group(1).replace("''", "'")
    if len(body) > MAX_SCALAR_CHARS:
        raise Unsupported
    return body, match.end()


def _unescape(body: str) -> str:
    """The escapes JSON shares with YAML (no surrogates); any other is left to PyYAML."""
    for escape in _ESCAPE.findall(body):
        if escape not in _SIMPLE_ESCAPES and not (len(escape) == 5 and escape[1] not in "dD"):
            raise Unsupported
    return json.loads('"' + body + '"')


def _flow(text: str, start: int, depth: int):
    """A one-line flow sequence or mapping of plain or quoted scalars."""
    if depth > _MAX_DEPTH:
        raise Unsupported
    closing = "]" if text[start] == "[" else "}"
    result: object = [] if closing == "]" else {}
    index = _skip(text, start + 1)
    if text[index] == closing:
        return result, index + 1
    while True:
        if closing == "]":
            item, index = _flow_node(text, index, depth)
            if text[index] == ":":
                raise Unsupported   # a single-pair mapping inside a sequence
            result.append(item)
        else:
            match = _FLOW_PLAIN.match(text, index)
            if match is None:
                raise Unsupported
            key = _key(match.group().rstrip(" "))
            index = match.end()
            if text[index] != ":" or text[index + 1] not in " ,}" or key in result:
                raise Unsupported
            index = _skip(text, index + 1)
            if text[index] in ",}":
                raise Unsupported   # a key without a value
            result[key], index = _flow_node(text, index, depth)
        index = _skip(text, index)
        if text[index] == closing:
            return result, index + 1
        if text[index] != ",":
            raise Unsupported
        index = _skip(text, index + 1)
        if text[index] in ",]}":
            raise Unsupported       # an empty entry or a trailing comma


def _flow_node(text: str, index: int, depth: int):
    first = text[index]
    if first == "[" or first == "{":
        return _flow(text, index, depth + 1)
    if first == '"' or first == "'":
        value, end = _quoted(text, index)
        return value, _skip(text, end)
    match = _FLOW_PLAIN.match(text, index)
    if match is None:
        raise Unsupported
    return _plain(match.group().rstrip(" ")), _skip(text, match.end())


def _skip(text: str, index: int) -> int:
    while text[index] == " ":
        index += 1
    return index
