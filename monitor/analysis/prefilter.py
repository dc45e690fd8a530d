"""Which articles no rule can match: a test on the raw text, before any tokenising. Pure.

The analysis puts an article on topic only when its text or headline holds a context or place
term of some milestone (`mentions.find_mentions`); an article off topic is relevant to no
milestone, carries no fact and no event, and is no re-publication of a seed either (a seed
speaks of the commitment: a text that names none of its places or context is not a copy of it
for a reader, whatever words it shares). So an article can be set aside, with the verdict the
analysis would give it, when no run of tokens of its text or headline could stem to a context or
place term.

That is decided by one regular expression over the lower-case text. A token of `terms`
starts where a run of letters or digits starts, and its stemmer only takes letters off the end
of a word (and turns "-ies" into "-y"), so every word that stems to `s` starts with `s`, or
with `s` less its final "y"; a stem of one or two letters is the whole word; a dotted acronym
("U.S.") stands in the text with a dot after each letter. Those "needles" are searched for at
the start of a word; finding one proves nothing (the analysis then runs as usual), finding
none proves the article off topic. A term of several words is searched for as its words in
sequence, each from the start of a word, with anything but letters and digits between them.

The proof is held by a test over every token of the labelled sets and by a test that compares
the analysis's verdicts with and without the prefilter on every labelled page.

This module decides; it does not analyse, store or count anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from monitor.analysis.terms import PARTICLES

# Lower-case letters whose lower case depends on their neighbours (Greek sigma): a needle is cut
# before them, so that the text's lower case, taken as a whole, still holds it.
_CONTEXTUAL = frozenset("σς")
# The note the analysis gives an article without any context or place term.
OFF_TOPIC = "off topic: no context or place term of any milestone in the article"


@dataclass(frozen=True, slots=True)
class Prefilter:
    """The search for the topic terms; `enabled` False passes every article."""

    pattern: str
    enabled: bool
    # One pass over the text finds any term (0.06 to 0.2 ms for a 5,000-character article,
    # against 0.8 ms to tokenise it and 3 ms to analyse it).
    _search: re.Pattern[str] | None = None

    def could_match(self, *texts: str | None) -> bool:
        """False only when the analysis would find the article (its text and headline) off
        topic."""
        if not self.enabled or self._search is None:
            return True
        return any(text and self._search.search(text.lower()) for text in texts)


# The rest of a token in the lower-case text: letters and digits, and the combining dot that
# the lower case of "İ" brings ("i" and U+0307), the one letter whose lower case is two.
_REST_OF_WORD = "(?:[^\\W_]|\u0307)*"
# What stands between two tokens of a phrase: anything but a letter or digit, and a possessive
# "s" (dropped by `terms.tokenize`: "operator's programme" is "operator programme").
_GAP = r"[\W_]+(?:s[\W_]+)?"


def word_pattern(stem: str) -> str | None:
    """A regular expression found in the lower-case text wherever a token stems to `stem`,
    from the token's first character; None when no such expression screens anything."""
    # A stem of one or two letters is a whole word: only words of at most three letters are
    # left as they are, and every suffix rule leaves at least three.
    whole = len(stem) <= 2
    needle = _cut(stem[:-1] if stem.endswith("y") and not whole else stem)
    if not needle:
        return None
    rest = r"(?![^\W_])" if whole and needle == stem else _REST_OF_WORD
    options = [re.escape(needle) + rest]
    if len(needle) >= 2 and needle.isascii() and needle.isalpha():
        options.append(r"\.".join(needle))  # "u.s" of "U.S." (acronyms stem without dots)
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def phrase_pattern(key: tuple[str, ...]) -> str | None:
    """The expression of a phrase's stems in sequence (its first word only for a phrasal
    verb, whose object may stand between verb and particle); None when it screens nothing."""
    if len(key) == 2 and key[1] in PARTICLES:
        key = key[:1]
    parts = [word_pattern(stem) for stem in key]
    if not parts or parts[0] is None:
        return None
    # A later word that cannot be screened ends the sequence: the words before still must be.
    kept = [parts[0]]
    for part in parts[1:]:
        if part is None:
            break
        kept.append(part)
    return _GAP.join(kept)


def build_prefilter(topic_keys: Iterable[tuple[str, ...]]) -> Prefilter:
    """The prefilter of a vocabulary's topic terms (the stems of its context and place
    terms); disabled when one of them cannot be screened for."""
    patterns = set()
    for key in topic_keys:
        pattern = phrase_pattern(key)
        if pattern is None:
            return Prefilter("", enabled=False)
        patterns.add(pattern)
    if not patterns:
        return Prefilter("", enabled=False)
    # Longest first, so that the alternation tries "union" before "uni".
    ordered = sorted(patterns, key=lambda p: (-len(p), p))
    pattern = r"(?<![^\W_])(?:" + "|".join(ordered) + ")"
    return Prefilter(pattern, enabled=True, _search=re.compile(pattern))


def _cut(needle: str) -> str:
    """The needle up to its first letter whose lower case depends on its neighbours."""
    for i, char in enumerate(needle):
        if char in _CONTEXTUAL:
            return needle[:i]
    return needle
