"""Entities named by description rather than by name: "a gold refinery", "the refinery", "a copper smelter".

Three ways a sentence names an entity without its proper name:

- by the words of a descriptive registry name: "a gold refinery" for "Senou gold refinery" (the head noun
  in the sentence, with one of the name's other words near it);
- by referring back: "the refinery", "this plant", "the group's head" mean the latest entity of a fitting
  kind the article mentioned;
- by introducing something new: "a copper smelter near Kitwe", "a revised electoral code" are proposed as
  new entities (a facility, a law) named by the words before the noun.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..registry import Registry
from ..text import fold
from .mentions import Mention
from .sentences import Sentence

if TYPE_CHECKING:
    from .entities import EntityMatcher

_WORD = re.compile(r"[\w\u00c0-\u024f]+")

# Head nouns that refer back ("the refinery") and the kinds of entity they can mean.
REFERRING_NOUNS = {
    "facility": ("facility", "project"), "plant": ("facility", "project"), "refinery": ("facility",),
    "mine": ("facility",), "unit": ("facility",), "project": ("project", "facility"), "company": ("company",),
    "group": ("company", "organisation", "group"), "firm": ("company",), "conglomerate": ("company",),
    "alliance": ("organisation",), "bloc": ("organisation",), "organisation": ("organisation",),
    "organization": ("organisation",), "code": ("law",), "law": ("law",), "fund": ("fund",),
    "commission": ("organisation", "government"), "ministry": ("government",), "government": ("government",),
    "meeting": ("event",), "ceremony": ("event",), "visit": ("event",), "session": ("event",),
    "summit": ("event",), "agreement": ("document",), "deal": ("document",), "accord": ("document",),
    "country": ("country",), "nation": ("country",), "city": ("place",), "capital": ("place",),
    "smelter": ("facility",), "factory": ("facility",), "mill": ("facility",), "dam": ("facility",),
    "port": ("facility",), "pipeline": ("facility",), "railway": ("facility", "project"),
    "airport": ("facility",), "terminal": ("facility",), "reactor": ("facility",), "hospital": ("facility",),
    "bridge": ("facility", "project"), "programme": ("project",), "program": ("project",),
    "scheme": ("project",), "reform": ("project", "law"), "act": ("law",), "bill": ("law",),
    "constitution": ("law",), "decree": ("law",), "treaty": ("document",), "contract": ("document",),
    "election": ("event",), "vote": ("event",), "referendum": ("event",), "conference": ("event",),
    "debate": ("event",), "festival": ("event",), "committee": ("organisation",), "agency": ("government",),
}
# Head nouns that name a new thing when an article introduces it ("a copper smelter", "a revised electoral
# code"): proposed as an entity of this kind, named by the words before the noun.
NEW_THING_HEADS = {
    "facility": ("smelter", "refinery", "plant", "mine", "factory", "mill", "dam", "port", "pipeline", "railway",
                 "airport", "terminal", "reactor", "facility", "hospital", "stadium", "bridge", "highway",
                 "complex", "hub", "unit", "station"),
    "project": ("project", "programme", "program", "scheme", "initiative", "reform"),
    "law": ("code", "law", "act", "bill", "constitution", "decree"),
    "document": ("agreement", "deal", "accord", "treaty", "contract", "memorandum"),
    "event": ("election", "referendum", "summit", "conference", "meeting", "ceremony", "visit", "debate"),
}
_KIND_OF_HEAD = {head: kind for kind, heads in NEW_THING_HEADS.items() for head in heads}
_NEW_THING = re.compile(r"\b(?P<det>[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Nn]ew)\s+(?P<mods>(?:[\w\-]+\s+){1,4}?)"
                        r"(?P<head>" + "|".join(sorted(_KIND_OF_HEAD, key=len, reverse=True)) + r")\b"
                        r"(?:\s+(?P<where>(?:in|near|at)\s+[A-Z][\w\u00c0-\u024f]+(?:\s+[A-Z][\w\u00c0-\u024f]+)?))?")
_NOT_MODIFIERS = frozenset("is was are were be been has have had will would its their his her our this that these "
                           "those which who what and or but of in on at to for by with from as than into".split())
_NOT_NAMING = frozenset("new major big large small huge massive planned proposed future latest first second "
                        "third key main flagship".split())   # words that describe a thing without naming it
_REFERENCE = re.compile(r"\b(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:[a-z\-]+\s+)?(" + "|".join(REFERRING_NOUNS) + r")\b")
_STOP = frozenset("a an the of in at on for to by with and or unnamed its his her their s".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def descriptors(registry: Registry) -> dict[str, list[tuple[str, set[str]]]]:
    """head noun -> [(entity id, the name's other content words)] for entities with descriptive names."""
    found: dict[str, list[tuple[str, set[str]]]] = {}
    for entity in registry.entities.values():
        if entity.kind in ("person", "country", "title", "office", "commodity", "place"):
            continue
        name = fold(entity.name)
        before = re.split(r"\b(?:in|of|at|to|for|on|with|by|overseeing)\b", name)[0].split()
        content = [word for word in before if word not in _STOP]
        if len(content) < 2 or not any(ch.islower() for ch in entity.name):
            continue
        head = _stem(content[-1])
        others = {_stem(word) for word in name.split() if word not in _STOP} - {head}
        found.setdefault(head, []).append((entity.id, others))
    return found


def descriptor_mentions(matcher: EntityMatcher, sentence: Sentence, named: list[Mention]) -> list[Mention]:
    """Registry entities named by their descriptive words: "a gold refinery" for "Senou gold refinery".

    The head noun must be in the sentence with one of the name's other words among the six
    words around it; when several entities fit one head, the one sharing most words wins.
    """
    sentence_words = [(m.start(), m.end(), _stem(fold(m.group()))) for m in _WORD.finditer(sentence.text)]
    stems = {stem for _, _, stem in sentence_words}
    taken = {mention.entity for mention in named}
    best: dict[int, tuple[int, str]] = {}
    for head, entity_id, others in ((head, e, o) for head in stems & matcher.descriptors.keys()
                                    for e, o in matcher.descriptors[head]):
        if entity_id in taken or not others & stems:
            continue
        for index, (start, end, stem) in enumerate(sentence_words):
            absolute = sentence.start + start
            if stem != head or any(m.start <= absolute < m.end for m in named):
                continue
            near = {w for _, _, w in sentence_words[max(0, index - 6):index + 7]} - {stem}
            if not near & others:
                continue
            score = len(others & stems)
            if index not in best or score > best[index][0]:
                best[index] = (score, entity_id)
    found = []
    for index, (_, entity_id) in sorted(best.items()):
        start, end, _ = sentence_words[index]
        entity = matcher.registry.entities[entity_id]
        found.append(Mention(sentence.start + start, sentence.start + end, sentence.text[start:end], entity_id,
                             entity.kind, "descriptor", False))
    return found


def references(matcher: EntityMatcher, sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """"the refinery", "this plant", "the group's head": the latest entity of a fitting kind."""
    referring = []
    for match in _REFERENCE.finditer(sentence.text):
        noun = match.group(1)
        absolute = sentence.start + match.start()
        if any(m.start <= absolute < m.end for m in found) or \
                re.match(r"\s+[A-Z]", sentence.text[match.end():]):  # "the capital Bamako": a name follows
            continue
        earlier = [m for m in matcher.recent + [m for m in found if m.end <= absolute]
                   if m.kind in REFERRING_NOUNS[noun] and m.how != "reference"]
        if not earlier:
            continue
        latest = earlier[-5:]
        named = [m for m in latest if noun in fold(matcher.name_of(m.entity))]
        modified = len(match.group().split()) > 2   # "the presidential election": only one by that name
        if modified and not named:
            continue
        target = (named or latest)[-1]
        referring.append(Mention(absolute, sentence.start + match.end(), match.group(), target.entity,
                                 target.kind, "reference", False))
    return referring


def new_things(matcher: EntityMatcher, sentence: Sentence, found: list[Mention]) -> list[Mention]:
    """"a copper smelter near Kitwe", "a revised electoral code": a new facility, law or event, proposed."""
    new = []
    for match in _NEW_THING.finditer(sentence.text):
        head_start = sentence.start + match.start("head")
        if any(m.start <= head_start < m.end for m in found + new):
            continue
        mods = [word for word in match["mods"].split() if not any(ch.isdigit() for ch in word)
                and word.lower() not in _NOT_MODIFIERS | _NOT_NAMING and not word.isupper()]
        if not mods or match["mods"].split()[0].lower() in _NOT_MODIFIERS:
            continue
        name = " ".join(mods + [match["head"]]) + (f" {match['where']}" if match["where"] else "")
        if name[:1].isupper() and match["det"].lower() in ("the", "its", "their"):
            continue  # "the Senou refinery": a name the registry scan or the name finder handles
        kind = _KIND_OF_HEAD[match["head"]]
        proposal = matcher.propose(name, kind, sentence.line)
        start = sentence.start + match.start("mods")
        new.append(Mention(start, sentence.start + match.end("head"), sentence.text[match.start("mods"):
                                                                                     match.end("head")],
                           proposal.id, proposal.kind, "proposed", False))
    return new

