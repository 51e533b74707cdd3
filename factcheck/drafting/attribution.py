"""Who said it: the speaker of each sentence, named, anonymous, by pronoun, or carried into quoted speech.

"Dembélé said", "according to Dembele" and "said Gen Goïta" name the speaker; "he
noted" is the last person named before; "the official indicated" is the last
anonymous source. A sentence inside quotation marks without a speaker of its own
takes the speaker of its paragraph, or of the paragraph before when that one
ends with a colon ("In an interview, Diop stated:"). Only registered speakers
become `said_by`; others are named in the draft's note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .candidates import Candidate
from .detect_people import attributions
from .entities import EntityMatcher, Mention
from .sentences import Sentence

_PRONOUN = re.compile(r"^(?:he|she|they)$", re.IGNORECASE)
_SOURCE_WORD = re.compile(r"^the\s+(?:official|source|spokesman|spokeswoman|spokesperson)$", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    name: str                     # as the article gives it
    said_by: str | None = None    # a registered entity
    anonymous: str | None = None  # an unnamed source, in the article's words
    how: str = "named"            # named, pronoun, anonymous, inherited, unregistered
    candidate: Candidate | None = None   # the attribution in this sentence, if any

    def note(self) -> str:
        if self.how == "pronoun":
            return f"speaker '{self.name}' taken to be the last person named"
        if self.how == "inherited":
            return "speaker carried from the attribution of this quotation"
        if self.how == "unregistered":
            return f"said by {self.name} (not in the registry: set said_by once registered)"
        return ""


def speakers(sentences: list[Sentence], mentions: list[list[Mention]], matcher: EntityMatcher) -> dict[int, Speaker]:
    """The speaker of each sentence that has one, by sentence index."""
    found: dict[int, Speaker] = {}
    people: list[Mention] = []
    last_anonymous: Speaker | None = None
    for index, sentence in enumerate(sentences):
        own = next(iter(attributions(sentence)), None)
        if own is not None:
            speaker = _resolve(own, mentions[index], people, last_anonymous, matcher)
            if speaker is not None:
                found[index] = speaker
                if speaker.anonymous:
                    last_anonymous = speaker
        people.extend(m for m in mentions[index] if m.kind == "person")
    _carry_into_quotes(sentences, found)
    return found


def _resolve(candidate: Candidate, mentions: list[Mention], people: list[Mention], last_anonymous: Speaker | None,
             matcher: EntityMatcher) -> Speaker | None:
    words = str(candidate.value).strip()
    if candidate.note == "anonymous":
        return Speaker(words, anonymous=words, how="anonymous", candidate=candidate)
    if _PRONOUN.match(words):
        earlier = [m for m in people + [m for m in mentions if m.end <= candidate.start] if m.kind == "person"]
        if not earlier:
            return None
        person = earlier[-1]
        return Speaker(person.spelled, said_by=_registered(person, matcher), how="pronoun", candidate=candidate)
    if _SOURCE_WORD.match(words):
        if last_anonymous is None:
            return None
        return Speaker(words, anonymous=last_anonymous.anonymous, how="anonymous", candidate=candidate)
    inside = [m for m in mentions if candidate.start <= m.start and m.end <= candidate.end]
    person = next((m for m in inside if m.kind == "person"), None) or next(
        (m for m in inside if m.kind in ("organisation", "government", "company")), None)
    if person is None:
        return None
    said_by = _registered(person, matcher)
    return Speaker(person.spelled, said_by=said_by, how="named" if said_by else "unregistered", candidate=candidate)


def _registered(mention: Mention, matcher: EntityMatcher) -> str | None:
    return mention.entity if mention.entity in matcher.registry.entities else None


def _carry_into_quotes(sentences: list[Sentence], found: dict[int, Speaker]) -> None:
    inside = _inside_quotes(sentences)
    for index, sentence in enumerate(sentences):
        if index in found or not inside[index]:
            continue
        same = [i for i, other in enumerate(sentences) if other.paragraph == sentence.paragraph and i in found]
        source = min(same, key=lambda i: abs(i - index)) if same else None
        if source is None:
            before = [i for i, other in enumerate(sentences) if other.paragraph == sentence.paragraph - 1]
            if before and sentences[before[-1]].text.rstrip().endswith(":") and before[-1] in found:
                source = before[-1]
        if source is not None:
            speaker = found[source]
            found[index] = Speaker(speaker.name, said_by=speaker.said_by, anonymous=speaker.anonymous,
                                   how="inherited")


def _inside_quotes(sentences: list[Sentence]) -> list[bool]:
    """Whether each sentence is (partly) quoted speech: it opens with, or continues, a quotation."""
    result = []
    open_quote = False
    paragraph = None
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            open_quote, paragraph = False, sentence.paragraph
        starts_inside = open_quote or sentence.quoted
        for char in sentence.text:
            if char == "\u201c":
                open_quote = True
            elif char == "\u201d":
                open_quote = False
            elif char == '"':
                open_quote = not open_quote
        result.append(starts_inside)
    return result


def statement(sentence: Sentence, speaker: Speaker) -> Candidate:
    """An attributed sentence no detector understood: drafted as what the speaker said."""
    quoted = re.findall(r"[\u201c\"]([^\u201c\u201d\"]{12,})[\u201d\"]?", sentence.text)
    said = max(quoted, key=len) if quoted else sentence.text
    return Candidate("attribution", sentence.start, sentence.end, "text", re.sub(r"\s+", " ", said).strip(),
                     cue="said statement", subject_kinds=("person",),
                     note="an attributed statement: say what it asserts, or delete it")
