"""Checking again after an edit gives exactly the findings of a full check, and does less work.

The property test applies random edits (values, quotes, outlets, spellings, files added
and deleted) to a project and, after each, compares the re-check that starts from the
last state with a full check without the cache, report for report.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import batch, corpus as corpus_module, incremental, project as project_module, state as state_module
from factcheck.config import load_settings
from factcheck.bench.generate import generate
from factcheck.kinds import KINDS
from factcheck.kinds import independence
from factcheck.kinds.independence import _compute, updated
from factcheck.project import check_paths, open_project
from factcheck.reporters import REPORTERS, json_report
from factcheck.text import fold

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def own_secret(tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setenv("FACTCHECK_SECRET_FILE", str(tmp_path_factory.mktemp("secret") / "secret"))


def _report(root: Path, *, use_cache: bool, as_of: date = AS_OF) -> str:
    settings_, report = check_paths(start=root, as_of=as_of, use_baseline=False, use_cache=use_cache)
    return REPORTERS["json"].render(report, color=False, root=root)


def _claims_files(root: Path) -> list[Path]:
    return sorted(path for path in (root / "claims").glob("*.yaml") if path.name != "entities.yaml")


# --- edits: each changes one file's text the way a person might -----------------------------------------

def _edit_value(path: Path, other: Path, number: int) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(value: (?:\{[^}\n]*)?)(\d{4})", lambda m: f"{m.group(1)}{int(m.group(2)) + 1 + number % 3}",
                  text, count=1)
    path.write_text(text, encoding="utf-8")


def _edit_quote(path: Path, other: Path, number: int) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('quote: "', f'quote: "words added {number} ', 1), encoding="utf-8")


def _copy_quote(path: Path, other: Path, number: int) -> None:
    """A quote reproduced from another article: the two become one source."""
    quotes = re.findall(r'quote: (".*")', other.read_text(encoding="utf-8"))
    if quotes:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'quote: ".*"', lambda m: "quote: " + quotes[number % len(quotes)], text, count=1),
                        encoding="utf-8")


def _cut_quote(path: Path, other: Path, number: int) -> None:
    """Words removed from a quote: what tied two articles may be gone."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'quote: "(\S+ ){1,4}', 'quote: "', text, count=1 + number % 3), encoding="utf-8")


def _copy_outlet(path: Path, other: Path, number: int) -> None:
    outlet = re.search(r"^  outlet: .*$", other.read_text(encoding="utf-8"), re.M)
    if outlet:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^  outlet: .*$", lambda m: outlet.group(0), text, count=1, flags=re.M),
                        encoding="utf-8")


def _misspell(path: Path, other: Path, number: int) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"names: \[(\w)(\w)", r"names: [\1\2e", text, count=1), encoding="utf-8")


def _delete(path: Path, other: Path, number: int) -> None:
    path.unlink()


