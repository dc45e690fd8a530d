"""Warnings about milestones that are unlikely to match anything, for `monitor config check`.

A milestone is configured by hand, often from a title and a date. These checks say, before any
article is read, what a user would otherwise learn only from silence:

- no subject terms and none readable from the title;
- no domain pack, so no step words, no quantities and only the generic status words;
- nothing that puts an article on its topic (no context, place, reference or subject term);
- its own title and description, read as an article published the day it was announced,
  match none of its rules: the terms do not cover the words the commitment is described with.

Pure: the baseline and vocabulary arrive built; nothing here reads files or the clock.
"""

from __future__ import annotations

from datetime import date

from monitor.analysis.document import read_document
from monitor.analysis.mentions import find_mentions
from monitor.analysis.vocabulary import Vocabulary, title_terms


def milestone_warnings(vocabulary: Vocabulary, announced: date) -> list[str]:
    """One line per problem found, naming the milestone. `announced` is the day a milestone
    without its own announcement date was made (the newest seed's date)."""
    out: list[str] = []
    for m, spec in enumerate(vocabulary.milestones):
        milestone = spec.milestone
        where = f"milestone {milestone.id!r}"
        subjects = milestone.subject_terms or title_terms(milestone.title, spec.domain)
        if not milestone.subject_terms:
            if subjects:
                out.append(
                    f"{where}: no subject_terms; using words of its title: {', '.join(subjects)}"
                )
            else:
                out.append(f"{where}: no subject_terms, and none can be read from its title")
        if not [p for p in spec.domain.words.packs if p != "core"]:
            out.append(
                f"{where}: no domain pack (packs: [...]): no step words or quantities, only the "
                "generic words of a status change"
            )
        if not (
            milestone.context_terms or milestone.place_terms or milestone.references or subjects
        ):
            out.append(
                f"{where}: no context, place, reference or subject term: nothing puts an "
                "article on its topic"
            )
        text = ". ".join(
            t.strip().rstrip(".") for t in (milestone.title, milestone.description) if t
        )
        day = spec.announced or announced
        doc = read_document(text + ".", day, vocabulary)
        title = read_document(milestone.title, day, vocabulary, is_title=True)
        found = [
            f for f in find_mentions(doc, vocabulary, day, title.terms_seen) if f.milestone == m
        ]
        if not found:
            out.append(
                f"{where}: its own title and description match none of its rules; add the "
                "words reporting uses for it (subject_terms, references, place_terms)"
            )
    return out
