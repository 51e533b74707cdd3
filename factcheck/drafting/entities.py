"""Names in a sentence, matched against the registry; the names it lacks, proposed as new entities.

A sentence's tokens are scanned for the longest run of words whose folded form
is a registered spelling (id, name or alias; case and accents do not matter,
but a capitalised spelling matches only capitalised words, so "general
election" is not General). What is left of each run of capitalised words is
compared with the registry's spellings for a near spelling ("Alousseini Sanou"
is one letter from "Alousseni Sanou": the registered entity, with the article's
spelling kept in `names`), and otherwise proposed as a new entity whose kind is
guessed from its words ("... Group" a company, "... Fund" a fund, a name after a
title a person). Descriptive registry names ("Senou gold refinery") are also
found by their words ("a gold refinery"), and "the refinery", "the group" refer
back to the latest entity of that kind.
"""
from __future__ import annotations

import re
from collections import ChainMap
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..model.registry import Entity
from ..registry import Registry
from ..text import fold
from . import descriptions, names, words
from .mentions import Mention, Proposal
from .sentences import Sentence

_TOKEN = re.compile(r"[\w\u00c0-\u024f]+(?:['\u2019][\w\u00c0-\u024f]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_MAX_WINDOW = 8
NEAR_SPELLING = 0.85
__all__ = ["EntityMatcher", "Mention", "Proposal"]


@dataclass(frozen=True)
class _Spelling:
    entity: str
    capitalised: bool


class EntityMatcher:
    """Finds entities in the sentences of one article, in order, and remembers what it proposed."""

    def __init__(self, registry: Registry, text: str, *, ignore: tuple[str, ...] = ()):
        self.registry = registry
        self.text = text
        self._ignore = {fold(name) for name in ignore if name}   # the outlet, the author: not entities
        self.proposals: dict[str, Proposal] = {}
        self._proposed_spellings: dict[str, str] = {}
        self.recent: list[Mention] = []
        self._spellings = _index(registry)
        self.descriptors = descriptions.descriptors(registry)
        self._choices = list(self._spellings)
        self._capitalised_inside = names.mid_sentence_capitals(text)
        self._proposed_words: dict[str, str] = {}   # first or last word of a proposed name -> its id
        self._proposed_entities: dict[str, Entity] = {}

    # --- what a sentence mentions ------------------------------------------------------------------

    def mentions(self, sentence: Sentence) -> list[Mention]:
        tokens = [(m.start() + sentence.start, m.end() + sentence.start, m.group())
                  for m in _TOKEN.finditer(sentence.text)]
        found: list[Mention] = []
        covered: set[int] = set()
        index = 0
        while index < len(tokens):
            match = self._registered_at(tokens, index)
            if match:
                found.append(match[0])
                covered.update(range(index, match[1]))
                index = match[1]
            else:
                index += 1
        found.extend(descriptions.descriptor_mentions(self, sentence, found))
        if not sentence.title_case:
            found.extend(self._unregistered(sentence, tokens, covered))
        found.extend(descriptions.references(self, sentence, found))
        found.extend(descriptions.new_things(self, sentence, found))
        found.sort(key=lambda mention: (mention.start, -mention.end))
        self.recent = (self.recent + found)[-60:]
        return found

    def _registered_at(self, tokens, index: int):
        for stop in range(min(len(tokens), index + _MAX_WINDOW), index, -1):
            if not all(names.GAP_IN_NAME.match(self.text[tokens[k][1]:tokens[k + 1][0]]) or
                       self.text[tokens[k][1]:tokens[k + 1][0]].strip() in ("", "\u2013", "-")
                       for k in range(index, stop - 1)):
                continue
            start, end = tokens[index][0], tokens[stop - 1][1]
            spelled = self.text[start:end]
            for candidate in (spelled, _POSSESSIVE.sub("", spelled)):
                hit = self._spellings.get(fold(candidate))
                if hit and (not hit.capitalised or candidate[:1].isupper()):
                    entity = self.registry.entities[hit.entity]
                    trimmed = candidate if candidate == spelled else spelled[:len(candidate)]
                    return Mention(start, start + len(trimmed), trimmed, entity.id, entity.kind, "name",
                                   candidate[:1].isupper() and entity.kind not in ("title", "office")), stop
        return None

    # --- names the registry lacks ------------------------------------------------------------------

    def _unregistered(self, sentence: Sentence, tokens, covered: set[int]) -> list[Mention]:
        found = []
        for first, last in names.capitalised_runs(self.text, tokens, covered):
            run = tokens[first:last]
            titles = [i for i, token in enumerate(run[:-1]) if token[2].lower() in words.TITLE_TOKENS]
            if titles:   # "Mines Minister Paul Kabusewe": the name is what follows the title
                run = run[titles[-1] + 1:]
            while run and (run[0][2].lower().rstrip("'\u2019s") in words.NOT_NAMES
                           or run[0][2].lower() in words.TITLE_TOKENS or run[0][2].lower() in words.DEMONYMS):
                run = run[1:]
            while run and (run[-1][2].lower() in words.LINKING_WORDS):
                run = run[:-1]
            if not run or (names.not_a_name(run, first_token=tokens[0][0] == run[0][0],
                                            capitalised_inside=self._capitalised_inside)
                           and not (len(run) == 1 and self._linked(fold(run[0][2])))):
                continue
            start, end = run[0][0], run[-1][1]
            spelled = _POSSESSIVE.sub("", self.text[start:end]) if len(run) == 1 or \
                _POSSESSIVE.search(self.text[start:end]) else self.text[start:end]
            end = start + len(spelled)
            mention = self.name_mention(start, end, spelled, kind=None, sentence=sentence)
            if mention is not None:
                found.append(mention)
        return found

    def name_mention(self, start: int, end: int, spelled: str, *, kind: str | None,
                     sentence: Sentence) -> Mention | None:
        """A name the registry may know by a near spelling, or a proposal (kind guessed unless given)."""
        key = fold(spelled)
        if not key or key.isdigit() or key in self._ignore or key in words.NOT_NAMES:
            return None
        hit = self._spellings.get(key)
        if hit:
            entity = self.registry.entities[hit.entity]
            return Mention(start, end, spelled, entity.id, entity.kind, "name", True)
        linked = self._linked(key)
        if linked is not None:
            self.add_alias(linked, spelled)
            return Mention(start, end, spelled, linked, self.kind_of(linked) or "other", "name", True)
        near = self._near(key)
        if near:
            entity = self.registry.entities[near]
            return Mention(start, end, spelled, entity.id, entity.kind, "near-spelling", True)
        proposal = self.propose(spelled, kind or names.guess_kind(spelled, self.text, start, end), sentence.line)
        return Mention(start, end, spelled, proposal.id, proposal.kind, "proposed", True)

    def _linked(self, key: str) -> str | None:
        """One word that shortens a name met before: "Kestrel" after "Kestrel Metals", "Tine" after
        "Jean Baptiste Tine", "Assembly" after "National Assembly"."""
        if " " in key or len(key) < 3:
            return None
        for mention in reversed(self.recent):
            words_of = fold(mention.spelled).split()
            if mention.proper and len(words_of) > 1 and key in (words_of[0], words_of[-1]):
                return mention.entity
        return self._proposed_words.get(key)

    def _near(self, key: str) -> str | None:
        if len(key) < 6 or not self._choices:
            return None
        found = process.extractOne(key, self._choices, scorer=Levenshtein.normalized_similarity,
                                   score_cutoff=NEAR_SPELLING)
        if found is None or found[0].count(" ") != key.count(" "):
            return None
        return self._spellings[found[0]].entity

    def propose(self, spelled: str, kind: str, line: int) -> Proposal:
        key = fold(spelled)
        if key in self._proposed_spellings:
            return self.proposals[self._proposed_spellings[key]]
        base = re.sub(r"[^a-z0-9]+", "-", key).strip("-")[:60] or "entity"
        entity_id, number = base, 2
        while entity_id in self.registry.entities or entity_id in self.proposals:
            entity_id, number = f"{base}-{number}", number + 1
        near = self.registry.closest(spelled, limit=1)
        proposal = Proposal(entity_id, spelled, kind, line=line,
                            near=self.name_of(near[0]) if near else None)
        self.proposals[entity_id] = proposal
        self._proposed_entities[entity_id] = proposal.entity()
        self._proposed_spellings[key] = entity_id
        self._proposed_spellings.setdefault(entity_id, entity_id)
        if " " in key and spelled[:1].isupper():   # "Whitfield" will be Dana Whitfield, "Kestrel" Kestrel Metals
            for word in (key.split()[0], key.split()[-1]):
                self._proposed_words.setdefault(word, entity_id)
        return proposal

    def add_alias(self, entity_id: str, spelled: str) -> None:
        """An acronym in brackets after a proposed name: "Economic Community of West African States (ECOWAS)"."""
        proposal = self.proposals.get(entity_id)
        key = fold(spelled)
        if proposal and key not in self._proposed_spellings and key not in self._spellings:
            proposal.aliases.append(spelled)
            self._proposed_spellings[key] = entity_id
            self._proposed_entities[entity_id] = proposal.entity()

    def name_of(self, entity_id: str) -> str:
        if entity_id in self.registry.entities:
            return self.registry.entities[entity_id].name
        return self.proposals[entity_id].name if entity_id in self.proposals else entity_id

    def kind_of(self, entity_id: str) -> str | None:
        if entity_id in self.registry.entities:
            return self.registry.entities[entity_id].kind
        return self.proposals[entity_id].kind if entity_id in self.proposals else None

    def merged_registry(self) -> Registry:
        """The registry with this article's proposals: what the draft's claims are read against.

        A view, not a copy: the registry's own entries first, then the proposals as they stand.
        """
        return Registry(entities=ChainMap(self.registry.entities, self._proposed_entities),
                        by_spelling=ChainMap(self.registry.by_spelling, self._proposed_spellings))


def _index(registry: Registry) -> dict[str, _Spelling]:
    index: dict[str, _Spelling] = {}
    for entity in registry.entities.values():
        for spelling in entity.spellings():
            key = fold(spelling)
            if key and key not in index:
                index[key] = _Spelling(entity.id, spelling[:1].isupper())
    return index


