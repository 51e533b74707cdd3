"""`factcheck test-rules`, `explain RULE` and `kinds`: the rules, their kinds and their examples."""
from __future__ import annotations

import inspect
import sys
from pathlib import Path

from ..cli import BAD_INPUT, FINDINGS, OK, fail
from ..kinds import KINDS
from ..project import open_project
from ..rule_examples import cases, run_example


def register(commands) -> None:
    test = commands.add_parser("test-rules", help="run every rule's examples: 'fire' must fire, 'pass' must not")
    test.add_argument("rules", nargs="*", metavar="RULE", help="rule ids (default: all)")
    test.add_argument("--verbose", "-v", action="store_true", help="list every example, not only failures")
    test.set_defaults(handler=run_tests)
    explain = commands.add_parser("explain", help="show a rule, its kind's documentation and its examples")
    explain.add_argument("rule", metavar="RULE")
    explain.set_defaults(handler=run_explain)
    kinds = commands.add_parser("kinds", help="list the built-in check kinds with their parameters")
    kinds.set_defaults(handler=run_kinds)


def run_tests(args) -> int:
    project = open_project()
    rule_problems = [p for p in project.problems if Path(p.file).suffix and _in(p.file, project.settings.rules)]
    if rule_problems:
        return fail(rule_problems)
    rules = _pick(project, args.rules)
    if rules is None:
        return BAD_INPUT
    failures = total = 0
    for rule in rules:
        for expect, index, example in cases(rule):
            total += 1
            result = run_example(rule, expect, index, example, project.vocabulary)
            if not result.ok:
                failures += 1
                print(f"FAIL {rule.id}::{example.name} ({expect}): {result.explain()}")
            elif args.verbose:
                print(f"ok   {rule.id}::{example.name} ({expect})")
    print(f"{total - failures} passed, {failures} failed")
    return FINDINGS if failures else OK


def _in(file: str, folder: Path) -> bool:
    return file.startswith(folder.name + "/") or file.startswith(str(folder))


def _pick(project, wanted: list[str]):
    by_id = {rule.id: rule for rule in project.rules}
    for rule_id in wanted:
        if rule_id not in by_id:
            print(f"factcheck: error: unknown rule {rule_id!r}; rules: {', '.join(sorted(by_id))}", file=sys.stderr)
            return None
    return [by_id[r] for r in wanted] if wanted else sorted(project.rules, key=lambda r: r.id)


def run_explain(args) -> int:
    project = open_project()
    rules = _pick(project, [args.rule])
    if rules is None:
        return BAD_INPUT
    rule = rules[0]
    print(f"{rule.id} ({rule.kind}, {rule.severity}): {rule.description}")
    print(f"  file: {rule.file}")
    print(f"  message: {rule.message}")
    selector = rule.select.model_dump(exclude_defaults=True)
    print(f"  select: {selector or 'every claim'}")
    print(f"  params: {rule.params.model_dump()}")
    if rule.help:
        print("\n" + rule.help.strip())
    print("\nkind " + rule.kind + ":\n" + _indent(inspect.getdoc(KINDS[rule.kind]) or ""))
    print("\nexamples:")
    for expect, _, example in cases(rule):
        ids = [c.get("id") for article in example.articles for c in (article.get("claims") or [])
               if isinstance(c, dict)]
        print(f"  {expect:4} {example.name}: claims {', '.join(map(str, ids))}")
    return OK


def run_kinds(args) -> int:
    for name, module in sorted(KINDS.items()):
        doc = inspect.getdoc(module) or ""
        print(f"{name}: {doc.splitlines()[0].split(': ', 1)[-1] if doc else ''}")
        for field_name, field in module.Params.model_fields.items():
            default = field.default
            description = f"  {field.description}" if field.description else ""
            print(f"    {field_name} (default {default!r}){description}")
    return OK


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in text.splitlines())
