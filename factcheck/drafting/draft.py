"""The drafting pipeline: an article's text in, draft claims and proposed entities out.

For each sentence: the entities it mentions, its speaker, the detectors'
candidates; for each candidate: its value (entity values resolved, other values
as shorthands), a predicate from the vocabulary whose type the value reads as, a
subject the predicate can be said of, a modality from the wording, and a note
saying which detector proposed it and what was guessed. Every value is read with
the loader's own reader, against the registry plus the proposed entities, so the
written file loads. A fact stated twice in one sentence is drafted once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import dates
from ..claims_file import Vocabulary
from ..model.claims import FORWARD_LOOKING
from ..registry import Registry
from ..model.registry import Predicate
from ..value_reading import ReadingContext, ValueProblem, read_published, read_quantity, read_value
from . import modality as modality_of
from . import predicates as guessing
from .article import dateline_hint
from .attribution import Speaker, speakers, statement
from .candidates import Candidate, find_candidates
from .entities import EntityMatcher, Mention
from .sentences import Sentence, clause_around, split_sentences
from .quotes import plain, quote_of, short
from .result import Draft, DraftClaim, SourceInfo, number_claims, used_proposals
from .subjects import choose
from .values import entity_value

MAX_SENTENCE = 2000   # longer "sentences" are tables or run-ons: reported, not drafted
_BOILERPLATE = re.compile(r"^\W*(?:read\s+(?:also|more)|related\b|see\s+also|leave\s+a\s+reply|your\s+email\s+address|"
                          r"required\s+fields|share\s+this|sign\s+up|subscribe|advertisement|\d+\s+min\s+read|"
                          r"click\s+here|follow\s+us|copyright|all\s+rights\s+reserved|photo\s*:|image\s*:)",
                          re.IGNORECASE)


def draft_article(text: str, vocabulary: Vocabulary, source: SourceInfo, *, id_prefix: str = "draft",
                  taken_ids: frozenset[str] | set[str] = frozenset()) -> Draft:
    drafter = _Drafter(text, vocabulary, source)
    claims = drafter.run()
    number_claims(claims, id_prefix, set(taken_ids))
    hints = list(drafter.hints)
    if drafter.unplaced:
        hints.append(f"{drafter.unplaced} candidate statement(s) were not drafted: no predicate of the vocabulary "
                     f"fits them and it has no text predicate to hold them; add predicates to the vocabulary")
    hint = dateline_hint(text)
    if hint and not source.published:
        hints.append(f"line {hint.line} of the article may give its publication date ({hint.words!r} = {hint.date}); "
                     f"pass --published {hint.date} if it does, so relative dates resolve")
    return Draft(source, claims, used_proposals(drafter.matcher.proposals, claims), len(drafter.sentences), hints)


class _Drafter:
    def __init__(self, text: str, vocabulary: Vocabulary, source: SourceInfo):
        self.text, self.vocabulary, self.source = text, vocabulary, source
        self.matcher = EntityMatcher(vocabulary.registry, text, ignore=(source.outlet or "", source.author or ""))
        self.sentences = split_sentences(text)
        self.anchor = _anchor(source.published)
        self._merged: Registry | None = None
        self.hints: list[str] = []
        self.unplaced = 0   # candidates no predicate of the vocabulary could hold
        hint = dateline_hint(text)
        self._dateline = (hint.line, hint.words) if hint else None

    def run(self) -> list[DraftClaim]:
        skipped = [self._skip(sentence) for sentence in self.sentences]
        mentions, history = [], []
        for sentence, skip in zip(self.sentences, skipped):
            history.append(list(self.matcher.recent))
            found = [] if skip else self.matcher.mentions(sentence)
            self._acronyms(sentence, found)
            mentions.append(found)
        voices = speakers(self.sentences, mentions, self.matcher)
        claims: list[DraftClaim] = []
        for index, sentence in enumerate(self.sentences):
            if skipped[index]:
                continue
            seen: set[tuple] = set()
            for candidate in self._candidates(sentence, voices.get(index)):
                claim = self._claim(candidate, sentence, mentions[index], history[index], voices.get(index))
                if claim is None:
                    continue
                key = (claim.subject, claim.predicate, repr(claim.value), claim.modality)
                if key not in seen:
                    seen.add(key)
                    claims.append(claim)
        return claims

    def _skip(self, sentence: Sentence) -> bool:
        if len(sentence.text) > MAX_SENTENCE:
            self.hints.append(f"line {sentence.line}: a sentence of {len(sentence.text):,} characters was not drafted "
                              f"(the limit is {MAX_SENTENCE:,}); read it yourself")
            return True
        if _BOILERPLATE.match(sentence.text) or sentence.title_case:
            return True
        folded = sentence.text.lower()
        byline = sentence.heading and any(name and name.lower() in folded
                                          for name in (self.source.author, self.source.outlet))
        return byline or (sentence.heading and re.match(r"^By\s+[A-Z]", sentence.text) is not None)

    def _acronyms(self, sentence: Sentence, found: list[Mention]) -> None:
        for match in re.finditer(r"\(([A-Z][A-Z0-9&]{1,9})\)", sentence.text):
            start = sentence.start + match.start()
            before = [m for m in found if m.end <= start and start - m.end <= 2]
            if before and before[-1].how == "proposed":
                self.matcher.add_alias(before[-1].entity, match.group(1))

    def _candidates(self, sentence: Sentence, speaker: Speaker | None) -> list[Candidate]:
        found = [c for c in find_candidates(sentence) if not self._on_dateline(c, sentence)]
        if not found and speaker is not None and speaker.candidate is not None \
                and not sentence.text.rstrip().endswith(":"):
            found = [statement(sentence, speaker)]
        return found

    def _on_dateline(self, candidate: Candidate, sentence: Sentence) -> bool:
        return bool(self._dateline and candidate.value_type == "date" and sentence.line == self._dateline[0]
                    and self.text[candidate.start:candidate.end] == self._dateline[1])

    # --- one candidate to one draft claim -----------------------------------------------------------

    def _claim(self, candidate: Candidate, sentence: Sentence, mentions: list[Mention], recent: list[Mention],
               speaker: Speaker | None) -> DraftClaim | None:
        local = (candidate.start - sentence.start, candidate.end - sentence.start)
        clause_start, clause_end = clause_around(sentence.text, *local)
        clause = sentence.text[clause_start:clause_end]
        clause_span = (sentence.start + clause_start, sentence.start + clause_end)
        modality = candidate.modality or modality_of.guess(sentence.text, *local)[0]
        notes = [f"{candidate.detector}: \u201c{short(self.text[candidate.start:candidate.end])}\u201d"]
        if candidate.note:
            notes.append(candidate.note)
        subject_at = self._subject_at(candidate, sentence, mentions, speaker)
        if subject_at is None and candidate.subject_at is not None and candidate.detector in ("title", "role",
                                                                                              "relation"):
            return None
        value, value_type, entity = candidate.value, candidate.value_type, None
        if value_type == "entity":
            resolved = entity_value(candidate, sentence, mentions, self.matcher,
                                    person=subject_at.entity if subject_at else None,
                                    allowed_kinds=candidate.value_kinds)
            if resolved is None and candidate.detector in ("relation", "partnership", "stake", "title", "role"):
                return None
            if resolved is None:
                value_type, value = "text", plain(self.text[slice(*(candidate.value_at or candidate.words))])
                notes.append("the value is not a name: drafted as text")
            else:
                entity, value = resolved, resolved.entity
                if resolved.note:
                    notes.append(resolved.note)
                if subject_at and subject_at.entity == resolved.entity:
                    return None
        guesses = guessing.rank(self.vocabulary.predicates, value_type=value_type, cue=candidate.cue, clause=clause,
                                preferred=candidate.predicates, unit=_unit_of(value) if value_type == "quantity"
                                else None, ton=self.vocabulary.ton)
        for guess in guesses[:6]:
            predicate = self.vocabulary.predicates[guess.predicate]
            if entity is not None and predicate.entity_kinds and entity.kind not in predicate.entity_kinds:
                continue
            subject = subject_at or self._choose_subject(candidate, predicate, mentions, recent, entity, clause_span)
            if subject is None or (predicate.subject_kinds and self.matcher.kind_of(subject.entity)
                                   not in predicate.subject_kinds):
                continue
            if value_type in ("quantity", "count") and not guess.preferred and (guess.score < 1 or guess.missing):
                continue  # nothing in the wording points to it: "2,500 workers" is no count of lithium mines
            if value_type == "none" and guess.score < 2:
                continue  # "the budget ... has not been disclosed": no predicate is about budgets
            if not self._reads(value, predicate, modality):
                continue
            if subject.how == "earlier sentence":
                notes.append(f"subject {subject.entity} carried from an earlier sentence")
            if guess.score < 1 and not guess.preferred:
                notes.append(f"predicate: nothing in the wording points to one; {predicate.id} is the first "
                             f"{value_type} predicate that fits")
            return self._finish(candidate, sentence, mentions, speaker, subject.entity, predicate.id, value,
                                modality, notes)
        return self._as_text(candidate, sentence, mentions, recent, speaker, clause, clause_span, modality, notes)

    def _as_text(self, candidate, sentence, mentions, recent, speaker, clause, clause_span, modality, notes):
        """Nothing of the value's type fits: the closest text predicate, with the words as its value."""
        fallback = candidate.value_type != "text"
        predicate_id = guessing.generic_text_predicate(self.vocabulary.predicates, candidate.cue, clause,
                                                       neutral_first=fallback)
        if predicate_id is None:
            self.unplaced += 1
            return None
        predicate = self.vocabulary.predicates[predicate_id]
        if fallback:   # the text predicate is a stand-in: its kinds say nothing about the subject
            subject = choose(candidate, mentions, recent, tuple(candidate.subject_kinds), value_entity=None,
                             clause=clause_span, text=self.text)
        else:
            subject = self._choose_subject(candidate, predicate, mentions, recent, None, clause_span)
        if subject is None:
            return None
        value = None if modality == "not-disclosed" else plain(self.text[candidate.start:candidate.end])
        if candidate.value_type != "text":
            notes.append(f"no {candidate.value_type} predicate of the vocabulary fits: drafted as text with "
                         f"{predicate_id}, the nearest; add a predicate to the vocabulary if this fact matters")
        return self._finish(candidate, sentence, mentions, speaker, subject.entity, predicate_id, value,
                            "asserted" if value is not None and modality == "not-disclosed" else modality, notes)

    def _subject_at(self, candidate: Candidate, sentence: Sentence, mentions: list[Mention],
                    speaker: Speaker | None = None):
        if candidate.detector == "attribution" and candidate.value_type == "text":
            return _Chosen(speaker.said_by, "speaker") if speaker and speaker.said_by else None
        if candidate.subject_at is None:
            return None
        start, end = candidate.subject_at
        overlapping = [m for m in mentions if start < m.end and m.start < end]
        if any(m.start <= candidate.start and candidate.end <= m.end for m in overlapping):
            return None   # "the Russian Federation": one name, not a country before a name
        inside = [m for m in overlapping if m.kind not in ("title", "office")]
        people = [m for m in inside if m.kind == "person"]
        if "person" in candidate.subject_kinds and people:
            return _Chosen(people[0].entity, people[0].how)
        if inside and "person" not in candidate.subject_kinds:
            return _Chosen(inside[-1].entity, inside[-1].how)
        spelled = re.sub(r"^(?:the|a|an)\s+", "", self.text[start:end].strip(), flags=re.IGNORECASE)
        spelled = re.sub(r"['\u2019]s$", "", spelled)
        if not spelled[:1].isupper() or overlapping:
            return None
        kind = next((k for k in candidate.subject_kinds if not k.startswith("subject-")), None)
        position = self.text.find(spelled, start)
        mention = self.matcher.name_mention(position, position + len(spelled), spelled, kind=kind, sentence=sentence)
        return _Chosen(mention.entity, mention.how) if mention else None

    def _choose_subject(self, candidate, predicate, mentions, recent, entity, clause_span):
        declared = predicate.subject_kinds
        kinds = declared or (*[k for k in candidate.subject_kinds if not k.startswith("subject-")],
                             *guessing.subject_kinds_of(predicate)) or predicate.entity_kinds
        kinds = (*kinds, *[k for k in candidate.subject_kinds if k.startswith("subject-")])
        return choose(candidate, mentions, recent, tuple(dict.fromkeys(kinds)),
                      value_entity=entity.entity if entity else None, clause=clause_span, text=self.text)

    def _reads(self, value, predicate, modality: str) -> bool:
        if value is None:
            return modality == "not-disclosed"
        context = ReadingContext(registry=self._registry(), ton=self.vocabulary.ton, anchor=self.anchor,
                                 future=modality in FORWARD_LOOKING)
        try:
            read_value(value, predicate, context)
        except (ValueProblem, ValueError):
            return False
        return True

    def _registry(self) -> Registry:
        if self._merged is None:
            self._merged = self.matcher.merged_registry()   # a live view: proposals made later are in it
        return self._merged

    def _finish(self, candidate, sentence, mentions, speaker, subject, predicate, value, modality, notes):
        said_by = None
        if speaker is not None:
            said_by = speaker.said_by or ({"anonymous": speaker.anonymous} if speaker.anonymous else None)
            if speaker.note():
                notes.append(speaker.note())
        if said_by == subject and predicate in ("office", "military-rank"):
            said_by = None
        if isinstance(value, str) and dates.is_relative(value):
            notes.append(self._resolution(value, modality))
        names = tuple(dict.fromkeys(m.spelled for m in mentions if m.proper))
        return DraftClaim(subject=subject, predicate=predicate, value=value, modality=modality,
                          quote=quote_of(sentence, candidate), line=sentence.line, detector=candidate.detector,
                          said_by=said_by, names=names, note="; ".join(notes))

    def _resolution(self, value: str, modality: str) -> str:
        resolved = dates.resolve(value, self.anchor, future=modality in FORWARD_LOOKING)
        if self.anchor is None:
            return f"'{value}' is relative: it resolves once the publication date is given"
        if resolved.span is None:
            return f"'{value}' cannot be resolved from the publication date alone"
        return f"'{value}' = {dates.describe(resolved.span, resolved.precision)} from the publication date"


@dataclass(frozen=True)
class _Chosen:
    entity: str
    how: str


_ANY_QUANTITY = Predicate(id="any-quantity", type="quantity")


def _unit_of(value: object) -> str | None:
    """The unit of a quantity shorthand, as the loader reads it ("$1.2 billion" is in USD)."""
    try:
        return read_quantity(value, _ANY_QUANTITY, ReadingContext(registry=Registry())).unit
    except (ValueProblem, ValueError):
        return None


def _anchor(published: str | None):
    if not published:
        return None
    try:
        value = read_published(published)
    except ValueProblem:
        return None
    return value.span if value else None


