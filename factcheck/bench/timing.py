"""Timing a check of a synthetic corpus: phase by phase in this process, then whole processes.

Phases, in one process and without the cache: `read` (the files' bytes), `parse` (YAML
to plain values, with the fast reader and, for a file it leaves alone, the positioned
loader), `validate` (typed claims against the registry and the vocabulary), `check`
(every rule) and `report` (the JSON report). The `floor` is the same files loaded with
PyYAML's C loader (`yaml.load(..., Loader=yaml.CSafeLoader)`) and nothing else.

Whole processes (`python -m factcheck check`, imports included), each timed from the
outside with its peak memory (the child's maximum resident set, from `wait4`):
`cold` (an empty cache, which it fills), `warm` (nothing changed), `edited` (a few words
added to a quote in one claims file), `edited_value` (a year changed in one claims file),
`next_day` (nothing changed, `--as-of` a day later: the first check of a new day) and
`no_cache` (`--no-cache`). Before them, factcheck's modules are compiled to bytecode
where missing, as an installed package's are: with PYTHONDONTWRITEBYTECODE set, every
timed process would otherwise compile them from source (about 0.1 s each time).

They run in rounds (`--repeat`), each the floor and then every process once, so that a
ratio can also be taken within a round (`paired`): on a shared machine whose speed drifts
(one parse of 500 files took 0.29 s to 0.52 s within an hour on the development machine), the
fastest cold check and the fastest floor may come from different minutes.
"""
from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

PHASES = ("read", "parse", "validate", "check", "report")
AS_OF = date(2026, 6, 30)
NEXT_DAY = AS_OF + timedelta(days=1)


def measure(project: Path, *, claims: int, repeat: int = 1, processes: bool = True, progress=None,
            against: Path | None = None) -> dict:
    """Every figure for the corpus in `project`; `claims` is how many it holds. With `against` (a smaller
    corpus), each round first times its floor and a cold check too (`_rounds`)."""
    figures: dict = {"claims": claims}
    if processes:
        figures["from_bytecode"] = compile_to_bytecode()
        figures["rounds"] = _rounds(project, repeat, progress, against)
        figures["runs"] = {name: min((round_[name] for round_ in figures["rounds"]), key=_seconds)
                           for name in RUNS}
        figures["floor_seconds"] = min(round_["floor"] for round_ in figures["rounds"])
    else:
        figures["floor_seconds"] = _best(repeat, lambda: _floor(project))
    _say(progress, "phases in one process")
    figures["phases"] = _phases(project)
    figures["total_seconds"] = sum(figures["phases"].values())
    return figures


def _best(repeat: int, run) -> float:
    return min(run() for _ in range(max(1, repeat)))


def _say(progress, what: str) -> None:
    if progress is not None:
        progress(what)


def _yaml_files(project: Path) -> list[Path]:
    return sorted(path for path in project.rglob("*") if path.suffix in (".yaml", ".yml") and path.is_file()
                  and ".factcheck-cache" not in path.parts)


def _floor(project: Path) -> float:
    """PyYAML's C loader over the same files, and nothing else: the bare cost of parsing them."""
    import yaml

    files = _yaml_files(project)
    started = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def _phases(project: Path) -> dict[str, float]:
    """Each phase of a check without the cache, file by file, with the times added up per phase."""
    from .. import fastload, yamlfile
    from ..claims_file import read_claims_file
    from ..config import load_settings
    from ..corpus import Corpus, add_claims_file, claim_order, claims_files, load_vocabulary
    from ..engine import run
    from ..project import Report
    from ..reporters import REPORTERS
    from ..rules import load_rules, project_rule_files

    seconds = dict.fromkeys(PHASES, 0.0)
    settings = load_settings(project)
    gc.disable()
    try:
        started = time.perf_counter()
        problems: list = []
        vocabulary = load_vocabulary(settings, problems)
        rules, rule_problems = load_rules(project_rule_files(settings), settings.display, vocabulary.predicates)
        seconds["validate"] += time.perf_counter() - started
        corpus = Corpus(registry=vocabulary.registry, predicates=vocabulary.predicates)
        for path in claims_files(settings):
            display = settings.display(path)
            started = time.perf_counter()
            raw = path.read_bytes()
            parsed = time.perf_counter()
            seconds["read"] += parsed - started
            text = yamlfile.decode(raw, display)
            document = fastload.parse(text, display) or yamlfile.parse(text, display)
            validated = time.perf_counter()
            seconds["parse"] += validated - parsed
            try:
                result = read_claims_file(document, vocabulary)
            except fastload.NeedsPositions:
                result = read_claims_file(yamlfile.parse(text, display), vocabulary)
            add_claims_file(corpus, result, problems)
            seconds["validate"] += time.perf_counter() - validated
        started = time.perf_counter()
        corpus.claims.sort(key=claim_order)
        findings = run(corpus, rules, as_of=AS_OF)
        seconds["check"] = time.perf_counter() - started
        started = time.perf_counter()
        report = Report(findings=tuple(findings), problems=tuple(problems + rule_problems),
                        sources=len(corpus.sources), claims=len(corpus.claims), rules=tuple(rules), as_of=AS_OF)
        REPORTERS["json"].render(report, color=False, root=settings.root)
        seconds["report"] = time.perf_counter() - started
    finally:
        gc.enable()
    del corpus
    gc.collect()
    return seconds


