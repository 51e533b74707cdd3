"""The bench's figures as a table for people, or as JSON for machines."""
from __future__ import annotations

import json
import statistics

from .timing import PHASES, RUNS

VERSION = 1


def as_json(summary: dict, figures: dict) -> str:
    claims = figures["claims"]
    document = {
        "version": VERSION,
        "corpus": summary,
        "phases": {name: {"seconds": round(seconds, 4), "claims_per_second": _rate(claims, seconds)}
                   for name, seconds in figures["phases"].items()},
        "total_seconds": round(figures["total_seconds"], 4),
        "floor": {"seconds": round(figures["floor_seconds"], 4),
                  "claims_per_second": _rate(claims, figures["floor_seconds"]),
                  "method": "yaml.load(..., Loader=yaml.CSafeLoader) of every YAML file of the corpus"},
        "peak_memory_method": "maximum resident set size of the child process (wait4 ru_maxrss)",
    }
    runs = figures.get("runs")
    if runs:
        document["runs"] = {name: {key: (round(value, 4) if isinstance(value, float) else value)
                                   for key, value in run.items()} for name, run in runs.items()}
        document["ratio_cold_to_floor"] = round(runs["cold"]["seconds"] / figures["floor_seconds"], 3)
        for edit in _AFTER_COLD:
            document[f"{edit}_share_of_cold"] = round(runs[edit]["seconds"] / runs["cold"]["seconds"], 3)
        document["peak_memory_mb"] = round(max(run["peak_memory_mb"] for run in runs.values()), 1)
        document["processes_from_bytecode"] = figures["from_bytecode"]
        rounds = figures["rounds"]
        document["rounds"] = [{"floor_seconds": round(round_["floor"], 4),
                               **{name: round(round_[name]["seconds"], 4) for name in RUNS}} for round_ in rounds]
        document["paired"] = _rounded(_paired(rounds))
        if "against_claims" in figures:
            scaling = _scaling_rounds(rounds)
            document["scaling"] = {"against_claims": figures["against_claims"],
                                   "rounds": [{key: round(value, 4) for key, value in round_.items()}
                                              for round_ in scaling],
                                   **_rounded(_scaled(scaling))}
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _scaling_rounds(rounds: list[dict]) -> list[dict]:
    """Each round's floor and cold check of the smaller corpus, and of this one just after."""
    return [{"against_floor": round_["against_floor"], "against_cold": round_["against_cold"],
             "corpus_floor": round_["floor"], "corpus_cold": round_["cold"]["seconds"]} for round_ in rounds]


def _scaled(scaling: list[dict]) -> dict[str, dict[str, float]]:
    """How many times as long this corpus took as the smaller one, within each round: the cold check and
    the floor."""
    return _spreads({name: [round_[f"corpus_{name}"] / round_[f"against_{name}"] for round_ in scaling]
                     for name in ("cold", "floor")})


def _paired(rounds: list[dict]) -> dict[str, dict[str, float]]:
    """The ratios taken within each round (the floor and the checks of one round ran minutes apart at
    most)."""
    ratios = {"ratio_cold_to_floor": [round_["cold"]["seconds"] / round_["floor"] for round_ in rounds]}
    for edit in _AFTER_COLD:
        ratios[f"{edit}_share_of_cold"] = [round_[edit]["seconds"] / round_["cold"]["seconds"] for round_ in rounds]
    return _spreads(ratios)


def _spreads(ratios: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Each list of ratios as its median, lowest and highest."""
    return {name: {"median": statistics.median(values), "low": min(values), "high": max(values)}
            for name, values in ratios.items()}


def _rounded(spreads: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {name: {key: round(value, 3) for key, value in spread.items()} for name, spread in spreads.items()}


_EDITS = {"edited": "after editing a quote", "edited_value": "after editing a value"}   # runs after one edit
_NEXT_DAY = {"next_day": "a day later (--as-of)"}   # the first check of a new day: nothing else changed
_AFTER_COLD = {**_EDITS, **_NEXT_DAY}   # the runs given as a share of the cold check


def as_table(summary: dict, figures: dict) -> str:
    claims = figures["claims"]
    share = summary["conflicting_groups"] / summary["groups"] if summary["groups"] else 0.0
    lines = [f"factcheck bench: {claims:,} claims in {summary['files']:,} files ({summary['bytes'] / 1e6:.1f} MB), "
             f"{summary['entities']:,} entities, {summary['groups']:,} subject/predicate groups, "
             f"{share:.1%} in conflict (seed {summary['seed']})",
             "",
             f"{'phase (one process, no cache)':<34}{'seconds':>10}{'claims/s':>14}"]
    for name in PHASES:
        seconds = figures["phases"][name]
        lines.append(f"  {name:<32}{seconds:>10.3f}{_rate(claims, seconds):>14,}")
    lines.append(f"  {'total':<32}{figures['total_seconds']:>10.3f}{_rate(claims, figures['total_seconds']):>14,}")
    floor = figures["floor_seconds"]
    lines += ["", f"{'floor: PyYAML CSafeLoader load':<34}{floor:>10.3f}{_rate(claims, floor):>14,}"]
    runs = figures.get("runs")
    if runs:
        lines += ["", f"{'factcheck check, whole process':<34}{'seconds':>10}{'peak MB':>14}"]
        labels = {"cold": "cold (empty cache)", "warm": "warm (nothing changed)", **_AFTER_COLD,
                  "no_cache": "--no-cache"}
        for name, label in labels.items():
            run = runs[name]
            lines.append(f"  {label:<32}{run['seconds']:>10.3f}{run['peak_memory_mb']:>14,.0f}")
        cold = runs["cold"]["seconds"]
        paired = _paired(figures["rounds"])
        within = f"within each of {len(figures['rounds'])} round(s)"
        lines += ["", f"cold check / floor: {cold / floor:.2f} (target <= 1.0); {within}: "
                      f"{_described(paired['ratio_cold_to_floor'], '.2f')}"]
        lines += [f"{label} / cold: {runs[run]['seconds'] / cold:.1%}{' (target <= 10%)' if run in _EDITS else ''}"
                  f"; {within}: {_described(paired[f'{run}_share_of_cold'], '.1%')}"
                  for run, label in _AFTER_COLD.items()]
        lines += [f"peak memory: {max(run['peak_memory_mb'] for run in runs.values()):,.0f} MB (maximum resident "
                  "set of the check process)"]
        if "against_claims" in figures:
            scaled = _scaled(_scaling_rounds(figures["rounds"]))
            against = figures["against_claims"]
            lines += [f"{claims:,} claims against {against:,} ({claims / against:g} times as many), {within}: "
                      f"the cold check took {_described(scaled['cold'], '.2f')} times as long, the floor "
                      f"{_described(scaled['floor'], '.2f')}"]
        if not figures["from_bytecode"]:
            lines += ["note: factcheck's bytecode could not be written (a read-only install?): each process "
                      "above compiled its modules from source first, about 0.1 s"]
    return "\n".join(lines) + "\n"


def _described(spread: dict[str, float], form: str) -> str:
    if spread["low"] == spread["high"]:
        return format(spread["median"], form)
    return f"median {spread['median']:{form}} ({spread['low']:{form}}-{spread['high']:{form}})"


def _rate(claims: int, seconds: float) -> int:
    return int(claims / seconds) if seconds > 0 else 0
