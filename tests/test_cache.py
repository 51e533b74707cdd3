"""The cache of loaded files: used when a file is unchanged, ignored and rewritten when it cannot be trusted."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from factcheck import batch, parallel
from factcheck.cache import Cache, _read_index
from factcheck.cli import main
from factcheck.project import check_project, open_project


AS_OF = date(2026, 11, 23)


@pytest.fixture
def project(tmp_path: Path, bundled_copy) -> Path:
    """A copy of the bundled project (claims, registry, rules, settings)."""
    return bundled_copy(tmp_path / "project")


@pytest.fixture(autouse=True)
def own_secret(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FACTCHECK_SECRET_FILE", str(tmp_path / "secret"))


def _report(root: Path, **options) -> str:
    from factcheck.reporters import REPORTERS

    project = open_project(start=root, **options)
    report = check_project(project, as_of=AS_OF, use_baseline=False)
    return REPORTERS["json"].render(report, color=False, root=root)


def _packs(root: Path) -> list[Path]:
    return sorted((root / ".factcheck-cache" / "packs").glob("*.pack"))


def _entries(root: Path) -> set[bytes]:
    """The keys of every entry in the cache's packs."""
    return {key for pack in _packs(root) for key, _, _ in _read_index(pack) or ()}


def _claims_files(root: Path) -> list[Path]:
    return sorted(path for path in (root / "claims").glob("*.yaml") if path.name != "entities.yaml")


def test_a_warm_run_reads_nothing_again_and_reports_the_same(project: Path):
    cold = _report(project)
    # each claims file, the vocabulary, and the units read
    assert len(_entries(project)) == len(_claims_files(project)) + 2
    packs = [(path, path.stat().st_mtime_ns) for path in _packs(project)]
    assert len(packs) == 1
    assert _report(project) == cold
    assert [(path, path.stat().st_mtime_ns) for path in _packs(project)] == packs   # nothing written again
    assert (project / ".factcheck-cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_editing_one_file_reads_only_that_file(project: Path, monkeypatch):
    _report(project)
    edited = _claims_files(project)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "# reviewed again\n", encoding="utf-8")
    read = []
    original = batch.read_one
    monkeypatch.setattr(batch, "read_one", lambda path, *args, **kwargs: read.append(path.name) or
                        original(path, *args, **kwargs))
    _report(project)
    assert read == [edited.name]


