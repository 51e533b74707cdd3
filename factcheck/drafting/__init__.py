"""Drafting claims from an article's text: `factcheck new`.

The drafter reads an article, splits it into sentences, runs small pattern
detectors over each sentence (quantities, dates, rankings, titles, partnerships,
plans, non-disclosures, counts, attributions, relations, purposes), matches the
names it meets against the registry, and writes a claims file in which every
claim is a draft (`draft: true`) for a fact-checker to accept, edit or delete.
Nothing here decides what is true: a draft is a pointer to a sentence worth
checking, with a first guess at its subject, predicate and value.

    article.py       reading the text file: size limit, UTF-8, hints from a dateline
    sentences.py     sentences with their offsets in the text, and the clause around a word
    words.py         word lists and regex building blocks the detectors share
    detect_*.py      the detectors, one small function per kind of statement
    candidates.py    the `Candidate` they return, and all detectors run over a sentence
    entities.py      names in a sentence against the registry (mentions.py: what it finds);
    names.py         capitalised names the registry lacks, and their likely kind;
    descriptions.py  entities named by description ("a gold refinery", "the refinery")
    values.py        entity values: the name a detector pointed at, or a role matched to an office
    subjects.py      the subject of a candidate among the mentions
    predicates.py    the predicate of a candidate, guessed from the vocabulary
    modality.py      asserted, planned, expected, denied, not-disclosed or uncertain
    attribution.py   who said it
    quotes.py        the words a draft quotes
    draft.py         the pipeline: candidates to draft claims (result.py: what comes out)
    writer.py        the claims file's YAML text
"""
from __future__ import annotations

from .article import ArticleError, read_article
from .draft import draft_article
from .result import Draft, DraftClaim, SourceInfo

__all__ = ["ArticleError", "Draft", "DraftClaim", "SourceInfo", "draft_article", "read_article"]
