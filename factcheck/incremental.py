"""Checking again after an edit: only the scopes the changed files touch, over only their claims.

Every kind says what one of its findings can depend on (its `SCOPE`):

- `subject`: the claims of one subject (conflicts, support, supersession, dates, counts),
  plus, for `unsupported`, which sources are independent of each other;
- `file`: the claims of one file (drafts);
- `corpus`: any claim; such a kind names the files it reads (`reads`), so that it runs
  again only when one of those changed or the set itself did (name variants). It may
  also say which changed claims can change a finding (`affected_by`), and leave in the
  memo what its check found for `reads` to start from (`memo_for_reads`).

A changed file makes dirty the subjects of the claims the edit added, removed or changed
(compared with the file's earlier version in the cache; without it, every subject the
file had or has). Each subject-scope rule then runs over the claims of the dirty subjects
alone, gathered from every file that has any, and its findings replace the old ones of
those subjects; the others are kept from the state. The result is the full check's, finding for finding:
`tests/test_incremental.py` compares the two over random edits.

On another reference date (`--as-of`, by default the day of the check: the first check
of a new day), the rules whose kind `reads_as_of` run again also over the subjects of
the plans whose status the kind says may differ between the two dates (`changes_between`:
overdue on one and not on the other); the findings of the other subjects, and of the
other rules, do not depend on the date.

Anything this cannot vouch for (no state, other inputs, a file with a problem, a
duplicate id, a change in which sources are independent) returns None, and the caller
runs the full check, which then leaves a new state.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from operator import methodcaller
from pathlib import Path

from . import batch, collector, exiting
from . import paths as paths_module
from .cache import Cache, code_digest
from .claims_file import ClaimsFile, Vocabulary
from .config import Settings
from .corpus import (Corpus, claim_order, keep_units, listed_claims_paths, load_vocabulary, reading_fingerprint,
                     restore_units, units_used)
from .engine import context_for, run_rule
from .findings import Finding
from .kinds import KINDS
from .kinds.independence import Independence, folded_quotes, updated
from .progress import Progress
from .rules import Rule, load_rules, project_rule_files
from .text import fold
from .state import (FileSummary, State, begin_loading_state, file_status, lines, save_state, settled_before,
                    summarize)

_ENGINE_CODE = ("engine.py", "findings.py", "rules.py", "compare.py", "incremental.py", "state.py", "state_delta.py",
                "parallel.py", "forked.py", "kinds",
                "reporters/json_report.py")   # the state keeps the findings' JSON texts


def scope_of(kind: str) -> str:
    """A kind without a `SCOPE` may read any claim."""
    return getattr(KINDS[kind], "SCOPE", "corpus")


def reads_as_of(rule: Rule) -> bool:
    """Whether the rule's findings depend on the reference date (its kind says so with `reads_as_of`)."""
    reads = getattr(KINDS[rule.kind], "reads_as_of", None)
    return reads is not None and reads(rule.params)


def inputs_digest(settings: Settings, rule_ids: list[str] | None) -> bytes:
    """Everything the findings depend on besides the claims files and the reference date (which the state
    keeps: `State.as_of`). An unreadable rule file is hashed as such: loading the rules then reports it,
    with its position, and no state is used."""
    digest = hashlib.sha256(reading_fingerprint(settings))
    digest.update(code_digest(_ENGINE_CODE))
    for path in project_rule_files(settings):
        raw = batch.read_bytes(path)
        digest.update(settings.display(path).encode("utf-8", "surrogatepass") + b"\0" + (raw or b"-"))
    digest.update(repr(sorted(rule_ids or [])).encode())
    return digest.digest()


def selection_of(settings: Settings, paths: list[Path] | None) -> str:
    """Which state a run uses: one per set of paths checked."""
    return "\n".join(sorted(settings.display(path) for path in paths)) if paths else ""


