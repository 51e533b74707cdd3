"""A candidate statement a detector found in a sentence, and the list of detectors.

A detector is a small function `detect(sentence) -> Iterator[Candidate]`: it
looks for one kind of statement (a quantity, a date, a title before a name ...)
and says where the words are, what kind of value they give, and which words say
what is asserted. It does not look names up or choose a predicate: `draft.py`
does that with the registry and the vocabulary.
"""
from __future__ import annotations

from dataclasses import dataclass

from .sentences import Sentence


MAX_PER_SENTENCE = 60   # a sentence with more candidates is a table or a list, not prose


@dataclass(frozen=True)
class Candidate:
    detector: str                        # which detector proposed it, for the draft's note
    start: int                           # the words it rests on, as offsets in the article
    end: int
    value_type: str                      # quantity, date, rank, count, entity, text, or none (not disclosed)
    value: object = None                 # as a claims file writes it: a shorthand or a mapping
    cue: str = ""                        # words that say what is asserted ("annual capacity", "operational")
    predicates: tuple[str, ...] = ()     # predicate ids that fit, best first, used when the vocabulary has them
    subject_at: tuple[int, int] | None = None   # where the subject's name is, when the detector knows
    subject_kinds: tuple[str, ...] = ()  # kinds of entity the subject is likely to be
    value_at: tuple[int, int] | None = None     # for entity values: where the value's name is
    value_kinds: tuple[str, ...] = ()    # for entity values: kinds to propose when the name is unknown
    modality: str | None = None          # when the detector knows it (a non-disclosure)
    note: str = ""                       # anything the reviewer should know about the guess

    @property
    def words(self) -> tuple[int, int]:
        return self.start, self.end


def find_candidates(sentence: Sentence) -> list[Candidate]:
    """Every detector's candidates in a sentence, in text order; of two that say the same thing about the
    same words (the weekday of "On Tuesday, July 29" found twice), the first is kept."""
    from . import detect_numbers, detect_people, detect_relations, detect_time

    detectors = (*detect_numbers.DETECTORS, *detect_time.DETECTORS, *detect_people.DETECTORS,
                 *detect_relations.DETECTORS)
    found: list[Candidate] = []
    by_key: dict[tuple, list[Candidate]] = {}
    for detector in detectors:
        for candidate in detector(sentence):
            key = (candidate.value_type, str(candidate.value), candidate.predicates, candidate.subject_at)
            same = by_key.setdefault(key, [])
            if not any(candidate.start < other.end and other.start < candidate.end for other in same):
                same.append(candidate)
                found.append(candidate)
            if len(found) >= MAX_PER_SENTENCE:
                break
    return sorted(found, key=lambda c: (c.start, c.end))[:MAX_PER_SENTENCE]


def absolute(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    return sentence.start + start, sentence.start + end
