"""A milestone's domain words compiled for the rules: phrase indexes and lookups. Pure.

`compile_domain(words)` turns a `monitor.types.DomainWords` (merged from the domain packs and
the milestone's own additions, see `monitor.packs`) into the indexes the rules use: status
phrases, step phrases by family and role, the nouns that name the commitment's course or a
step, role nouns, place fillers and the quantities. Milestones with the same words share one
compiled `Domain` (it is cached), so what the rules memoise per document is shared too.

This module holds no word of any field: every word comes from the packs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from monitor.analysis.terms import PhraseIndex, Tokens, phrase_key, stem
from monitor.types import DomainWords, QuantityWords, StepWords

# Suffixes that make a word a noun of action ("-ment", "-tion" ...): such a word takes the
# tense of the verb near it, like the nouns a pack lists.
_NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence")


@dataclass(frozen=True, eq=False)
class Domain:
    """Compiled domain words. Compared by identity: one per distinct `DomainWords`."""

    words: DomainWords
    status_index: PhraseIndex[str]
    step_index: PhraseIndex[str]  # payload: the family name
    families: dict[str, StepWords]
    process_nouns: frozenset[str]  # lower-case words
    process_phrases: PhraseIndex[str]  # multi-word process and action nouns
    action_nouns: frozenset[str]
    role_nouns: frozenset[str]
    place_fillers: frozenset[str]
    pending_decisions: PhraseIndex[str]
    quantities: tuple[QuantityWords, ...]
    memo: dict = field(default_factory=dict)

    def role(self, family: str) -> str:
        spec = self.families.get(family)
        return spec.role if spec else ""

    def family_for(self, role: str) -> str | None:
        """The first family with this role (the one a step of that role is filed under)."""
        for name, spec in self.families.items():
            if spec.role == role:
                return name
        return None

    def is_action_noun(self, word: str) -> bool:
        """A noun naming a step or a change: listed in the packs, or formed like one
        ("-tion", "-ment" ...) or ending in "-al" ("removal")."""
        if word in self.action_nouns:
            return True
        if len(word) > 6 and word.endswith(_NOMINAL_SUFFIXES):
            return True
        return len(word) > 6 and word.endswith("al") and not word.endswith(("ial", "ical"))

    def pending_between(self, tokens: Tokens, lo: int, hi: int) -> bool:
        """Whether a decision that does not yet settle a change ("voted", "provisional
        agreement") stands in tokens[lo:hi]."""
        return bool(self.pending_decisions) and bool(self.pending_decisions.find(tokens, lo, hi))

    def is_course_noun(self, word: str) -> bool:
        """A noun the packs list as naming the commitment's course or a step of it (a noun
        merely formed like one, "invitation", names nothing tracked)."""
        return word in self.process_nouns or word in self.action_nouns


@lru_cache(maxsize=64)
def compile_domain(words: DomainWords) -> Domain:
    status = PhraseIndex(
        ((phrase, status) for status, phrases in words.status for phrase in phrases), separable=True
    )
    steps = PhraseIndex(
        ((phrase, spec.family) for spec in words.steps for phrase in spec.phrases), separable=True
    )
    singles = lambda phrases: frozenset(p for p in phrases if " " not in p)  # noqa: E731
    # "pull-out" is two tokens as read from a text: a phrase, like "entry into force".
    multi = [p for p in (*words.process_nouns, *words.action_nouns) if len(phrase_key(p)) > 1]
    return Domain(
        words=words,
        status_index=status,
        step_index=steps,
        families={spec.family: spec for spec in words.steps},
        process_nouns=singles(words.process_nouns),
        process_phrases=PhraseIndex((p, p) for p in multi),
        action_nouns=singles(words.action_nouns),
        role_nouns=frozenset(w for p in words.role_nouns for w in p.split()),
        place_fillers=frozenset(w for p in words.place_fillers for w in p.split()),
        pending_decisions=PhraseIndex((p, p) for p in words.pending_decisions),
        quantities=words.quantities,
    )


def stems_of(phrases: tuple[str, ...]) -> frozenset[str]:
    """The stems of the last word of each phrase (what a head noun is looked up by)."""
    return frozenset(phrase_key(p)[-1] for p in phrases if phrase_key(p)) | frozenset(
        stem(p) for p in phrases if " " not in p
    )
