"""Quantities stated in sentences: "about 2,500 staff", "4,055 kilolitres". Pure.

A milestone declares the quantities that matter (through its domain packs or its own
`quantities`): counted nouns ("staff", "units") or units with a factor ("kl": 1,
"ML": 1000). Two forms are read:

    number first     [qualifier] number [to number] [modifiers] noun-or-unit
                     "fewer than 2,000 local staff", "250 to 350 workers", "4 ML"
    collective first collective ... to|at|of|from|around|about [qualifier] number
                     "cut the workforce to about 2,000", "staff levels of fewer than 500"

A fact's key is `<quantity>:<value>` (`<quantity>:<low>-<high>` for a range), the value in
the quantity's own unit, so "4 ML" and "4,000 kl" compare equal. Qualifiers ("about",
"fewer than") and number words ("a few hundred") are generic English (`lexicon`); the nouns,
units and modifiers come from the domain. A bare year is never a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from monitor.analysis.date_forms import MONTHS
from monitor.analysis.document import Document
from monitor.analysis.lexicon import NUMBER_WORDS, QUALIFIERS, SCALE_WORDS
from monitor.analysis.terms import phrase_key, stem
from monitor.types import QuantityWords

_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_WORDNUM = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_SCALE = "|".join(SCALE_WORDS)
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+(?:{_SCALE}))?|{_WORDNUM})"
# Words between a number and its noun that any quantity allows: a capitalised name ("US",
# "German") or one of these.
_GENERIC_MODIFIERS = ("more", "additional", "remaining", "extra", "other", "new", "last")
# What a number after a collective must not be followed by: then it counts something else.
_NOT_A_COUNT = (
    r"(?!\s*(?:%|percent|per\s+cent|years?|months?|days?|weeks?|hours?|km|kilomet|miles"
    r"|attacks?|times))"
)
# How many words before a number a quantity phrase may start ("no more than a few hundred").
NUMBER_BACK = 5
_YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity phrase: which quantity, its value (or range) and the phrase as written."""

    name: str
    value: float
    upper: float | None
    phrase: str
    qualifier: str  # "~", "<", ">", "=" or ""

    @property
    def key(self) -> str:
        if self.upper is not None:
            return f"{self.name}:{_render(self.value)}-{_render(self.upper)}"
        return f"{self.name}:{_render(self.value)}"