@collector.paused()   # writing a state of a million claims set off collections of 1 s in all
def remember(settings: Settings, paths: list[Path] | None, cache: Cache, corpus: Corpus, rules: list[Rule],
             findings: tuple[Finding, ...], memo: dict, inputs: bytes, as_of: date) -> None:
    """Keep what a full check found on `as_of`, for the next check to start from."""
    by_rule: dict[str, list[tuple[str, Finding]]] = {rule.id: [] for rule in rules}
    for finding in findings:
        by_rule[finding.rule].append((_scope_key(scope_of(finding.kind), finding), finding))
    state = State(inputs=inputs, files=dict(corpus.summaries), findings=by_rule, as_of=as_of)
    for rule in rules:
        if scope_of(rule.kind) == "corpus":
            seeded = getattr(KINDS[rule.kind], "memo_for_reads", None)   # what its check found, for `reads`
            state.memos[rule.id] = seeded(memo, rule.params) if seeded is not None else {}
            state.reads[rule.id] = _reads(rule, state.files, corpus.registry, state.memos[rule.id])
        for key in _facts(rule):
            if key not in memo:
                return   # the kind did not run: nothing to start from
            state.groups[key[1]] = memo[key]
    save_state(cache, selection_of(settings, paths), state)


def recheck(settings: Settings, paths: list[Path] | None, cache: Cache, inputs: bytes, *, as_of: date,
            rule_ids: list[str] | None, progress: bool = False
            ) -> tuple[list[Rule], tuple[Finding, ...], int, int] | None:
    """(rules, findings, sources, claims) from the last state and the files changed since, or None; with
    `progress`, a bar on a terminal while files are read (as the full check shows).

    `inputs` is `inputs_digest`: a state made from other inputs is not used."""
    # The state is some hundred thousand objects, none of them garbage: frozen, the first collection after
    # does not look at them all (tens of milliseconds at 100k claims).
    with collector.paused(freeze=True):
        try:
            finish = begin_loading_state(cache, selection_of(settings, paths))
            if finish is None:
                return None   # no state kept, before anything is read: the full check reads it, once
            return _recheck(settings, paths, cache, finish, inputs, as_of, rule_ids, progress)
        except BaseException:   # interrupted (Ctrl-C) or failed: the half-written pack goes
            cache.discard()
            raise


def _recheck(settings: Settings, paths: list[Path] | None, cache: Cache, finish, inputs: bytes, as_of: date,
             rule_ids: list[str] | None, progress: bool):
    """`finish` gives the state (`begin_loading_state`), whose MAC is checked meanwhile, in a thread."""
    problems: list = []
    settled = settled_before()
    restored = restore_units(cache)
    vocabulary = load_vocabulary(settings, problems, cache=cache)
    rules, rule_problems = load_rules(project_rule_files(settings), settings.display, vocabulary.predicates)
    listed = listed_claims_paths(settings, paths, problems)   # as text: a `Path` is made of a file read only
    state = finish(inputs)
    if state is None:
        return None
    exiting.leave(state)
    if problems or rule_problems or any(name not in {rule.id for rule in rules} for name in rule_ids or []):
        return None
    vocabulary = replace(vocabulary, root=settings.root)
    rules = sorted((rule for rule in rules if not rule_ids or rule.id in rule_ids), key=lambda rule: rule.id)
    dated = {rule.id for rule in rules if reads_as_of(rule)} if as_of != state.as_of else set()
    if any(scope_of(rule.kind) != "subject" for rule in rules if rule.id in dated):
        return None   # only findings of one subject are known to be checked again by subject
    shared = reading_fingerprint(settings)
    files: dict[str, str] = {}   # display -> path
    keys: dict[str, bytes] = {}
    statuses: dict[str, tuple | None] = {}   # files read again to know their key: their status now
    for path, shown in listed:
        files[shown] = path
        known = state.files.get(shown)
        if known is not None and known.status is not None and file_status(path) == known.status:
            keys[shown] = known.key   # unchanged, as git's index would tell: not read again
            continue
        raw = batch.read_bytes(Path(path))
        if raw is None:
            return None
        keys[shown] = batch.file_key(cache, shared, shown, raw)
        statuses[shown] = file_status(path, settled)
    changed = sorted(shown for shown, key in keys.items()
                     if shown not in state.files or state.files[shown].key != key)
    removed = sorted(shown for shown in state.files if shown not in keys)
    if not changed and not removed and not dated:
        cache.flush()   # what was read again all the same (a registry whose entry could not be trusted) is kept
        settling = {shown: status for shown, status in statuses.items() if status is not None}   # settled since
        if settling:
            files_now = {shown: replace(summary, status=settling.get(shown, summary.status))
                         for shown, summary in state.files.items()}
            save_state(cache, selection_of(settings, paths), replace(state, files=files_now), since=state)
        return rules, _merged(state.findings), *_counts(state.files)
    edit = _Edit(state, vocabulary, cache, shared, files, statuses, dated, progress)
    if not edit.read_changed(changed, removed):
        return None
    findings = edit.run(rules, as_of)
    if findings is None:
        return None
    cache.keep(summary.key for summary in edit.files.values())
    keep_units(cache, units_used([claim for read in edit.loaded.values() for claim in read.claims],
                                 vocabulary.predicates), settings.ton, restored)
    cache.flush()
    save_state(cache, selection_of(settings, paths), State(inputs=state.inputs, files=edit.files, findings=findings,
                                                            reads=edit.reads, groups=edit.groups,
                                                            memos=edit.memos, as_of=as_of), since=state)
    return rules, _merged(findings), *_counts(edit.files)