def _add(path: Path, other: Path, number: int) -> None:
    """A new article: a copy of one with its own ids (and so its own source)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(- id: )(\S+)", lambda m: f"{m.group(1)}n{number}-{m.group(2)}", text)
    text = re.sub(r"^(  id: )(\S+)", lambda m: f"{m.group(1)}n{number}-{m.group(2)}", text, flags=re.M)
    path.with_name(f"new-{number}-{path.name}").write_text(text, encoding="utf-8")


EDITS = [_edit_value, _edit_quote, _copy_quote, _cut_quote, _copy_outlet, _misspell, _delete, _add]


def _apply(root: Path, steps) -> None:
    for edit, first, second, number in steps:
        files = _claims_files(root)
        if len(files) < 2:
            return
        EDITS[edit](files[first % len(files)], files[second % len(files)], number)


_STEPS = st.lists(st.tuples(st.integers(0, len(EDITS) - 1), st.integers(0, 10_000), st.integers(0, 10_000),
                            st.integers(0, 99)), min_size=1, max_size=3)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "corpus"
    generate(root, claims=600, seed=3)
    return root


# reference dates around the plans of both corpora: a plan becomes overdue, or is not yet, from one to the next
_DATES = st.sampled_from([AS_OF, date(2024, 12, 1), date(2025, 9, 1), date(2026, 3, 1), date(2027, 6, 1),
                          date(2031, 1, 1)])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(_STEPS | st.just([]), _DATES), min_size=1, max_size=3), bundled=st.booleans())
def test_a_recheck_after_any_edits_reports_what_a_full_check_does(tmp_path_factory, generated, bundled_copy, steps,
                                                                   bundled):
    """Edits, and another reference date (`--as-of`, the next day's check), or both."""
    root = tmp_path_factory.mktemp("edited") / "project"
    if bundled:
        bundled_copy(root)
    else:
        shutil.copytree(generated, root)
    _report(root, use_cache=True)   # leaves the state the re-checks start from
    for round_of_edits, as_of in steps:
        _apply(root, round_of_edits)
        assert _report(root, use_cache=True, as_of=as_of) == _report(root, use_cache=False, as_of=as_of)


def _spy(monkeypatch) -> list:
    results = []
    original = incremental.recheck

    def recheck(*args, **kwargs):
        results.append(original(*args, **kwargs))
        return results[-1]

    monkeypatch.setattr(project_module.incremental, "recheck", recheck)
    return results


@pytest.mark.parametrize("edit", [_edit_value, _edit_quote, _copy_quote, _misspell, _add, _delete])
def test_common_edits_are_rechecked_without_a_full_check(tmp_path: Path, bundled_copy, monkeypatch, edit):
    root = bundled_copy(tmp_path / "project")
    _report(root, use_cache=True)
    results = _spy(monkeypatch)
    files = _claims_files(root)
    edit(files[1], files[3], 7)
    again = _report(root, use_cache=True)
    assert results and results[-1] is not None, "the re-check fell back to a full check"
    assert again == _report(root, use_cache=False)


def test_a_recheck_writes_the_findings_it_did_not_find_again_from_their_kept_texts(tmp_path: Path, bundled_copy,
                                                                                   monkeypatch):
    """The state keeps each finding's JSON text: the findings a re-check carries over are not encoded again."""
    root = bundled_copy(tmp_path / "project")
    _report(root, use_cache=True)
    files = _claims_files(root)
    _edit_quote(files[1], files[3], 7)
    encoded: list = []
    original = json_report._finding_texts
    monkeypatch.setattr(json_report, "_finding_texts", lambda found, newline: encoded.extend(found) or
                        original(found, newline))
    results = _spy(monkeypatch)
    again = _report(root, use_cache=True)
    assert results[-1] is not None
    _, findings, _, _ = results[-1]
    assert len(findings) > 5 and len(encoded) < len(findings) / 2
    assert again == _report(root, use_cache=False)

def _reuse_claim_id(path: Path, other: Path) -> None:
    claim_id = re.search(r"- id: (\S+)", other.read_text(encoding="utf-8")).group(1)
    path.write_text(re.sub(r"- id: \S+", f"- id: {claim_id}", path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")


def _reuse_source_id(path: Path, other: Path) -> None:
    for changed in (other, path):   # the other article's id written out, then given to this one too
        changed.write_text(changed.read_text(encoding="utf-8").replace("source:\n", "source:\n  id: one-source\n", 1),
                           encoding="utf-8")


@pytest.mark.parametrize("edit", [_reuse_claim_id, _reuse_source_id])
def test_an_edit_that_uses_an_id_twice_is_left_to_the_full_check_which_reports_it(tmp_path: Path, bundled_copy,
                                                                                 monkeypatch, edit):
    root = bundled_copy(tmp_path / "project")
    _report(root, use_cache=True)
    results = _spy(monkeypatch)
    files = _claims_files(root)
    edit(files[1], files[3])
    again = _report(root, use_cache=True)
    assert results == [None]
    assert again == _report(root, use_cache=False)
    assert json.loads(again)["errors"]   # the id used twice, where the full check found it


def _summary(source: str, *claim_ids: str) -> state_module.FileSummary:
    return state_module.FileSummary(key=b"k", source=source, claims="\n".join(claim_ids), subjects="", entities="",
                                    unregistered="", plans="", drafts=False, independence=b"")


def test_ids_are_looked_for_twice_only_when_an_edit_changed_a_files_ids():
    """The state's files had no id twice (a check with a problem keeps no state): an edit that keeps each
    changed file's claim ids and source cannot make one repeat, and is not looked at; any other can."""
    before = {"a.yaml": _summary("a", "a-1", "a-2"), "b.yaml": _summary("b", "b-1")}
    quote_edited = {**before, "a.yaml": _summary("a", "a-1", "a-2")}
    assert incremental._unique(quote_edited, before, ["a.yaml"])
    for after in ({**before, "a.yaml": _summary("a", "a-1", "b-1")}, {**before, "a.yaml": _summary("b", "a-1")},
                  {**before, "c.yaml": _summary("c", "a-2")}, {**before, "c.yaml": _summary("a", "c-1")}):
        changed = ["c.yaml"] if "c.yaml" in after else ["a.yaml"]
        assert not incremental._unique(after, before, changed)
    assert incremental._unique({**before, "a.yaml": _summary("a", "a-1", "a-3")}, before, ["a.yaml"])


def test_nothing_changed_reuses_every_finding_and_other_inputs_start_over(tmp_path: Path, bundled_copy, monkeypatch):
    root = bundled_copy(tmp_path / "project")
    first = _report(root, use_cache=True)
    results = _spy(monkeypatch)
    assert _report(root, use_cache=True) == first and results[-1] is not None
    rule = root / "rules" / "plan-overdue.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: warning", "severity: error"),
                    encoding="utf-8")
    changed = _report(root, use_cache=True)
    assert results[-1] is None and changed == _report(root, use_cache=False)


def _settled_at_once(monkeypatch) -> None:
    """Every file counts as settled (as it will be two seconds after it was written)."""
    monkeypatch.setattr(state_module, "settled_before", lambda: time.time_ns() + 10**12)
    monkeypatch.setattr(incremental, "settled_before", state_module.settled_before)
    monkeypatch.setattr(corpus_module, "settled_before", state_module.settled_before)


def _reading(monkeypatch) -> list[str]:
    read: list[str] = []
    original = batch.read_bytes
    monkeypatch.setattr(batch, "read_bytes", lambda path: read.append(Path(path).name) or original(path))
    return read


def test_a_settled_file_whose_status_is_unchanged_is_not_read_again(tmp_path: Path, bundled_copy, monkeypatch):
    root = bundled_copy(tmp_path / "project")
    _settled_at_once(monkeypatch)
    expected = _report(root, use_cache=True)
    claims_files = {path.name for path in _claims_files(root)}
    read = _reading(monkeypatch)
    assert _report(root, use_cache=True) == expected and not claims_files & set(read)
    edited = _claims_files(root)[1]
    _edit_quote(edited, edited, 3)
    again = _report(root, use_cache=True)
    assert claims_files & set(read) == {edited.name}
    assert again == _report(root, use_cache=False)


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path: Path, bundled_copy, monkeypatch):
    """The status holds the change time too, which no one can set back."""
    root = bundled_copy(tmp_path / "project")
    _settled_at_once(monkeypatch)
    _report(root, use_cache=True)
    path = next(path for path in _claims_files(root) if re.search(r"value: 20\d\d\b", path.read_text("utf-8")))
    before = path.stat()
    time.sleep(0.05)   # past the file system's clock tick
    path.write_text(re.sub(r"value: 20(\d)(\d)\b", lambda m: f"value: 20{m[1]}{(int(m[2]) + 1) % 10}",
                           path.read_text("utf-8"), count=1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    read = _reading(monkeypatch)
    again = _report(root, use_cache=True)
    assert path.name in read
    assert again == _report(root, use_cache=False)


def test_a_file_changed_just_before_a_check_keeps_no_status(tmp_path: Path, bundled_copy):
    """It is read again next time: an edit in the same clock tick as the check must not be missed."""
    root = bundled_copy(tmp_path / "project")   # every file written just now
    _report(root, use_cache=True)
    from factcheck.cache import Cache
    from factcheck.state import load_state
    loaded = load_state(Cache(root / ".factcheck-cache"), "", incremental.inputs_digest(load_settings(root), None))
    assert loaded is not None and all(summary.status is None for summary in loaded.files.values())


def test_an_edit_of_one_claim_makes_only_its_subject_dirty(tmp_path: Path, generated, monkeypatch):
    """Not every subject of its file: claims the edit left as they were keep their findings."""
    root = tmp_path / "project"
    shutil.copytree(generated, root)
    _report(root, use_cache=True)
    year = re.compile(r"(value: (?:\{[^}\n]*)?)(\d{4})\b")
    path = next(path for path in _claims_files(root)
                if len(set(re.findall(r"subject: (\S+)", path.read_text("utf-8")))) > 3
                and year.search(path.read_text("utf-8")))
    head, *claims = path.read_text(encoding="utf-8").split("\n  - ")
    index = next(number for number, claim in enumerate(claims) if year.search(claim))
    edited_subject = re.search(r"subject: (\S+)", claims[index]).group(1)
    claims[index] = year.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 1}", claims[index], count=1)
    path.write_text("\n  - ".join([head, *claims]), encoding="utf-8")   # one claim's year, one later
    dirty: list[set] = []
    original = incremental._Edit.read_changed

    def spy(self, changed, removed):
        result = original(self, changed, removed)
        dirty.append(set(self.dirty_subjects))
        return result

    monkeypatch.setattr(incremental._Edit, "read_changed", spy)
    again = _report(root, use_cache=True)
    assert dirty == [{edited_subject}]
    assert again == _report(root, use_cache=False)


def _edit_claim_quote(path: Path, claim_id: str) -> None:
    head, *claims = path.read_text(encoding="utf-8").split("\n  - ")
    index = next(number for number, claim in enumerate(claims) if re.match(rf"id: {re.escape(claim_id)}\n", claim))
    claims[index] = claims[index].replace('quote: "', 'quote: "Indeed, ', 1)
    path.write_text("\n  - ".join([head, *claims]), encoding="utf-8")


def test_name_variants_are_looked_for_again_only_when_an_edit_can_change_them(tmp_path: Path, bundled_copy,
                                                                                monkeypatch):
    root = bundled_copy(tmp_path / "project")   # it has a variant: "Alousseni Sanou"
    _report(root, use_cache=True)
    from factcheck.cache import Cache
    from factcheck.state import load_state
    state = load_state(Cache(root / ".factcheck-cache"), "", incremental.inputs_digest(load_settings(root), None))
    close = state.memos["name-variants"]["close"]
    registry = open_project(start=root, use_cache=False).corpus.registry
    claims = [claim for claim in open_project(start=root, use_cache=False).corpus.claims
              if claim.file in state.reads["name-variants"] and claim.quote]
    unrelated = next(claim for claim in claims if claim.subject not in close and all(
        registry.resolve(name) is not None and registry.resolve(name).id not in close for name in claim.names))
    using = next(claim for claim in claims if any(registry.resolve(name) is None for name in claim.names))
    ran: list[str] = []
    original = incremental.run_rule
    monkeypatch.setattr(incremental, "run_rule", lambda rule, *args: ran.append(rule.kind) or original(rule, *args))
    for claim, expected in ((unrelated, False), (using, True)):
        ran.clear()
        _edit_claim_quote(root / claim.file, claim.id)
        again = _report(root, use_cache=True)
        assert ("names" in ran) is expected, claim.id
        assert again == _report(root, use_cache=False)


def test_after_an_edit_only_a_delta_is_written_and_a_delta_of_another_base_is_ignored(tmp_path: Path, generated):
    root = tmp_path / "project"
    shutil.copytree(generated, root)
    _report(root, use_cache=True)
    (base,) = (root / ".factcheck-cache" / "state").glob("*.state")
    written = base.stat().st_mtime_ns, base.read_bytes()
    files = _claims_files(root)
    for number, path in enumerate(files[:3]):
        _edit_quote(path, path, number)
        assert _report(root, use_cache=True) == _report(root, use_cache=False)
        assert (base.stat().st_mtime_ns, base.read_bytes()) == written   # the base is left as it was
        assert base.with_suffix(".delta").exists()
    (root / "rules" / "plan-overdue.yaml").write_text(
        (root / "rules" / "plan-overdue.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _report(root, use_cache=True)   # other inputs: a full check, and a new base
    assert not base.with_suffix(".delta").exists() and base.read_bytes() != written[1]
    # a delta made against another base (here, one that drops every file) is not applied
    from factcheck.cache import Cache
    from factcheck.state import _key, load_state
    from factcheck.state_delta import Delta
    cache = Cache(root / ".factcheck-cache")
    inputs = incremental.inputs_digest(load_settings(root), None)
    loaded = load_state(cache, "", inputs)
    emptied = Delta(files={}, removed_files=list(loaded.files), findings={}, reads={}, memos={},
                    rules=list(loaded.findings))
    base.with_suffix(".delta").write_bytes(cache.seal(_key(""), (b"another base id!", emptied)))
    assert load_state(cache, "", inputs).files == loaded.files
    base.with_suffix(".delta").write_bytes(cache.seal(_key(""), (loaded.origin[0], emptied)))
    assert load_state(cache, "", inputs).files == {}   # the same delta, made against this base, is


def test_a_check_on_another_day_runs_again_only_the_rules_that_read_the_date_over_the_plans_it_moved(
        tmp_path: Path, bundled_copy, monkeypatch):
    """The first check of a new day (another `--as-of`) starts from the last state, runs plan-overdue again
    over the subjects of the plans overdue on one of the two dates only, and reports what a full check on
    that day does."""
    root = bundled_copy(tmp_path / "project")
    _report(root, use_cache=True, as_of=date(2026, 3, 1))
    results = _spy(monkeypatch)
    ran: list[tuple[str, set[str]]] = []   # each rule run again, and the subjects of the claims it ran over
    original = incremental.run_rule
    monkeypatch.setattr(incremental, "run_rule", lambda rule, corpus, context: ran.append(
        (rule.id, {claim.subject for claim in corpus.claims})) or original(rule, corpus, context))
    claims = open_project(start=root, use_cache=False).corpus.claims
    planned = {claim.subject for claim in claims if claim.modality in ("planned", "expected")}
    reports, subjects_ran = [], []
    for as_of in (date(2031, 1, 1), date(2031, 1, 2), date(2026, 3, 1), date(2026, 3, 1), date(2024, 11, 15)):
        del ran[:]
        reports.append(_report(root, use_cache=True, as_of=as_of))
        assert results[-1] is not None and reports[-1] == _report(root, use_cache=False, as_of=as_of)
        assert {rule for rule, subjects in ran if subjects} <= {"plan-overdue"}
        subjects_ran.append(set().union(*(subjects for _, subjects in ran)))
    assert reports[0] != reports[2] == reports[3] != reports[4]
    # 2027-12-31 (the lithium unit "by 2027") lies between March 2026 and 2031, no plan's date between January 1
    # and 2, 2031, and November 30, 2024 (two plans for "next month") between November 15, 2024 and March 2026
    assert subjects_ran == [{"bougoula-lithium-unit"}, set(), {"bougoula-lithium-unit"}, set(),
                            {"russian-geological-exploration-in-mali", "first-group-of-russian-specialists"}]
    assert len(planned) > 3   # plans without a date that can pass are never run again for the date


def test_a_recheck_that_reads_many_files_shows_progress_as_the_full_check_does(tmp_path: Path, bundled_copy,
                                                                               monkeypatch):
    """A day later, the subjects of the plans that became overdue may be in many files, each read back from
    the cache: on a terminal, the bar the full check shows while reading, counting every file; none when
    not asked for."""
    root = bundled_copy(tmp_path / "project")
    check_paths(start=root, as_of=AS_OF, use_baseline=False)
    bars = []

    class Recorded(incremental.Progress):
        def __init__(self, label, total, *, enabled=None, **kwargs):
            super().__init__(label, total, enabled=enabled, **kwargs)
            self.asked, self.files = enabled, total   # on a terminal (None), or not at all (False)
            bars.append(self)

    monkeypatch.setattr(incremental, "Progress", Recorded)
    results = _spy(monkeypatch)
    for day, progress in ((date(2031, 1, 1), True), (date(2024, 11, 15), False)):   # each moves a plan
        del bars[:]
        check_paths(start=root, as_of=day, use_baseline=False, progress=progress)
        assert results[-1] is not None   # a re-check
        assert all(bar.label == "reading claims files" and bar.done == bar.files for bar in bars)
        assert sum(bar.files for bar in bars) >= 1   # the files about the subjects of the plans moved
        assert {bar.asked for bar in bars} == ({None} if progress else {False})


def test_a_delta_carries_the_reference_date_of_its_state():
    from dataclasses import replace

    from factcheck.state import State
    from factcheck.state_delta import apply, diff

    base = State(inputs=b"i", files={"claims/a.yaml": _summary("a", "a-1")}, findings={"rule": []},
                 as_of=date(2026, 3, 1))
    later = replace(base, as_of=date(2031, 1, 1))
    assert apply(base, diff(base, later)) == later


def test_every_kind_that_reads_the_reference_date_says_so():
    """A re-check on another date runs again only the rules whose kind has `reads_as_of`, over the subjects
    its `changes_between` names: a kind that read `context.as_of` without them would keep findings made for
    another date."""
    kinds = {Path(module.__file__).name: module for module in KINDS.values()}
    for path in (REPO / "factcheck" / "kinds").glob("*.py"):
        if path.name != "base.py" and "as_of" in path.read_text(encoding="utf-8"):
            assert hasattr(kinds.get(path.name), "reads_as_of"), path.name
    for module in KINDS.values():
        assert hasattr(module, "reads_as_of") == hasattr(module, "changes_between"), module.__name__


def test_the_baseline_command_and_the_api_start_from_the_last_check_too(tmp_path: Path, bundled_copy, monkeypatch):
    from factcheck import check
    from factcheck.cli import main

    root = bundled_copy(tmp_path / "project")
    monkeypatch.chdir(root)
    assert main(["check", "--as-of", "2026-11-23", "--no-baseline", "--format", "json",
                 "--output", str(tmp_path / "report.json")]) == 1
    results = _spy(monkeypatch)
    assert main(["baseline", "--as-of", "2026-11-23", "--reason", "reviewed"]) == 0
    expected = {finding["fingerprint"] for finding in json.loads((tmp_path / "report.json").read_text())["findings"]}
    assert set(re.findall(r"fingerprint: (\w+)", (root / "factcheck-baseline.yaml").read_text("utf-8"))) == expected
    assert results[-1] is not None
    assert {finding.fingerprint for finding in check(root, as_of=AS_OF)} == expected
    assert results[-1] is not None


def test_a_corrupt_or_foreign_state_is_ignored(tmp_path: Path, bundled_copy, monkeypatch):
    root = bundled_copy(tmp_path / "project")
    expected = _report(root, use_cache=True)
    (state,) = (root / ".factcheck-cache" / "state").glob("*.state")
    state.write_bytes(state.read_bytes()[:-100] + b"x" * 100)
    results = _spy(monkeypatch)
    assert _report(root, use_cache=True) == expected and results[-1] is None
    monkeypatch.setenv("FACTCHECK_SECRET_FILE", str(tmp_path / "another-secret"))
    assert _report(root, use_cache=True) == expected and results[-1] is None


@pytest.mark.parametrize("damage", [b"", b"short", None])
def test_an_empty_short_or_unreadable_state_is_ignored(tmp_path: Path, bundled_copy, monkeypatch, damage):
    """A state is read where it lies (mapped): an empty file cannot be mapped, a short one has no MAC, a
    folder where the file was cannot be opened; each means a full check."""
    root = bundled_copy(tmp_path / "project")
    expected = _report(root, use_cache=True)
    (state,) = (root / ".factcheck-cache" / "state").glob("*.state")
    state.unlink()
    if damage is None:
        state.mkdir()
    else:
        state.write_bytes(damage)
    results = _spy(monkeypatch)
    assert _report(root, use_cache=True) == expected and results[-1] is None


def test_a_problem_in_an_edited_file_is_reported_as_a_full_check_reports_it(tmp_path: Path, bundled_copy):
    root = bundled_copy(tmp_path / "project")
    _report(root, use_cache=True)
    path = _claims_files(root)[0]
    path.write_text(re.sub(r"predicate: \S+", "predicate: no-such-predicate", path.read_text(encoding="utf-8"),
                           count=1), encoding="utf-8")
    assert '"errors": []' not in _report(root, use_cache=True)
    assert _report(root, use_cache=True) == _report(root, use_cache=False)


def test_every_subject_scope_finding_involves_only_claims_of_its_subject(generated):
    """What lets a subject-scope rule run over the dirty subjects alone."""
    for root in (REPO, generated):
        project = open_project(start=root, use_cache=False)
        _, report = check_paths(start=root, as_of=AS_OF, use_baseline=False, use_cache=False)
        subject_of = {claim.id: claim.subject for claim in project.corpus.claims}
        for finding in report.findings:
            if getattr(KINDS[finding.kind], "SCOPE", "corpus") == "subject":
                assert {subject_of[ref.id] for ref in finding.claims} == {finding.subject}, finding.rule


# --- independence, updated in place ---------------------------------------------------------------------

class _Claim:
    def __init__(self, source: str, outlet: str | None, quote: str):
        self.source = type("Source", (), {"id": source, "outlet": outlet})()
        self.quote = quote


def _groups(claims, words=4):
    return _compute(claims, words).groups


def test_independence_updates_merges_and_refuses_a_possible_split():
    claims = [_Claim("a", None, "one two three four five"), _Claim("b", None, "two three four five six"),
              _Claim("c", None, "seven eight nine ten eleven"), _Claim("d", "Daily", "twelve thirteen")]
    old = _compute(claims, 4)
    assert old.groups == {"a": "a", "b": "a", "c": "c", "d": "d"}
    # c now quotes a: c joins a and b
    new_c = ["seven eight nine ten eleven", "one two three four"]
    result = updated(old, 4, {"c": (new_c, None)})
    assert result is not None
    groups, moved = result[0].groups, result[1]
    expected = _groups(claims[:3] + [_Claim("c", None, q) for q in new_c] + claims[3:])
    assert groups == expected and moved == {"a", "b", "c"}
    # b loses the words that tied it to a: the group may split, so the caller starts over
    assert updated(old, 4, {"b": (["six seven"], None)}) is None
    # a new article of d's outlet joins d
    grown, moved = updated(old, 4, {"e": (["unrelated words only here"], "daily")})
    assert grown.groups["e"] == "d" and moved == {"d", "e"}


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from([None, "x", "y"]),
                          st.lists(st.sampled_from("w1 w2 w3 w4 w5".split()), min_size=0, max_size=7)),
                min_size=1, max_size=12),
       st.sampled_from("abcdefg"), st.lists(st.sampled_from("w1 w2 w3 w4 w5".split()), max_size=7))
