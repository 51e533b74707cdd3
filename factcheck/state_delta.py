"""What changed between two states, so that a re-check writes its few changes, not the whole state.

A state of 100,000 claims pickles to about 23 MB; after one edit, a few summaries, the
findings of a few subjects and perhaps one article's quotes differ. Like git's split
index, the state is then kept as a base and one delta against it: `diff` finds what
differs (objects a re-check kept are the very objects it loaded, so most comparisons
are by identity), and `apply` rebuilds the state from both. Findings differ per rule
and scope key (a subject, a file), the unit in which a re-check replaces them.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .kinds.independence import Independence

_INDEPENDENCE_PARTS = ("groups", "texts", "outlets", "forest")


@dataclass
class Delta:
    files: dict                                   # display path -> summary, added or changed
    removed_files: list[str]
    findings: dict[str, dict[str, list]]          # rule id -> scope key -> its (key, finding) pairs now
    reads: dict
    memos: dict
    groups: dict[int, dict[str, tuple[dict, list]]] = field(default_factory=dict)   # run length -> part -> change
    rules: list[str] = field(default_factory=list)   # rule ids, in the order of the new state
    as_of: date | None = None                        # the new state's reference date

    def size(self) -> int:
        """A rough count of what the delta holds, to tell when a new base is cheaper."""
        return (len(self.files) + len(self.removed_files) + sum(map(len, self.findings.values()))
                + sum(len(changed) + len(gone) for parts in self.groups.values() for changed, gone in parts.values()))


def diff(base, new) -> Delta:
    files = _changed(base.files, new.files)
    removed = [shown for shown in base.files if shown not in new.files]
    findings = {rule: _changed_keys(base.findings.get(rule, []), pairs) for rule, pairs in new.findings.items()}
    groups = {words: _independence_changes(base.groups.get(words), independence)
              for words, independence in new.groups.items() if independence is not base.groups.get(words)}
    return Delta(files=files, removed_files=removed, findings={rule: keys for rule, keys in findings.items() if keys},
                 reads=new.reads, memos=new.memos, groups=groups, rules=list(new.findings), as_of=new.as_of)


def apply(base, delta: Delta):
    files = {shown: summary for shown, summary in base.files.items() if shown not in delta.removed_files}
    files.update(delta.files)
    findings = {}
    for rule in delta.rules:
        pairs = base.findings.get(rule, [])
        changed = delta.findings.get(rule)
        if changed:
            pairs = [pair for pair in pairs if pair[0] not in changed]
            pairs += [pair for key_pairs in changed.values() for pair in key_pairs]
        findings[rule] = pairs
    groups = {words: independence for words, independence in base.groups.items() if words not in delta.groups}
    for words, parts in delta.groups.items():
        groups[words] = _applied(base.groups.get(words), parts)
    return replace(base, files=files, findings=findings, reads=delta.reads, memos=delta.memos, groups=groups,
                   as_of=delta.as_of)


def _changed(old: dict, new: dict) -> dict:
    """The entries of `new` that `old` lacks or holds another value for: most are the very objects (a re-check
    keeps what it loaded), looked at in one comprehension rather than a call each (25,000 after one edit)."""
    return {key: value for key, value in new.items()
            if (then := old.get(key, _MISSING)) is not value and (then is _MISSING or then != value)}


_MISSING = object()


def _changed_keys(old: list, new: list) -> dict[str, list]:
    """Scope key -> the (key, finding) pairs of `new`, for each key whose pairs differ from `old`'s."""
    if new is old:   # a rule the edit did not reach
        return {}
    before: dict[str, list] = {}
    for pair in old:
        before.setdefault(pair[0], []).append(pair[1])
    after: dict[str, list] = {}
    for pair in new:
        after.setdefault(pair[0], []).append(pair[1])
    changed = {}
    for key in before.keys() | after.keys():
        then, now = before.get(key, []), after.get(key, [])
        if len(then) != len(now) or any(a is not b and a != b for a, b in zip(then, now)):
            changed[key] = [(key, finding) for finding in now]
    return changed


def _independence_changes(old: Independence | None, new: Independence) -> dict[str, tuple[dict, list]]:
    """Per part of the independence: (entries added or changed, keys removed)."""
    changes = {}
    for part in _INDEPENDENCE_PARTS:
        then = getattr(old, part) if old is not None else {}
        now = getattr(new, part)
        changes[part] = (_changed(then, now), [key for key in then if key not in now])
    return changes


def _applied(old: Independence | None, parts: dict[str, tuple[dict, list]]) -> Independence:
    rebuilt = {}
    for part in _INDEPENDENCE_PARTS:
        entries = dict(getattr(old, part)) if old is not None else {}
        changed, gone = parts[part]
        for key in gone:
            entries.pop(key, None)
        entries.update(changed)
        rebuilt[part] = entries
    return Independence(**rebuilt)