class _Edit:
    """One re-check: the files changed since the state, and what they make dirty."""

    def __init__(self, state: State, vocabulary: Vocabulary, cache: Cache, shared: bytes, files: dict[str, str],
                 statuses: dict[str, tuple | None], dated: set[str], progress: bool):
        self.state = state
        self.progress = progress   # a bar on a terminal while files are read: a day later, that may be all
        self.dated = dated   # rules run again for the subjects of plans overdue on one date only: the date changed
        self.statuses = statuses
        self.vocabulary = vocabulary
        self.cache = cache
        self.shared = shared
        self.paths = files
        self.files: dict[str, FileSummary] = {}
        self.loaded: dict[str, ClaimsFile] = {}
        self.dirty_files: set[str] = set()
        self.dirty_subjects: set[str] = set()
        self.reads: dict[str, frozenset[str]] = dict(state.reads)
        self.memos: dict[str, dict] = {rule: dict(memo) for rule, memo in state.memos.items()}
        self.loaded_keys: dict[str, bytes] = {}
        self.independence_changed = False
        self.changed_claims: list | None = []   # each claim the edit changed, before and after; None: unknown
        self.groups: dict[int, Independence] = dict(state.groups)
        self.regrouped: set[int] = set()

    def read_changed(self, changed: list[str], removed: list[str]) -> bool:
        """Read the changed files; False when one has a problem or the change is beyond this module."""
        if not self._load(changed, verify=False):
            return False
        old = self.state.files
        files = {shown: replace(summary, status=self.statuses[shown]) if shown in self.statuses else summary
                 for shown, summary in old.items() if shown not in removed}
        for shown in changed:
            files[shown] = summarize(self.loaded[shown], self.loaded_keys[shown], self.vocabulary.registry,
                                     self.statuses.get(shown))
        for shown in (*changed, *removed):
            before, after = old.get(shown), files.get(shown)
            self.dirty_subjects.update(self._touched_subjects(shown, before, after))
            if before is None or after is None or before.independence != after.independence:
                self.independence_changed = True
        self.dirty_files = set(changed) | set(removed)
        self.files = files
        return _unique(files, old, changed)

    def _touched_subjects(self, shown: str, before: FileSummary | None, after: FileSummary | None) -> set[str]:
        """The subjects of the claims an edit added, removed or changed in any way (position and source
        included): a subject's findings depend on its claims alone. When the version before the edit is
        no longer in the cache, every subject of the file, before and after."""
        previous = self.cache.get(before.key) if before is not None else None
        if before is not None and not isinstance(previous, ClaimsFile):
            self.changed_claims = None
            return {subject for summary in (before, after) if summary is not None
                    for subject in lines(summary.subjects)}
        old = {claim.id: claim for claim in previous.claims} if previous is not None else {}
        new = {claim.id: claim for claim in self.loaded[shown].claims} if after is not None else {}
        changed = [claim for claim_id in old.keys() | new.keys() if old.get(claim_id) != new.get(claim_id)
                   for claim in (old.get(claim_id), new.get(claim_id)) if claim is not None]
        if self.changed_claims is not None:
            self.changed_claims.extend(changed)
        return {claim.subject for claim in changed}

    def _affects(self, rule: Rule, memo: dict) -> bool:
        """Whether the claims the edit changed can change a corpus-scope rule's findings, the files it
        reads being the same; a kind that cannot tell says yes."""
        affected_by = getattr(KINDS[rule.kind], "affected_by", None)
        if affected_by is None or self.changed_claims is None:
            return True
        return affected_by(self.changed_claims, rule.params, self.vocabulary.registry, memo)

    def run(self, rules: list[Rule], as_of: date) -> dict[str, list[tuple[str, Finding]]] | None:
        found: dict[str, list[tuple[str, Finding]]] = {}
        if any(not self._independence(key[1]) for rule in rules for key in _facts(rule)):
            return None   # first: a change in who is independent makes more subjects dirty
        # the subjects a subject-scope rule runs over again, and the files about them: the same for every rule,
        # but for a rule that reads the date when it changed, which also runs over the subjects of some plans
        plans = self._plans() if self.dated else []
        about: dict[frozenset[str], set[str]] = {}   # subjects -> the files about them, for each set asked for
        for rule in rules:
            facts = _facts(rule)
            scope = scope_of(rule.kind)
            old = self.state.findings.get(rule.id, [])
            if scope == "subject":
                subjects = frozenset(self.dirty_subjects | self._dated_subjects(rule, plans, as_of))
                if subjects not in about:
                    about[subjects] = self._files_about(subjects)
                kept = [(key, finding) for key, finding in old if key not in subjects]
                corpus = self._corpus(about[subjects], subjects)
            elif scope == "file":
                kept = [(key, finding) for key, finding in old if key not in self.dirty_files]
                corpus = self._corpus(self.dirty_files & set(self.files), None)
            else:
                memo = self.memos.setdefault(rule.id, {})
                reads = _reads(rule, self.files, self.vocabulary.registry, memo)
                if reads == self.state.reads.get(rule.id) and (not (reads & self.dirty_files) or
                                                               not self._affects(rule, memo)):
                    found[rule.id] = old
                    continue
                self.reads[rule.id] = reads
                kept = []
                corpus = self._corpus(reads, None)
            if corpus is None:
                return None
            context = context_for(corpus, as_of)
            for key in facts:
                context.memo[key] = self.groups[key[1]]
            fresh = [(_scope_key(scope, finding), finding) for finding in run_rule(rule, corpus, context)]
            found[rule.id] = kept + fresh
        return found

    def _plans(self) -> list[tuple[date, str]]:
        """(target, subject) of every plan that can become overdue, in the files as they are now."""
        return [(date.fromisoformat(target), subject) for summary in self.files.values()
                for target, _, subject in map(methodcaller("partition", " "), lines(summary.plans))]

    def _dated_subjects(self, rule: Rule, plans: list[tuple[date, str]], as_of: date) -> set[str]:
        """The subjects of the plans whose findings may differ on `as_of` from the state's date, for a rule that
        reads the date when it changed."""
        if rule.id not in self.dated:
            return set()
        since, moved = self.state.as_of, KINDS[rule.kind].changes_between
        if since is None:   # a state that does not say its date: every plan may have moved
            return {subject for _, subject in plans}
        return {subject for target, subject in plans if moved(rule.params, target, since, as_of)}

    def _independence(self, words: int) -> bool:
        """Bring which sources are independent up to date; the subjects of sources whose group changed
        become dirty. False when that needs every quote read again."""
        if words in self.regrouped or not self.independence_changed:
            return words in self.groups
        old = self.groups.get(words)
        if old is None:
            return False
        changes: dict[str, tuple[list[str], str | None] | None] = {}
        for shown in sorted(self.dirty_files):
            before, after = self.state.files.get(shown), self.files.get(shown)
            if before is not None and after is not None and before.independence == after.independence:
                continue
            if before is not None and before.subjects:   # an article with claims that are not drafts
                changes.setdefault(before.source, None)
            if after is not None and after.subjects:
                read = self.loaded[shown]
                outlet = read.source.outlet if read.source is not None else None
                changes[after.source] = (folded_quotes([claim for claim in read.claims if not claim.draft]),
                                         fold(outlet) if outlet else None)
        result = updated(old, words, changes)
        if result is None:
            return False
        self.groups[words], moved = result
        self.regrouped.add(words)
        if moved:
            self.dirty_subjects.update(subject for summary in self.files.values() if summary.source in moved
                                       for subject in lines(summary.subjects))
        return True

    def _files_about(self, subjects: set[str]) -> set[str]:
        return {shown for shown, summary in self.files.items() if not subjects.isdisjoint(lines(summary.subjects))}

    def _corpus(self, shown: set[str], subjects: set[str] | None) -> Corpus | None:
        """The claims of these files (of these subjects only, when given), as a corpus the rules can run on."""
        if not self._load(sorted(shown - set(self.loaded))):
            return None
        corpus = Corpus(registry=self.vocabulary.registry, predicates=self.vocabulary.predicates)
        for name in sorted(shown):
            read = self.loaded[name]
            if read.source is not None:
                corpus.sources[read.source.id] = read.source
            for claim in read.claims:
                if subjects is None or (claim.subject in subjects and not claim.draft):
                    corpus.claims.append(claim)
                    corpus.ids.add(claim.id)
        corpus.claims.sort(key=claim_order)
        return corpus

    def _load(self, names: list[str], verify: bool = True) -> bool:
        """Read these files (from the cache when unchanged); with `verify`, each must still be the
        version summarized: one changed while this run read it is left to the full check."""
        with Progress("reading claims files", len(names), enabled=None if self.progress else False) as bar:
            unread = []
            for name in names:
                if verify and self._from_cache(name):   # its key is known already: from the cache, not read
                    bar.advance()
                else:
                    unread.append(name)
            reads = batch.read_files([(Path(self.paths[name]), name) for name in unread], self.vocabulary,
                                     cache=self.cache, fingerprint=self.shared, progress=bar) if unread else []
        for name, read in zip(unread, reads):
            if read.problems or read.result is None or read.result.problems or read.key is None:
                return False
            if verify and read.key != self.files[name].key:
                return False
            self.loaded[name] = read.result
            self.loaded_keys[name] = read.key
        return True

    def _from_cache(self, name: str) -> bool:
        summary = self.files[name]
        cached = self.cache.get(summary.key)
        if not isinstance(cached, ClaimsFile) or not paths_module.still_inside(cached, self.vocabulary.root):
            return False
        self.loaded[name] = cached
        self.loaded_keys[name] = summary.key
        return True