def test_an_updated_independence_groups_as_a_full_computation_does(rows, edited, new_words):
    outlets: dict = {}
    claims = []
    for source, outlet, words in rows:
        outlet = outlets.setdefault(source, outlet)   # one outlet per article
        claims.append(_Claim(source, outlet, " ".join(words)))
    old = _compute(claims, 3)
    kept = [claim for claim in claims if claim.source.id != edited]
    outlet = outlets.get(edited)
    new = kept + [_Claim(edited, outlet, " ".join(new_words))]
    quotes = [" ".join(new_words)] if new_words else []
    result = updated(old, 3, {edited: (quotes, fold(outlet) if outlet else None)})
    if result is not None:
        assert result[0].groups == _compute(new, 3).groups


def _pairwise_groups(claims, words: int) -> dict[str, str]:
    """The definition, the slow way: two articles are one when they share an outlet or a run of words."""
    runs: dict[str, set] = {}
    outlets: dict[str, str] = {}
    for claim in claims:
        runs.setdefault(claim.source.id, set())
        if claim.source.outlet:
            outlets[claim.source.id] = fold(claim.source.outlet)
        tokens = fold(claim.quote).split()
        runs[claim.source.id].update(tuple(tokens[at:at + words]) for at in range(len(tokens) - words + 1))
    group = {source: source for source in runs}
    changed = True
    while changed:
        changed = False
        for a in runs:
            for b in runs:
                joined = (a in outlets and outlets.get(b) == outlets[a]) or runs[a] & runs[b]
                if joined and group[a] != group[b]:
                    low = min(group[a], group[b])
                    for member in [m for m in group if group[m] in (group[a], group[b])]:
                        group[member] = low
                    changed = True
    return group


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from([None, "x", "y"]),
                          st.lists(st.sampled_from("w1 w2 w3 w4 w5".split()), min_size=0, max_size=7)),
                min_size=1, max_size=12),
       st.sampled_from([None, 0, 7]))
