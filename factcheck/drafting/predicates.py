"""Guessing a candidate's predicate from the project's vocabulary.

The detector says what type of value it found and may name predicates that fit
("military-rank" for a rank before a name); those are used when the vocabulary
has them. Otherwise every predicate of the value's type (and, for quantities,
of the unit's dimension) is scored by the words it shares with the candidate's
cue and its clause: words of the predicate's id count three times, words of its
description once, after a small stemmer and a table of synonyms ("began",
"launched" and "commenced" all mean start). The best few are returned in order;
`draft.py` takes the first whose value reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model.registry import Predicate
from ..units import UnitError, normalise

_SYNONYMS = {
    "began": "start", "begin": "start", "begins": "start", "begun": "start", "beginning": "start",
    "launch": "start", "launched": "start", "launches": "start", "commence": "start", "commenced": "start",
    "commences": "start", "started": "start", "starts": "start", "groundbreaking": "start", "kick": "start",
    "operational": "operate", "operating": "operate", "operation": "operate", "operations": "operate",
    "operates": "operate", "operated": "operate", "operator": "operate", "online": "operate",
    "complete": "completion", "completed": "completion", "finish": "completion", "finished": "completion",
    "founded": "found", "founding": "found", "established": "found", "establish": "found", "created": "found",
    "formed": "found", "form": "found", "establishment": "found", "launch-date": "found",
    "arrive": "arrival", "arrives": "arrival", "arrived": "arrival", "arriving": "arrival",
    "adopted": "adoption", "adopt": "adoption", "enacted": "adoption", "passed": "adoption", "code": "adoption",
    "produce": "output", "produces": "output", "produced": "output", "production": "output",
    "producing": "output", "producer": "output", "producers": "output", "refine": "capacity",
    "refining": "capacity", "process": "capacity", "processing": "capacity",
    "led": "lead", "leads": "lead", "leading": "lead", "headed": "lead", "chaired": "lead",
    "partnership": "partner", "partnerships": "partner", "partners": "partner", "partnered": "partner",
    "takeover": "coup", "takeovers": "coup", "putsch": "coup",
    "membership": "member", "members": "member", "joining": "member", "join": "member", "joined": "member",
    "nations": "member", "countries": "member", "states": "member",
    "application": "apply", "applied": "apply", "applying": "apply",
    "announced": "announcement", "announces": "announcement", "held": "event", "meeting": "event",
    "ceremony": "event", "attended": "event", "session": "event", "visit": "event", "summit": "event",
    "hour": "duration", "hours": "duration", "lasted": "duration", "decades": "independence",
    "increase": "increase", "raise": "increase", "boost": "increase", "rank": "ranking", "ranked": "ranking",
    "largest": "ranking", "biggest": "ranking", "sub-commissions": "sub-commission",
    "effect": "start", "annually": "annual", "yearly": "annual", "aim": "purpose", "aims": "purpose", "aimed": "purpose", "goal": "purpose", "designed": "purpose",
    "intended": "purpose", "areas": "area", "fields": "area", "sectors": "area",
}
_STOP = frozenset("""a an the of in on at to for by with and or from as is are was were be been being has have
had its their it this that which who what when where how much many whether one e.g such article says given
may more not no than into within about between after before over under up his her they them whose own
""".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.lower().strip("'\u2019")
    word = _SYNONYMS.get(word, word)
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    return _SYNONYMS.get(word, word)


def bag(text: str) -> set[str]:
    raw = re.findall(r"[a-z][a-z\-]*", text.lower())
    raw += [part for word in raw if "-" in word for part in word.split("-") if part]
    found = {stem(word) for word in raw if word not in _STOP}
    return found | {_IMPLIES[word] for word in found if word in _IMPLIES}


# What a word brings to mind that the vocabulary may use instead: a refinery has a capacity.
_IMPLIES = {"refinery": "capacity", "plant": "capacity", "factory": "capacity", "smelter": "capacity",
            "mill": "capacity", "year": "annual", "yr": "annual"}


@dataclass(frozen=True)
class Guess:
    predicate: str
    score: float
    preferred: bool     # named by the detector, not only scored
    missing: tuple[str, ...] = ()   # words of its id the wording lacks ("gold" of annual-gold-output for copper)


def rank(predicates: dict[str, Predicate], *, value_type: str, cue: str, clause: str,
         preferred: tuple[str, ...] = (), unit: str | None = None, ton: str = "metric") -> list[Guess]:
    """Predicates of the vocabulary that fit, best first (the detector's preferences, then by score)."""
    pool = [p for p in predicates.values() if _fits(p, value_type, unit, ton)]
    cue_words, clause_words = bag(cue), bag(clause)
    guesses = []
    for order, predicate in enumerate(pool):
        id_words, described = _words_of(predicate.id, predicate.description or "")
        missing = id_words - cue_words - clause_words - _GENERIC_ID_WORDS
        score = 3 * len(id_words & cue_words) + 1.5 * len(id_words & clause_words) \
            + 1.5 * len(described & cue_words) + 0.5 * len(described & clause_words) - 3 * len(missing)
        favoured = predicate.id in preferred
        if favoured:
            score += 100 - preferred.index(predicate.id)
        guesses.append((score, -order, Guess(predicate.id, score, favoured, tuple(sorted(missing)))))
    guesses.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [guess for _, _, guess in guesses]


@lru_cache(maxsize=4096)
def _words_of(predicate_id: str, description: str) -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(stem(part) for part in predicate_id.split("-") if part not in _STOP),
            frozenset(bag(_first_sentence(description))))