def _reads(rule: Rule, files: dict[str, FileSummary], registry, memo: dict) -> frozenset[str]:
    """The files a corpus-scope rule reads; every file, for a kind that does not say."""
    reads = getattr(KINDS[rule.kind], "reads", None)
    return frozenset(reads(files, rule.params, registry, memo) if reads is not None else files)


def _facts(rule: Rule) -> tuple:
    """What the rule's kind reads from the whole corpus, as keys of `Context.memo`."""
    return tuple(getattr(KINDS[rule.kind], "corpus_facts", lambda params: ())(rule.params))


def _unique(files: dict[str, FileSummary], before: dict[str, FileSummary], changed: list[str]) -> bool:
    """No claim id and no source id used twice: a duplicate is a problem only the full check reports.

    The state's files (`before`) had none (a check that found a problem kept no state), so when every
    changed file kept its claim ids and source id, none can repeat now: not looked for (every id in a
    set took 35 ms at 100k claims, a tenth of a re-check)."""
    if all(shown in before and before[shown].claims == files[shown].claims
           and before[shown].source == files[shown].source for shown in changed):
        return True
    claims = "\n".join(summary.claims for summary in files.values() if summary.claims).split("\n")
    sources = [summary.source for summary in files.values() if summary.source is not None]
    return len(set(claims)) == len(claims) and len(set(sources)) == len(sources)


def _scope_key(scope: str, finding: Finding) -> str:
    if scope == "subject":
        return finding.subject or ""
    if scope == "file":
        return finding.primary_file()
    return ""


def _merged(by_rule: dict[str, list[tuple[str, Finding]]]) -> tuple[Finding, ...]:
    unique: dict[tuple[str, str], Finding] = {}
    for rule_id in sorted(by_rule):
        for _, finding in by_rule[rule_id]:
            unique.setdefault((rule_id, finding.fingerprint), finding)
    return tuple(sorted(unique.values(), key=Finding.sort_key))


def _counts(files: dict[str, FileSummary]) -> tuple[int, int]:
    sources = {summary.source for summary in files.values() if summary.source is not None}
    return len(sources), sum(summary.count for summary in files.values())