def test_runs_indexed_by_hash_group_as_the_definition_does_even_when_hashes_collide(rows, collide):
    """With `collide`, every run of words gets that one hash: the words themselves decide."""
    outlets: dict = {}
    claims = [_Claim(source, outlets.setdefault(source, outlet), " ".join(words)) for source, outlet, words in rows]
    with pytest.MonkeyPatch.context() as patch:
        if collide is not None:
            patch.setattr(independence, "hash", lambda run: collide, raising=False)
        assert _compute(claims, 3).groups == _pairwise_groups(claims, 3)


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from([None, "x", "y"]),
                          st.lists(st.sampled_from("w1 w2 w3 w4 w5".split()), min_size=0, max_size=7)),
                min_size=1, max_size=12),
       st.integers(1, 6), st.sampled_from([None, 0, 7]))
def test_runs_indexed_in_passes_group_as_in_one_pass_and_every_join_holds(rows, runs_per_pass, collide):
    """A large corpus is indexed a share of the hashes at a time: the groups are those of the definition,
    and each join the state keeps names words both articles have, or the outlet they share; also when
    every run has one hash (`collide`)."""
    outlets: dict = {}
    claims = [_Claim(source, outlets.setdefault(source, outlet), " ".join(words)) for source, outlet, words in rows]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(independence, "RUNS_PER_PASS", runs_per_pass)
        if collide is not None:
            patch.setattr(independence, "hash", lambda run: collide, raising=False)
        result = _compute(claims, 3)
    assert result.groups == _pairwise_groups(claims, 3)
    for a, edges in result.forest.items():
        for b, why in edges.items():
            kind, _, what = why.partition(": ")
            if kind == "outlet":
                assert result.outlets[a] == result.outlets[b] == what
            else:
                assert all(independence._holds(result.texts[side].split("\n"), what) for side in (a, b)), (what, a, b)


def test_an_article_moved_to_another_file_keeps_its_group(tmp_path: Path, bundled_copy, monkeypatch):
    """Its source id stays (it is written out), so the re-check sees one article leave a file and
    enter another, whichever file it takes first."""
    root = bundled_copy(tmp_path / "project")
    path = _claims_files(root)[2]
    path.write_text(path.read_text(encoding="utf-8").replace("source:\n", "source:\n  id: kept-source\n", 1),
                    encoding="utf-8")
    _report(root, use_cache=True)
    results = _spy(monkeypatch)
    for name in ("0000-first.yaml", "zzzz-last.yaml"):
        moved = path.with_name(name)
        path.rename(moved)
        path = moved
        assert _report(root, use_cache=True) == _report(root, use_cache=False)
        assert results[-1] is not None
