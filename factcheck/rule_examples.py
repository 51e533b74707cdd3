"""Rules that test themselves: every rule's `fire` examples must fire and its `pass` examples must not.

An example is a handful of inline articles (a `source:` and `claims:` each, as in
a claims file), read with the project's registry and vocabulary plus the entities
and predicates the rule's examples declare, so a rule file stays self-contained.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import dates
from .claims_file import Vocabulary, read_claims_file
from .corpus import Corpus, add_claims_file
from .engine import run
from .findings import Finding
from .problems import Problem
from .registry import Registry, load_predicates, load_registry
from .rules import Example, Rule
from .yamlfile import Document


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    example: str
    expect: str              # "fire" or "pass"
    findings: tuple[Finding, ...]
    missed: tuple[tuple[str, ...], ...]
    unexpected: tuple[tuple[str, ...], ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        if self.problems:
            return False
        if self.expect == "pass":
            return not self.findings
        return bool(self.findings) and not self.missed and not self.unexpected

    def explain(self) -> str:
        if self.problems:
            return "; ".join(p.render() for p in self.problems)
        if self.expect == "pass" and self.findings:
            return "must not fire, but found: " + "; ".join(
                f"{f.message} [{', '.join(c.id for c in f.claims)}]" for f in self.findings)
        if not self.findings:
            return "must fire, but found nothing"
        parts = []
        if self.missed:
            parts.append("missed: " + "; ".join(", ".join(ids) for ids in self.missed))
        if self.unexpected:
            parts.append("flagged wrongly: " + "; ".join(", ".join(ids) for ids in self.unexpected))
        return " / ".join(parts) or "ok"


def cases(rule: Rule) -> list[tuple[str, int, Example]]:
    """Every example of a rule as (expectation, index, example)."""
    return ([("fire", i, e) for i, e in enumerate(rule.examples.fire)]
            + [("pass", i, e) for i, e in enumerate(rule.examples.pass_)])


def run_example(rule: Rule, expect: str, index: int, example: Example, vocabulary: Vocabulary,
                as_of: date | None = None) -> ExampleResult:
    base = ("examples", expect, index)
    problems: list[Problem] = []
    local = _example_vocabulary(rule, vocabulary, problems)
    corpus = Corpus(registry=local.registry, predicates=local.predicates)
    document = rule.document
    for number, _ in enumerate(example.articles):
        sub = _subdocument(document, base + ("articles", number))
        result = read_claims_file(sub, local, default_source_id=f"article-{number + 1}")
        add_claims_file(corpus, result, problems)
    example_as_of = _as_of(example, document, base, problems) or as_of or date.today()
    if problems:
        return ExampleResult(rule.id, example.name, expect, (), (), (), tuple(problems))
    findings = tuple(run(corpus, [rule], as_of=example_as_of))
    found = [tuple(sorted(c.id for c in f.claims)) for f in findings]
    expected = [tuple(sorted(ids)) for ids in example.findings] if example.findings is not None else None
    missed = tuple(ids for ids in expected if ids not in found) if expected is not None else ()
    unexpected = tuple(ids for ids in found if ids not in expected) if expected is not None else ()
    return ExampleResult(rule.id, example.name, expect, findings, missed, unexpected, ())


def _as_of(example: Example, document: Document, base: tuple, problems: list[Problem]) -> date | None:
    if example.as_of is None:
        return None
    try:
        span, precision = dates.parse_absolute(example.as_of)
    except dates.DateError as exc:
        problems.append(document.problem(base + ("as_of",), str(exc)))
        return None
    return span.start


def _example_vocabulary(rule: Rule, vocabulary: Vocabulary, problems: list[Problem]) -> Vocabulary:
    examples = rule.examples
    registry, predicates = vocabulary.registry, vocabulary.predicates
    if examples.entities:
        local, found = load_registry(_subdocument(rule.document, ("examples",), keep=("entities",)))
        problems.extend(found)
        merged = Registry(entities={**registry.entities, **local.entities},
                          by_spelling={**registry.by_spelling, **local.by_spelling})
        registry = merged
    if examples.predicates:
        local_predicates, found = load_predicates(_subdocument(rule.document, ("examples",),
                                                               keep=("predicates",)))
        problems.extend(found)
        predicates = {**predicates, **local_predicates}
    return Vocabulary(registry=registry, predicates=predicates, ton=vocabulary.ton)


def _subdocument(document: Document, prefix: tuple, keep: tuple = ()) -> Document:
    """The part of a document under `prefix`, positioned as in the original file."""
    data = document.data
    for part in prefix:
        data = data[part]
    if keep:
        data = {key: data[key] for key in keep if key in data}
    size = len(prefix)
    positions = {path[size:]: where for path, where in document.positions.items() if path[:size] == prefix}
    keys = {path[size:]: where for path, where in document.key_positions.items() if path[:size] == prefix}
    return Document(file=document.file, data=data, text=document.text, positions=positions, key_positions=keys)