# Words of predicate ids that say what kind of value, not what it is about: never missed.
_GENERIC_ID_WORDS = frozenset({"date", "count", "number", "event", "type", "class", "area", "holder", "start",
                               "origin", "with", "from", "in", "of", "to", "at", "by", "has", "had", "is"})


def _fits(predicate: Predicate, value_type: str, unit: str | None, ton: str) -> bool:
    if value_type == "none":
        return True
    if predicate.type != value_type:
        return False
    if value_type == "quantity" and unit is not None and predicate.unit:
        try:
            return normalise(predicate.unit, ton).dimension == normalise(unit, ton).dimension
        except UnitError:
            return False
    return True


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=\.)\s", text.strip(), maxsplit=1)[0]


def generic_text_predicate(predicates: dict[str, Predicate], cue: str, clause: str, *,
                           neutral_first: bool = False) -> str | None:
    """Where nothing of the right type fits: a `statement` predicate if the vocabulary has one, else the
    text predicate nearest in words."""
    for name in ("statement", "claim", "says"):
        if name in predicates and predicates[name].type == "text":
            return name
    ranked = rank(predicates, value_type="text", cue=cue, clause=clause)
    if ranked and ranked[0].score >= 1 and not neutral_first:
        return ranked[0].predicate
    for name in ("described-as", "status", "description", "note"):
        if name in predicates and predicates[name].type == "text":
            return name
    return ranked[0].predicate if ranked else None


def subject_kinds_of(predicate: Predicate) -> tuple[str, ...]:
    """The kinds of entity a predicate is said of: as declared, else as its description names them."""
    if predicate.subject_kinds:
        return predicate.subject_kinds
    described = set(re.findall(r"[a-z]+", _first_sentence(predicate.description or "").lower()))
    kinds = [kind for kind, cues in _KIND_WORDS.items() if described & cues]
    if "project" in kinds and "facility" not in kinds:
        kinds.insert(kinds.index("project") + 1, "facility")   # a plant or a mine is a project too
    return tuple(kind for kind in kinds if kind not in predicate.entity_kinds)


_KIND_WORDS = {
    "facility": {"facility", "refinery", "plant", "mine", "mines", "facilities", "building"},
    "project": {"project", "programme", "program", "activity", "delegation"},
    "event": {"event", "meeting", "ceremony", "visit", "announcement"},
    "person": {"person", "person's", "people"},
    "country": {"country", "countries", "state", "nation"},
    "company": {"company", "companies", "firm"},
    "organisation": {"organisation", "organization", "alliance", "bloc", "commission"},
    "law": {"law", "code"},
    "fund": {"fund", "funds"},
    "group": {"group", "specialists"},
    "government": {"government", "ministry"},
    "place": {"town", "city"},
    "document": {"agreement", "treaty"},
}
