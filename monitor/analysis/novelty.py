"""Decide an article's novelty from its mentions, its facts and the baseline. Pure.

The rule, in order:

1. `baseline_repeat` when the article is substantially a copy of a seed (see `repeat`),
   unless the sentences it adds to the copy carry a new strong fact, which makes it `new`.
2. `none` when no sentence mentions a milestone.
3. `new` when a fact from a mention is in neither the baseline nor the facts already
   delivered (`known_facts`) and is strong: a status change (completed, delayed, extended,
   reversed, denied), a step taken at a place, a quantity, or a target date the
   baseline does not give. Weak facts (a plan at a place the baseline does not name, a
   confirmation, a delay or extension asked for or discussed) make it
   `new` only when the milestone is the article's lead (its headline or first sentences) or
   when they are said in a sentence that names the milestone outright (a reference or its
   due date). A headline that speaks of the milestone (one the body speaks of too) makes it the
   article's news: with no other new fact it counts as a confirmation (kind `confirmation`, key
   `confirmed:<date or "plan">`). Staying where things are is reported but decides
   nothing.
4. `background` otherwise: the milestone is there, but what is said of it restates the
   baseline. An article whose facts were all delivered in earlier digests also lands here:
   it corroborates what readers know (its facts go to `Finding.known_facts`, and a note says
   how many it corroborates).

`known_facts` holds "<milestone id>:<fact key>" strings (the keys are described in `facts`);
(milestone id, key) pairs are accepted too, as `monitor.store.findings.known_fact_keys`
returns them.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.analysis.lexicon import STATUS_CHANGES
from monitor.types import Fact, Novelty, StatusChange

# When several status changes are new, the one the alert names.
_STATUS_PRIORITY = ("completed", "reversed", "extended", "delayed", "denied")


def fact_id(milestone: str, key: str) -> str:
    """The string form of a fact's identity in `known_facts`."""
    return f"{milestone}:{key}"


def normalise_known(known: Iterable[str | tuple[str, str]]) -> frozenset[str]:
    out: set[str] = set()
    for item in known:
        if isinstance(item, tuple):
            out.add(fact_id(*item))
        else:
            out.add(str(item))
    return frozenset(out)


def decide(*, relevant: bool, is_copy: bool, new_facts: list[Fact], added_to_copy: bool) -> Novelty:
    """The class, given the facts that count (strong ones, and weak ones that carry weight)
    and whether the sentences an article adds to a copy carry a strong new fact."""
    if is_copy and not added_to_copy:
        return "baseline_repeat"
    if not relevant:
        return "none"
    return "new" if new_facts else "background"


def status_change(new_facts: Iterable[Fact]) -> StatusChange | None:
    statuses = {f.key.split(":", 1)[1] for f in new_facts if f.key.startswith("status:")}
    for status in _STATUS_PRIORITY:
        if status in statuses and status in STATUS_CHANGES:
            return status  # type: ignore[return-value]
    return None