def test_a_corrupt_truncated_or_foreign_pack_is_ignored_and_rewritten(project: Path):
    cold = _report(project)
    pack = _packs(project)[0]
    keys = sorted(_entries(project))
    data = bytearray(pack.read_bytes())
    _, offset, length = max(_read_index(pack), key=lambda row: row[1])
    data[offset + length - 10] ^= 0xFF                                  # one byte of the last entry flipped
    pack.write_bytes(bytes(data))
    assert _report(project) == cold
    assert len(_packs(project)) == 2                                    # the damaged entry, written again
    for damage in (lambda b: b[:len(b) // 2], lambda b: b"not a pack at all", lambda b: b""):
        for path in _packs(project):
            path.write_bytes(damage(path.read_bytes()))                   # truncated, garbage, empty
        assert _report(project) == cold
        assert sorted(_entries(project)) == keys
    foreign = Cache(project / ".factcheck-cache", secret=b"x" * 32)      # entries signed with another secret
    for key in keys:
        foreign.put(key, {"evil": True})
    for path in _packs(project):
        path.unlink()
    foreign.flush()
    assert _report(project) == cold
    mine = Cache(project / ".factcheck-cache")
    assert all(mine.get(key) is not None for key in keys)               # trusted entries written again


def test_an_entry_is_bound_to_its_key(tmp_path: Path):
    cache = Cache(tmp_path / "cache", secret=b"s" * 32)
    blob = cache.seal(b"a" * 32, [1, 2, 3])
    assert cache.unseal(b"a" * 32, blob) == [1, 2, 3]
    assert cache.unseal(b"b" * 32, blob) is None   # moved under another key: not trusted


def test_a_file_written_sealed_unseals_as_seal_makes_it(tmp_path: Path):
    """`write_sealed` streams the pickle to disk (a state can be hundreds of MB), without a memo: the file
    unseals to the value under its key only, what it held twice comes back as two equal copies, and a
    changed byte makes it untrusted."""
    cache = Cache(tmp_path / "cache", secret=b"s" * 32)
    shared = ["held", "twice"]
    value = {"files": [f"claims/{n}.yaml" for n in range(20_000)], "big": b"x" * 300_000, "a": shared, "b": shared}
    cache.write_sealed(Path("states") / "one.state", b"a" * 32, value)
    written = (tmp_path / "cache" / "states" / "one.state").read_bytes()
    read = cache.unseal(b"a" * 32, written)
    assert read == value and read["a"] is not read["b"]
    assert cache.unseal(b"b" * 32, written) is None
    tampered = bytearray(written)
    tampered[len(tampered) // 2] ^= 1
    assert cache.unseal(b"a" * 32, bytes(tampered)) is None
    assert [path.name for path in (tmp_path / "cache" / "states").iterdir()] == ["one.state"]   # no temporary left


_UNPICKLED: list = []


def _record(what: str) -> None:
    _UNPICKLED.append(what)


class _Unpickled:
    """Records being unpickled: a value whose MAC is wrong must never be."""

    def __reduce__(self):
        return _record, ("unpickled",)


def test_an_entry_checked_in_a_thread_is_unpickled_only_once_its_mac_is_right(tmp_path: Path, monkeypatch):
    """`unsealing` computes the MAC while this thread goes on (a re-check reads its vocabulary meanwhile), and
    unpickles only what it signs; a changed byte or another key gives None without unpickling anything."""
    import threading

    cache = Cache(tmp_path / "cache", secret=b"s" * 32)
    blob = cache.seal(b"a" * 32, [_Unpickled(), "value"])
    order: list[str] = []
    go_on = threading.Event()
    mac = Cache._mac

    def waiting_mac(self, key, payload):
        go_on.wait(timeout=5)   # computed in this thread instead, it would wait here, before "meanwhile"
        order.append("mac")
        return mac(self, key, payload)

    monkeypatch.setattr(Cache, "_mac", waiting_mac)
    value = cache.unsealing(b"a" * 32, blob)
    order.append("meanwhile")
    go_on.set()
    assert value() == [None, "value"] and order == ["meanwhile", "mac"] and _UNPICKLED == ["unpickled"]
    tampered = bytearray(blob)
    tampered[-3] ^= 1
    for key, sealed in ((b"a" * 32, bytes(tampered)), (b"b" * 32, blob), (b"a" * 32, blob[:20])):
        assert cache.unsealing(key, sealed)() is None
    assert _UNPICKLED == ["unpickled"]


def test_packs_do_not_pile_up(project: Path):
    cold = _report(project)
    edited = _claims_files(project)[0]
    for round_ in range(12):
        edited.write_text(edited.read_text(encoding="utf-8") + f"# round {round_}\n", encoding="utf-8")
        assert _report(project) == cold
        assert len(_packs(project)) <= 9
    assert len(_entries(project)) <= 2 * (len(_claims_files(project)) + 1) + 9


def test_a_large_pack_still_used_is_not_copied_when_packs_are_merged(project: Path):
    """Copying it would cost the most and free the least; once most of it is stale, it is merged too."""
    cold = _report(project)
    (first,) = _packs(project)
    written = first.stat().st_mtime_ns
    edited = _claims_files(project)[0]
    for round_ in range(10):   # each round writes a small pack; the ninth pack makes a merge
        edited.write_text(edited.read_text(encoding="utf-8") + f"# round {round_}\n", encoding="utf-8")
        assert _report(project) == cold
    assert first.exists() and first.stat().st_mtime_ns == written and len(_packs(project)) < 9
    for round_ in range(10):   # now most of what the first pack holds is an earlier version
        for path in _claims_files(project)[:4]:
            path.write_text(path.read_text(encoding="utf-8") + f"# again {round_}\n", encoding="utf-8")
        assert _report(project) == cold
    assert not first.exists()


def test_a_file_with_problems_is_never_cached_and_always_reported(project: Path):
    bad = project / "claims" / "2030-01-01-bad.yaml"
    bad.write_text("source: {outlet: Daily}\nclaims:\n  - id: x1\n    subject: nobody-at-all\n"
                   "    predicate: status\n    value: open\n", encoding="utf-8")
    expected = [(p.file, p.line, p.column, p.message) for p in open_project(start=project, use_cache=False).problems]
    assert expected == [("claims/2030-01-01-bad.yaml", 4, 14, "unknown entity 'nobody-at-all'")]
    for _ in range(2):
        assert [(p.file, p.line, p.column, p.message) for p in open_project(start=project).problems] == expected
    # the clean files, the vocabulary and the units they use
    assert len(_entries(project)) == len(_claims_files(project)) + 1


def test_no_cache_writes_nothing_and_cache_dir_moves_it(project: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["check", "--as-of", "2026-11-23", "--no-cache", "--format", "json", "--output",
                 str(tmp_path / "a.json")]) == 1
    assert not (project / ".factcheck-cache").exists()
    assert main(["check", "--as-of", "2026-11-23", "--cache-dir", str(tmp_path / "elsewhere"), "--format",
                 "json", "--output", str(tmp_path / "b.json")]) == 1
    assert not (project / ".factcheck-cache").exists()
    assert any((tmp_path / "elsewhere").rglob("*"))
    (project / "factcheck.toml").write_text('claims = "claims"\nrules = "rules"\ncache-dir = "build/fc"\n',
                                            encoding="utf-8")
    assert main(["check", "--as-of", "2026-11-23", "--format", "json", "--output", str(tmp_path / "c.json")]) == 1
    assert any((project / "build" / "fc").rglob("*"))
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text() == (tmp_path / "c.json").read_text()


def test_changing_the_registry_or_the_ton_setting_invalidates_entries(project: Path):
    _report(project)
    before = set(_entries(project))
    registry = project / "claims" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n  extra-entity:\n    name: Extra\n    kind: other\n",
                        encoding="utf-8")
    _report(project)
    newest = {key for key, _, _ in _read_index(_packs(project)[-1])}
    # every entry made again under a new key, but the units, which do not depend on the registry
    assert len(newest) == len(before) - 1 and not before & newest
    (project / "factcheck.toml").write_text('claims = "claims"\nrules = "rules"\nton = "short"\n', encoding="utf-8")
    _report(project)
    latest = {key for key, _, _ in _read_index(_packs(project)[-1])}
    # every entry again under a new key, but the units, rewritten under theirs with the new `ton` added
    assert len(latest) == len(before) and len(latest & before) == 1 and not latest & newest


def test_two_checks_at_once_leave_a_sound_cache(project: Path, tmp_path: Path):
    command = [sys.executable, "-m", "factcheck", "check", "--as-of", "2026-11-23", "--format", "json"]
    environment = {**os.environ, "FACTCHECK_SECRET_FILE": str(tmp_path / "secret")}
    runs = [subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate()[0] for run in runs]
    after = subprocess.run(command, cwd=project, env=environment, capture_output=True)
    assert outputs[0] == outputs[1] == after.stdout
    assert json.loads(after.stdout)["summary"]["claims"] == 212
    assert not [path for path in (project / ".factcheck-cache").rglob(".tmp-*")]
    assert len(_entries(project)) == len(_claims_files(project)) + 2   # and the vocabulary, and the units


def test_reading_in_worker_processes_and_running_rules_in_parallel_change_nothing(project: Path, monkeypatch):
    alone = _report(project, use_cache=False)
    monkeypatch.setattr(batch, "PARALLEL_FILES", 1)
    monkeypatch.setattr(batch, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(batch, "CHUNK", 1)
    monkeypatch.setattr(parallel, "PARALLEL_CLAIMS", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    assert _report(project, use_cache=False) == alone
    assert _report(project) == alone      # fills the cache from the workers
    assert _report(project) == alone      # and reads it back


def test_reading_helpers_started_before_a_slow_vocabulary_change_nothing(project: Path, monkeypatch):
    """On a first run the reading helpers start before the vocabulary is loaded and parse files meanwhile:
    with a vocabulary that takes its time, the report is still the one a single process makes."""
    from factcheck import corpus

    alone = _report(project, use_cache=False)
    vocabulary_and_entry, loaded = corpus.vocabulary_and_entry, []

    def slow(*args, **kwargs):
        time.sleep(0.5)
        loaded.append(True)
        return vocabulary_and_entry(*args, **kwargs)

    monkeypatch.setattr(corpus, "vocabulary_and_entry", slow)
    monkeypatch.setattr(batch, "PARALLEL_FILES", 1)
    monkeypatch.setattr(batch, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(batch, "CHUNK", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    assert _report(project, use_cache=False) == alone
    assert _report(project) == alone      # a first run, with the cache
    assert _report(project) == alone      # read back from it
    assert len(loaded) == 3


@pytest.mark.parametrize("told_after", [0, 1, None])
@pytest.mark.parametrize("as_cached", [True, False])
def test_a_reading_helper_parses_at_most_its_share_before_the_vocabulary_then_reads_with_it(
        project: Path, monkeypatch, told_after, as_cached):
    """Told the vocabulary after `told_after` chunks (None: not before it has parsed its share and waits), as
    the cache entry just made of it or pickled, a helper reads every file as this process reads it."""
    from factcheck.config import load_settings
    from factcheck.corpus import load_vocabulary, shown_claims_files
    from factcheck.forked import Pieces

    (project / "claims" / "zz-archived-outside.yaml").write_text(   # a problem only with the project's root known
        "source:\n  title: Kept elsewhere\n  published: 2025-01-01\n  archive: ../../outside.html\nclaims: []\n",
        encoding="utf-8")
    settings = load_settings(project)
    loaded = load_vocabulary(settings, [])
    entry = Cache(project / ".factcheck-cache").seal(b"key", loaded) if as_cached else None
    vocabulary = replace(loaded, root=settings.root)
    files = shown_claims_files(settings)
    tasks = Pieces([[(index, str(path), shown)] for index, (path, shown) in enumerate(files)])   # a file a chunk
    share = 2
    monkeypatch.setattr(batch, "_SHARED", {"vocabulary": None, "cache": None, "settled": None, "fingerprint": b"",
                                           "tasks": tasks, "early_most": share})
    asked: list[tuple[bool, int]] = []   # (waiting, chunks taken) each time it asked

    def heard(wait: bool):
        asked.append((wait, tasks._taken.value))
        if wait or len(asked) > (told_after if told_after is not None else share):
            return batch._telling(vocabulary, entry)
        return None

    sent: list = []
    batch._work(sent.append, heard)
    taken_before = asked[-1][1]
    assert taken_before == (share if told_after is None else told_after + 1)
    assert asked[-1][0] is (told_after is None)   # it waited only once it had parsed its share
    reads = {index: pickle.loads(blob) for chunk in sent for index, _, _, blob, _ in chunk}   # no cache: pickled
    assert sorted(reads) == list(range(len(files))) and len(files) > 2 * share
    for index, (path, shown) in enumerate(files):
        assert reads[index] == batch.read_one(path, shown, vocabulary)
    assert any("outside.html" in problem.message for problem in reads[len(files) - 1].result.problems)


def test_a_users_mistake_met_in_a_reading_worker_is_reported_as_in_this_process(project: Path, monkeypatch,
                                                                                 capsys):
    """A mistake only a reading worker meets (here made to happen there alone) is reported with its file,
    line and column, exit status 2, as when this process meets it: not as a failure of factcheck's."""
    from factcheck.problems import InputError, Problem

    here, read_one = os.getpid(), batch.read_one

    def mistaken_there(path, display, vocabulary, **options):
        if os.getpid() != here:
            raise InputError([Problem(display, 7, 3, "a limit set wrong for this file", "set it right")])
        return read_one(path, display, vocabulary, **options)

    monkeypatch.setattr(batch, "read_one", mistaken_there)
    monkeypatch.setattr(batch, "PARALLEL_FILES", 1)
    monkeypatch.setattr(batch, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(batch, "CHUNK", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    monkeypatch.chdir(project)
    assert main(["check", "--no-cache", "--format", "json"]) == 2
    error = capsys.readouterr().err
    assert ":7:3" in error and "a limit set wrong for this file" in error and "Traceback" not in error


def test_a_rules_worker_sends_its_findings_as_their_json_texts(project: Path, monkeypatch):
    """When the state will keep the findings' JSON texts, a rules worker makes them for the findings it
    found, and those travel without their claims: this process neither encodes nor decodes them to write
    the JSON report, and the findings are those of one process."""
    from factcheck import engine
    from factcheck.findings import TEXT_KEPT
    from factcheck.reporters import REPORTERS
    from factcheck.state import kept_with_state

    loaded = open_project(start=project, use_cache=False)
    alone = engine.run(loaded.corpus, loaded.rules, as_of=AS_OF)
    monkeypatch.setattr(parallel, "PARALLEL_CLAIMS", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    here, run_rule = os.getpid(), engine.run_rule

    def slow_here(rule, corpus, context):
        if os.getpid() == here:
            time.sleep(0.05)   # so that the worker takes rules too
        return run_rule(rule, corpus, context)

    monkeypatch.setattr(engine, "run_rule", slow_here)
    together = engine.run(loaded.corpus, loaded.rules, as_of=AS_OF, prepare=kept_with_state)
    travelled = [finding for finding in together if "claims" not in finding.__dict__]
    assert travelled and all(TEXT_KEPT in finding.__dict__ for finding in travelled)
    report = check_project(loaded, as_of=AS_OF, use_baseline=False)
    written = REPORTERS["json"].render(replace(report, findings=tuple(together)), color=False, root=project)
    assert written == REPORTERS["json"].render(replace(report, findings=tuple(alone)), color=False, root=project)
    assert [finding for finding in together if "claims" not in finding.__dict__] == travelled   # none decoded
    assert together == alone


def test_a_first_run_reads_each_claims_file_once_in_the_process_that_parses_it(project: Path, monkeypatch,
                                                                               tmp_path: Path):
    """With nothing in the cache to look up, each claims file is read once, by whichever process parses
    it: this one or a worker (at 1M claims, reading them all here before any worker started took 5 s).
    Both kinds of process read some. The run after it finds every file in the cache."""
    alone = _report(project, use_cache=False)
    monkeypatch.setattr(batch, "PARALLEL_FILES", 1)
    monkeypatch.setattr(batch, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(batch, "CHUNK", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    log = tmp_path / "reads.log"
    claims_files = set(_claims_files(project))
    read_bytes, read_one = batch.read_bytes, batch.read_one

    def noted(what: str, path) -> None:
        if Path(path) in claims_files:
            with open(log, "a", encoding="utf-8") as handle:   # one short append a line: whole lines
                handle.write(f"{what} {os.getpid()} {path}\n")

    def watched_read(path):
        noted("read", path)
        return read_bytes(path)

    def watched_parse(path, *args, **kwargs):
        noted("parse", path)
        time.sleep(0.01)   # so that no process reads every file before the other starts
        return read_one(path, *args, **kwargs)

    monkeypatch.setattr(batch, "read_bytes", watched_read)
    monkeypatch.setattr(batch, "read_one", watched_parse)
    assert _report(project) == alone   # a first run
    lines = [line.split(" ", 2) for line in log.read_text(encoding="utf-8").splitlines()]
    reads = [(pid, path) for what, pid, path in lines if what == "read"]
    parses = [(pid, path) for what, pid, path in lines if what == "parse"]
    assert sorted(reads) == sorted(parses) and len(reads) == len(claims_files)
    assert {Path(path) for _, path in reads} == claims_files
    assert str(os.getpid()) in {pid for pid, _ in reads} and len({pid for pid, _ in reads}) == 2
    log.unlink()
    assert _report(project) == alone   # then every file is found in the cache: read here, parsed nowhere
    lines = [line.split(" ", 2) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines and all(what == "read" and pid == str(os.getpid()) for what, pid, _ in lines)


def test_a_rule_that_fails_in_a_worker_process_fails_the_check(project: Path, monkeypatch):
    """This process runs rules while a worker does: an error in the worker's rule is not lost."""
    from factcheck.kinds import KINDS

    here = os.getpid()

    def slow_here_broken_there(claims, params, context):
        if os.getpid() == here:
            time.sleep(0.1)   # so that the worker takes a rule too
            return iter(())
        raise RuntimeError("broken in a worker")

    for kind in set(KINDS.values()):
        monkeypatch.setattr(kind, "check", slow_here_broken_there)
    monkeypatch.setattr(parallel, "PARALLEL_CLAIMS", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    with pytest.raises(RuntimeError, match="broken in a worker"):
        _report(project, use_cache=False)


def test_entries_go_to_disk_as_they_are_made_and_the_pack_appears_whole_at_flush(tmp_path: Path):
    """A million claims' entries are not held in memory until the end; a reader never sees half a pack."""
    cache = Cache(tmp_path / "cache")
    keys = [cache.key(str(number).encode()) for number in range(3)]
    for number, key in enumerate(keys):
        cache.put(key, {"entry": number, "padding": "x" * 10_000})
    spooled = list((tmp_path / "cache" / "packs").glob(".tmp-*.part"))
    assert len(spooled) == 1 and spooled[0].stat().st_size > 30_000   # written already, under a temporary name
    assert not list((tmp_path / "cache" / "packs").glob("*.pack"))
    cache.flush()
    assert not list((tmp_path / "cache" / "packs").glob(".tmp-*.part"))
    again = Cache(tmp_path / "cache")
    assert [again.get(key)["entry"] for key in keys] == [0, 1, 2]


def test_a_cache_that_cannot_be_written_leaves_the_run_without_caching(tmp_path: Path, monkeypatch):
    cache = Cache(tmp_path / "cache")

    def refuse(*args, **kwargs):
        raise OSError("read-only file system")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    cache.put(cache.key(b"a"), {"entry": 1})
    cache.put(cache.key(b"b"), {"entry": 2})
    cache.flush()
    monkeypatch.undo()
    assert Cache(tmp_path / "cache").get(cache.key(b"a")) is None


def test_summaries_made_in_worker_processes_are_those_made_in_this_one(tmp_path: Path, bundled_copy, monkeypatch):
    """What the next re-check starts from does not depend on where the files were read."""
    from dataclasses import replace

    from factcheck import incremental
    from factcheck.config import load_settings
    from factcheck.project import check_paths
    from factcheck.state import load_state

    def summaries(root: Path) -> dict:
        check_paths(start=root, as_of=AS_OF, use_baseline=False)
        state = load_state(Cache(root / ".factcheck-cache"), "",
                           incremental.inputs_digest(load_settings(root), None))
        assert state is not None
        # keys and statuses differ from one copy of the project to another
        return {shown: replace(summary, status=None, key=b"") for shown, summary in state.files.items()}

    alone = summaries(bundled_copy(tmp_path / "alone"))
    monkeypatch.setattr(batch, "PARALLEL_FILES", 1)
    monkeypatch.setattr(batch, "PARALLEL_BYTES", 1)
    monkeypatch.setattr(batch, "CHUNK", 1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    assert summaries(bundled_copy(tmp_path / "workers")) == alone and alone


def test_an_interrupted_run_leaves_no_half_written_pack(project: Path, monkeypatch):
    read = []
    original = batch.read_one

    def interrupted(path, *args, **kwargs):
        read.append(path)
        if len(read) == 3:
            raise KeyboardInterrupt
        return original(path, *args, **kwargs)

    monkeypatch.setattr(batch, "read_one", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _report(project)
    assert len(read) == 3
    assert not list((project / ".factcheck-cache").rglob(".tmp-*"))


def test_a_pack_a_killed_process_left_half_written_is_removed_an_hour_later(project: Path):
    packs = project / ".factcheck-cache" / "packs"
    packs.mkdir(parents=True)
    old, recent = packs / ".tmp-old.part", packs / ".tmp-recent.part"
    for path in (old, recent):
        path.write_bytes(b"factcheck-pack-2\n" + b"x" * 1000)
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    cold = _report(project)
    assert not old.exists() and recent.exists()   # a live writer's file is left alone
    assert _report(project) == cold


def test_a_recheck_that_reads_the_registry_again_caches_it_and_leaves_no_temporary(project: Path, monkeypatch):
    """A re-check that finds no file changed, but cannot trust the registry's entry (one another process
    signed with its own secret), reads the registry again: that entry is written to a new pack, not left
    behind in a temporary file, and the run after finds it."""
    from factcheck.claims_file import Vocabulary
    from factcheck.project import check_paths

    _, first = check_paths(start=project, as_of=AS_OF, use_baseline=False)
    packs = _packs(project)
    get = Cache.get

    def distrusting_the_registry(self, key):
        found = get(self, key)
        return None if isinstance(found, Vocabulary) else found

    monkeypatch.setattr(Cache, "get", distrusting_the_registry)
    _, again = check_paths(start=project, as_of=AS_OF, use_baseline=False)
    assert again.findings == first.findings
    assert not [path for path in (project / ".factcheck-cache").rglob(".tmp-*")]
    assert len(_packs(project)) == len(packs) + 1   # the registry, read again


def test_a_secret_another_process_is_writing_is_waited_for(tmp_path: Path, monkeypatch):
    """Two first runs at once: the one that finds the secret file made but not yet written uses that
    secret once it is written, not one of its own (its entries and state would then be distrusted by
    every later run); a short file left long ago is not waited for."""
    import threading

    from factcheck.cache import user_secret

    where = tmp_path / "secret"
    monkeypatch.setenv("FACTCHECK_SECRET_FILE", str(where))
    where.write_bytes(b"")   # made by another process, which writes it a moment later
    theirs = os.urandom(32)
    writer = threading.Timer(0.05, where.write_bytes, args=(theirs,))
    writer.start()
    try:
        assert user_secret() == theirs
    finally:
        writer.join()
    where.write_bytes(b"short")
    os.utime(where, (time.time() - 60, time.time() - 60))
    assert len(user_secret()) == 32 and where.read_bytes() == b"short"   # damaged long ago: this process's own
