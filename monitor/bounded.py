"""Bounded analysis: what one article may cost the analysis, and the analysis as the worker
pool runs it.

The analysis itself (`monitor.analysis`) has no bounds of its own; the pipeline applies them
around it, from `analysis_limits` in the configuration:

- the text: at most `max_text_chars` characters are analysed, cut at a paragraph or sentence
  end where one is near (`cap_text`);
- the time: the analysis runs in the worker pool (`install`, then `analyse_installed` per
  article), whose time bound kills a run past `timeout_seconds`;
- the rows: at most `max_mentions` mentions are kept, the strongest (`cap_mentions`).

Each cut is described in words (`Cut.note`) and stored on the article (`analysis_cut`), so a
reader of the evidence knows what was left out. Pure, except `install`, which keeps the
baseline in a worker's memory so it is not sent with every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from monitor.types import Article, Finding

# A cut looks back this far (a share of the cap) for a paragraph or sentence end.
_LOOK_BACK = 0.1
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


@dataclass(frozen=True, slots=True)
class Cut:
    """What a bounded analysis left out; empty when nothing."""

    text_chars: tuple[int, int] | None = None  # (analysed, of)
    mentions: tuple[int, int] | None = None  # (kept, of)
    seconds: float | None = None  # the bound the analysis ran past

    def note(self) -> str | None:
        parts = []
        if self.text_chars is not None:
            kept, total = self.text_chars
            parts.append(f"text cut: {kept:,} of {total:,} characters analysed")
        if self.mentions is not None:
            kept, total = self.mentions
            parts.append(f"mentions cut: {kept:,} of {total:,} kept (the strongest)")
        if self.seconds is not None:
            parts.append(f"analysis stopped after {self.seconds:g} s: not analysed")
        return "; ".join(parts) or None


def cap_text(article: Article, max_chars: int) -> tuple[Article, Cut]:
    """The article with at most `max_chars` characters of text, cut at a paragraph end, else
    a sentence end, else a space, within the last tenth before the cap."""
    text = article.text or ""
    if len(text) <= max_chars:
        return article, Cut()
    floor = int(max_chars * (1 - _LOOK_BACK))
    window = text[floor:max_chars]
    end = window.rfind("\n\n")
    if end < 0:
        sentences = list(_SENTENCE_END.finditer(window))
        end = sentences[-1].end() if sentences else window.rfind(" ")
    cut_at = floor + end if end > 0 else max_chars
    kept = text[:cut_at].rstrip()
    return replace(article, text=kept), Cut(text_chars=(len(kept), len(text)))


def cap_mentions(finding: Finding, max_mentions: int) -> tuple[Finding, int | None]:
    """The finding with at most `max_mentions` mentions, the strongest, in text order;
    with the number there were when some were dropped."""
    mentions = finding.mentions
    if len(mentions) <= max_mentions:
        return finding, None
    ranked = sorted(range(len(mentions)), key=lambda i: (-mentions[i].score, i))
    kept = tuple(mentions[i] for i in sorted(ranked[:max_mentions]))
    return replace(finding, mentions=kept), len(mentions)


# --- in a worker process ------------------------------------------------------------------------

_installed: dict[str, Any] = {}


def install(baseline: Any, known_facts: frozenset[str], now: datetime) -> None:
    """Keep what `analyse_installed` needs in this worker (run once per worker)."""
    _installed.update(baseline=baseline, known=known_facts, now=now)


def may_matter(article: Article | None, max_chars: int, headline: str | None = None) -> bool:
    """False only when the installed analysis will certainly find `article` relevant to no
    milestone: its prefilter finds no context or place term in the text the analysis will
    read (`cap_text` of `max_chars`), the article's title or `headline` (the feed's title,
    which the article takes when the page has none). True for a page that yielded no text
    (the feed's summary stands in, and is analysed) and in a process with no analysis
    installed."""
    from monitor.analysis import analyser

    baseline = _installed.get("baseline")
    if article is None or baseline is None:
        return True
    read, _ = cap_text(article, max_chars)
    return not analyser.off_topic(read, baseline, headline)


def analyse_installed(article: Article) -> Finding:
    """The analysis of `article` against the installed baseline."""
    from monitor.analysis import analyser

    return analyser.analyse(
        article, _installed["baseline"], known_facts=_installed["known"], now=_installed["now"]
    )