def _render(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def number_value(text: str) -> float | None:
    """ "2,500" -> 2500, "1.5 million" -> 1500000, "a few hundred" -> 300; None if not a number."""
    flat = " ".join(text.lower().split())
    if flat in NUMBER_WORDS:
        return float(NUMBER_WORDS[flat])
    match = re.fullmatch(rf"([\d,]+(?:\.\d+)?)(?:\s+({_SCALE}))?", flat)
    if not match:
        return None
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    if match.group(2):
        value *= SCALE_WORDS[match.group(2)]
    return value


@dataclass(frozen=True)
class _Compiled:
    words: QuantityWords
    before: re.Pattern[str]
    after: re.Pattern[str] | None
    factors: dict[str, float]  # unit phrase (normalised) -> factor
    anchor_stems: frozenset[str]  # stems one of which a sentence must hold ...
    always: bool  # ... unless a unit is not a word ("%"), which tokens do not show


def _alternation(phrases: list[str]) -> str:
    escaped = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return "|".join(escaped)


@lru_cache(maxsize=256)
def _compile(words: QuantityWords) -> _Compiled | None:
    heads = list(words.nouns) + [u for u, _ in words.units]
    if not heads:
        return None
    modifiers = "|".join(re.escape(m) for m in (*_GENERIC_MODIFIERS, *words.modifiers))
    units = {" ".join(u.split()): f for u, f in words.units}
    # A unit may follow its number without a space ("4GW", "6%"); a noun needs one.
    before = re.compile(
        rf"""(?ix)
        (?:\b(?P<qual>{_QUAL})\s+)?
        (?<![\w.,])(?P<num>{_NUM})(?:\s*(?:to|-|–|and)\s*(?P<num2>{_NUM}))?
        (?:
            \s*(?P<unit>{_alternation(list(units))})(?![\w])
          | \s+(?:(?:(?-i:[A-Z][\w.\-]*)|{modifiers})\s+){{0,3}}?(?P<noun>{_alternation(list(words.nouns))})\b
        )
        """
        if units and words.nouns
        else (
            rf"""(?ix)
        (?:\b(?P<qual>{_QUAL})\s+)?
        (?<![\w.,])(?P<num>{_NUM})(?:\s*(?:to|-|–|and)\s*(?P<num2>{_NUM}))?
        \s*(?P<unit>{_alternation(list(units))})(?![\w])
        """
            if units
            else rf"""(?ix)
        (?:\b(?P<qual>{_QUAL})\s+)?
        (?<![\w.,])(?P<num>{_NUM})(?:\s*(?:to|-|–|and)\s*(?P<num2>{_NUM}))?
        \s+(?:(?:(?-i:[A-Z][\w.\-]*)|{modifiers})\s+){{0,3}}?(?P<noun>{_alternation(list(words.nouns))})\b
        """
        )
    )
    after = None
    if words.collectives:
        after = re.compile(
            rf"""(?ix)
            \b(?P<noun>{_alternation(list(words.collectives))})\b
            (?:\s+[\w.\-]+){{0,4}}?\s+(?:to|at|of|from|around|about)\s+
            (?:(?P<qual>{_QUAL})\s+)?
            (?P<num>\d{{1,3}}(?:,\d{{3}})+|\d{{2,3}}|{_WORDNUM})\b
            {_NOT_A_COUNT}
            """
        )
    anchors = set()
    always = False
    for phrase in (*words.nouns, *words.collectives, *units):
        key = phrase_key(phrase)
        if key:
            anchors.add(key[-1])
        else:
            always = True
    return _Compiled(words, before, after, units, frozenset(anchors), always)


def find_quantities(
    doc: Document, sentence: int, quantities: tuple[QuantityWords, ...]
) -> list[Quantity]:
    """Every quantity phrase of a sentence, leftmost first, one per value and quantity."""
    first, last = doc.spans[sentence]
    stems = doc.tokens.stems
    window = stems[first:last]
    numbers = None
    out: list[Quantity] = []
    seen: set[tuple[str, float]] = set()
    for words in quantities:
        compiled = _compile(words)
        if compiled is None or (not compiled.always and compiled.anchor_stems.isdisjoint(window)):
            continue
        if numbers is None:
            numbers = [k for k in range(first, last) if _numeric(stems[k])]
        if not numbers:
            return out
        nouns = [k for k in range(first, last) if stems[k] in compiled.anchor_stems]
        for pattern, anchors, back in (
            (compiled.before, numbers, NUMBER_BACK),
            (compiled.after, nouns, 0),
        ):
            if pattern is None:
                continue
            for match in _matches_at(doc, sentence, pattern, anchors, back):
                q = _quantity(match, compiled, pattern is compiled.after)
                if q is None or (q.name, q.value) in seen:
                    continue
                seen.add((q.name, q.value))
                if q.upper is not None:
                    seen.add((q.name, q.upper))
                out.append(q)
    return out


def _numeric(token: str) -> bool:
    return token[:1].isdigit() or token in _NUMBER_STEMS


_NUMBER_STEMS = frozenset(
    stem(w)
    for phrase in NUMBER_WORDS
    for w in phrase.split()
    if w not in ("a", "of", "few", "several", "one", "two", "three", "four", "five")
    and w not in ("six", "seven", "eight", "nine")
)


def _named(text: str, start: int) -> bool:
    """Whether a number right after a capitalised word is part of a name ("Unit 2 boiler",
    "Unit 3 turbines") rather than a count."""
    head = text[max(0, start - 40) : start].rstrip()
    if len(head) == len(text[max(0, start - 40) : start]):
        return False  # no space before the number
    words = head.split()
    if not words:
        return False
    last = words[-1]
    return last[:1].isupper() and last.isalpha() and len(words) > 1 and last.lower() not in MONTHS


def _quantity(match: re.Match[str], compiled: _Compiled, collective_first: bool) -> Quantity | None:
    raw = match.group("num")
    if (
        not collective_first
        and not match.group("qual")
        and _named(match.string, match.start("num"))
    ):
        return None
    value = number_value(raw)
    if value is None or value < 2 and not match.groupdict().get("unit"):
        return None
    if collective_first and _YEAR.fullmatch(raw):
        return None  # "in 2025 staff ..." is a year
    groups = match.groupdict()
    unit = groups.get("unit")
    factor = 1.0
    if unit:
        factor = compiled.factors.get(" ".join(unit.lower().split()), 1.0)
    elif not collective_first and _YEAR.fullmatch(raw) and not groups.get("qual"):
        # "2025 staff" is rare, "in 2025 staff" common; a year needs a qualifier to count.
        return None
    upper_raw = groups.get("num2")
    upper = number_value(upper_raw) if upper_raw else None
    qual = (groups.get("qual") or "").lower()
    if collective_first:
        phrase = " ".join(f"{qual} {raw}".split())
    else:
        phrase = " ".join(match.group(0).split())
    return Quantity(
        name=compiled.words.name,
        value=value * factor,
        upper=upper * factor if upper is not None else None,
        phrase=phrase,
        qualifier=QUALIFIERS.get(" ".join(qual.split()), "") if qual else "",
    )


def _matches_at(
    doc: Document, sentence: int, pattern: re.Pattern[str], anchors: list[int], back: int
) -> list[re.Match[str]]:
    """The leftmost non-overlapping matches of a quantity pattern that hold an anchor token
    (a number, or the noun the pattern opens with). The pattern is tried only at the starts
    of the anchor and of up to `back` words before it (a qualifier, "a few"): the same
    matches as a scan of the sentence, for a fraction of the cost."""
    text, end = doc.text, doc.sentences[sentence].end
    starts = doc.tokens.starts
    first = doc.spans[sentence][0]
    out: list[re.Match[str]] = []
    done = -1
    for k in anchors:
        if starts[k] < done:
            continue
        for j in range(max(first, k - back), k + 1):
            if starts[j] < done:
                continue
            match = pattern.match(text, starts[j], end)
            if match is not None and match.end() > starts[k]:
                out.append(match)
                done = match.end()
                break
    return out