RUNS = ("cold", "warm", "edited", "edited_value", "next_day", "no_cache")


def _rounds(project: Path, repeat: int, progress, against: Path | None) -> list[dict]:
    """`repeat` rounds of: the floor, then each of `RUNS` once, in that order (the cold check fills the
    cache the next four use). With `against`, a round starts with the floor and a cold check of that
    smaller corpus (`against_floor`, `against_cold`), so that how the check scales is taken within a round,
    from the floor and cold check just after: minutes apart, this machine's speed had drifted by more than
    the target allows (six cold checks of one million claims with one code took 53.6 s to 75.4 s)."""
    cache = project / ".factcheck-cache"
    edited = _one_claims_file(project)
    valued = _one_claims_file(project, _YEAR_VALUE)
    rounds = []
    for number in range(1, max(1, repeat) + 1):
        _say(progress, f"round {number} of {max(1, repeat)}: "
                       + ("the floor and a cold check of the smaller corpus, then " if against else "")
                       + "the floor, then checks cold, warm, after editing a quote, after editing a value, "
                         "a day later, without the cache")
        round_: dict = {}
        if against is not None:
            round_["against_floor"] = _floor(against)
            _empty(against / ".factcheck-cache")
            round_["against_cold"] = run_check(against, [])["seconds"]
        round_["floor"] = _floor(project)
        _empty(cache)
        round_["cold"] = run_check(project, [])
        round_["warm"] = run_check(project, [])
        _edit(edited)
        round_["edited"] = {**run_check(project, []), "file": edited.relative_to(project).as_posix()}
        _edit_year(valued)
        round_["edited_value"] = {**run_check(project, []), "file": valued.relative_to(project).as_posix()}
        round_["next_day"] = run_check(project, [], as_of=NEXT_DAY)
        round_["no_cache"] = run_check(project, ["--no-cache"])
        rounds.append(round_)
    return rounds


def _seconds(run: dict) -> float:
    return run["seconds"]


def compile_to_bytecode() -> bool:
    """Write the bytecode of factcheck's modules where it is missing or stale, as Python does on a first
    import unless told not to; whether it could (a read-only install cannot, nor could its users)."""
    import compileall

    try:
        return bool(compileall.compile_dir(Path(__file__).resolve().parent.parent, quiet=2))
    except OSError:
        return False


def run_check(project: Path, extra: list[str], *, as_of: date = AS_OF) -> dict:
    """`python -m factcheck check` in `project` on `as_of`, timed from outside: seconds and peak memory.

    Files written before (the corpus, an earlier run's cache) are flushed to disk first, so
    that writing them back does not slow down the run being timed."""
    if hasattr(os, "sync"):
        os.sync()
    command = [sys.executable, "-m", "factcheck", "check", "--as-of", as_of.isoformat(), "--format", "json",
               "--output", os.devnull, "--no-baseline", *extra]
    environment = {**os.environ, "FACTCHECK_NO_PROGRESS": "1"}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode not in (0, 1):
        raise RuntimeError(f"factcheck check failed ({child.returncode}): {error[-2000:]}")
    return {"seconds": elapsed, "peak_memory_mb": usage.ru_maxrss / 1024, "exit": child.returncode}


def _empty(cache: Path) -> None:
    import shutil

    shutil.rmtree(cache, ignore_errors=True)


def _one_claims_file(project: Path, holding: re.Pattern | None = None) -> Path:
    """The middle claims file; with `holding`, the first from there on whose text matches it."""
    files = sorted((project / "claims").glob("*.yaml"))
    files = [path for path in files if path.name != "entities.yaml"]
    middle = len(files) // 2
    for path in files[middle:] + files[:middle]:
        if holding is None or holding.search(path.read_text(encoding="utf-8")):
            return path
    return files[middle]


_YEAR_VALUE = re.compile(r"^    value: (\d{4})$", re.M)


def _edit_year(path: Path) -> None:
    """A small edit of a fact: a year one later (a new version each time)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(_YEAR_VALUE.sub(lambda m: f"    value: {int(m.group(1)) + 1}", text, count=1), encoding="utf-8")


def _edit(path: Path) -> None:
    """A small edit: one more word in the first quote of the file (a new version each time)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("    quote: "):
            stamp = f" (edited {time.monotonic_ns()})"
            body = line[len("    quote: "):]
            quoted = body[:-1] + stamp + '"' if body.endswith('"') else f'"{body}{stamp}"'
            lines[index] = "    quote: " + quoted
            break
    path.write_text("\n".join(lines), encoding="utf-8")
