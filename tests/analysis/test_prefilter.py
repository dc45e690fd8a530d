"""The prefilter (`monitor.analysis.prefilter`): it sets aside only articles the analysis finds
off topic, with the analysis's verdict, on every labelled page and every token we have."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from bench.relevance import available_sets, load_set, set_config
from monitor.analysis.analyser import analyse, build_baseline, set_aside
from monitor.analysis.prefilter import OFF_TOPIC, build_prefilter, phrase_pattern, word_pattern
from monitor.analysis.terms import phrase_key, tokenize
from monitor.config import load_settings
from monitor.extract.article import extract_article
from monitor.seeds import load_seeds
from monitor.types import Article

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def prefilter_of(*terms: str):
    return build_prefilter(phrase_key(t) for t in terms)


@pytest.mark.parametrize(
    ("terms", "text", "could"),
    [
        # inflections the stemmer joins: the word starts with the stem (less a final "y")
        (["study"], "Two studies were published.", True),
        (["leave"], "Everyone was leaving early.", True),
        (["plan"], "It was planned long ago.", True),
        # dotted acronyms stem without their dots
        (["us"], "The U.S. embassy said so.", True),
        (["us"], "They told us nothing.", True),  # the pronoun: a superset is allowed
        # a possessive "s" stands between the words of a phrase
        (["operator programme"], "The operator's programme ends.", True),
        (["operator programme"], "The operator’s long programme ends.", False),
        # hyphens and line ends split words as the tokeniser does
        (["al qasr"], "Troops at al-Qasr left.", True),
        (["green zone"], "inside the green\nzone", True),
        # a word of two letters is a whole word; longer stems are word starts
        (["al"], "It was also already late.", False),
        (["al"], "He met Al in town.", True),
        (["camp"], "The campaign began.", True),  # may match: the analysis decides
        (["camp"], "A scamp ran off.", False),  # not at the start of a word
        # the phrase's words in sequence, not apart
        (["second phase"], "The second day of the phase.", False),
        (["second phase"], "The Second-Phase talks.", True),
        # a phrasal verb may have its object between verb and particle: the verb alone counts
        (["pull out"], "They pulled every unit out.", True),
        # the headline counts as the text does
        (["harbour"], "", False),
        # letters whose lower case is longer or depends on their neighbours
        (["İzmir"], "Flights to İzmir resumed.", True),
        (["kİlis"], "Near Kİlis, today.", True),
        (["οδος"], "ΟΔΟΣ κλειστή", True),
    ],
)
def test_could_match(terms: list[str], text: str, could: bool) -> None:
    assert prefilter_of(*terms).could_match(text) is could


def test_a_term_that_cannot_be_screened_disables_it() -> None:
    # A stem of one letter whose lower case depends on its neighbours leaves no needle.
    assert word_pattern("σ") is None
    assert phrase_pattern(("σ",)) is None
    assert not prefilter_of("σ").enabled
    assert prefilter_of("σ").could_match("anything at all")
    assert not build_prefilter([]).enabled


def _texts() -> list[str]:
    """Every text we hold: the labelled pages' words and the statements."""
    out = []
    data = Path(__file__).resolve().parents[1] / "data"
    for page in sorted(data.rglob("*.html")):
        out.append(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8", errors="replace")))
    for statements in sorted(data.rglob("statements.json")):
        out.append(statements.read_text(encoding="utf-8"))
    return out


def test_every_token_is_found_at_its_own_start() -> None:
    """The lemma the prefilter stands on, over every token of the labelled sets: the
    expression of a token's stem matches the lower-case text where the token starts."""
    checked = 0
    for text in _texts():
        lower = text.lower()
        aligned = len(lower) == len(text)
        tokens = tokenize(text)
        for stem, start in zip(tokens.stems, tokens.starts, strict=True):
            if stem == "us~":
                continue  # the pronoun "us": no configured term stems to it
            pattern = word_pattern(stem)
            assert pattern is not None, stem
            search = re.compile(r"(?<![^\W_])" + pattern)
            if aligned:
                assert search.match(lower, start), (stem, text[start : start + 30])
            else:
                assert search.search(lower), (stem, text[start : start + 30])
            checked += 1
    assert checked > 10_000


@cache
def _baseline(config: Path):
    settings = load_settings(config, env={})
    return build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())


def _verdict(finding) -> tuple:
    return (
        finding.relevant,
        finding.milestones,
        finding.novelty,
        finding.new_facts,
        finding.known_facts,
        finding.status_change,
        finding.repeat_of,
        finding.events,
        finding.mentions,
    )


def test_no_verdict_changes_on_any_labelled_page() -> None:
    """Every labelled page of every set, with its set's configuration: an article set aside
    gets the verdict the analysis gives it."""
    aside = analysed = 0
    for name in available_sets():
        labels, folder = load_set(name)
        baseline = _baseline(set_config(name))
        for label in labels:
            article = extract_article((folder / label["file"]).read_bytes(), None)
            if article is None:
                continue
            now = datetime.fromisoformat(label["published"]).replace(hour=12, tzinfo=UTC)
            quick = set_aside(article, baseline, now=now)
            analysed += 1
            if quick is None:
                continue
            aside += 1
            full = analyse(article, baseline, now=now)
            assert _verdict(quick) == _verdict(full), f"{name}: {label['file']}"
            assert OFF_TOPIC in full.notes and OFF_TOPIC in quick.notes
    # Most labelled pages are on topic by design; some are not, and those are set aside.
    assert analysed > 300 and aside > 0


def test_real_news_pages_off_topic_are_set_aside(shared_fixtures: Path) -> None:
    """The real pages of ../shared/fixtures, with the default milestones: set aside only when
    the analysis finds them off topic, with its verdict; most are (they are not about Iraq)."""
    baseline = _baseline(Path(__file__).resolve().parents[2] / "config" / "monitor.yaml")
    aside = total = 0
    for page in sorted((shared_fixtures / "articles").rglob("*.html")):
        article = extract_article(page.read_bytes(), None)
        if article is None:
            continue
        total += 1
        quick = set_aside(article, baseline, now=NOW)
        full = analyse(article, baseline, now=NOW)
        if quick is not None:
            aside += 1
            assert _verdict(quick) == _verdict(full), page.name
        else:
            # Passed on: some word of a topic term is in it (the analysis then decides).
            assert baseline.prefilter.could_match(article.text, article.title)
    assert total and aside > total / 2


def test_an_article_without_a_date_keeps_the_analysis_note(baseline) -> None:
    article = Article(url=None, title="Harvest news", text="Wheat prices rose.", published=None)
    quick = set_aside(article, baseline, now=NOW)
    full = analyse(article, baseline, now=NOW)
    assert quick is not None and quick.notes == tuple(
        n for n in full.notes if not n.startswith("shares ")
    )


def test_an_article_on_topic_is_analysed(baseline) -> None:
    article = Article(url=None, title="", text="The last unit left Erbil.", published=NOW)
    assert set_aside(article, baseline, now=NOW) is None


def _article(title: str, text: str) -> Article:
    return Article(url="https://news.example/a", title=title, text=text, published=None)


OFF = "Rain fell on the coast all week and the harbour stayed shut."
ON = "Coalition forces left Ain al-Asad air base in Iraq."


@pytest.mark.parametrize(
    ("installed", "article", "headline", "max_chars", "matters"),
    [
        (True, _article("Weather", OFF), "Weather", 10_000, False),
        (True, _article("Weather", ON), None, 10_000, True),
        (True, _article("Coalition leaves Iraq", OFF), None, 10_000, True),
        # the feed's title, which the article takes when its page has none
        (True, _article("", OFF), "Coalition leaves Iraq", 10_000, True),
        # a term past the cap is not read by the analysis: the page can match nothing
        (True, _article("Weather", OFF * 20 + "\n\n" + ON), None, len(OFF) * 20, False),
        (True, _article("Weather", OFF * 20 + "\n\n" + ON), None, 10_000, True),
        # no text: the feed's summary stands in and is analysed
        (True, None, None, 10_000, True),
        # no analysis installed in this process: nothing can be ruled out
        (False, _article("Weather", OFF), None, 10_000, True),
    ],
    ids=["off", "text", "title", "headline", "past-cap", "within-cap", "no-text", "none"],
)
def test_a_worker_tells_which_raw_pages_may_matter(
    baseline, monkeypatch, installed, article, headline, max_chars, matters
) -> None:
    """`bounded.may_matter`, run in the worker after extraction: False (the raw page is not
    compressed and sent back) only for an article the analysis will set aside."""
    from monitor import bounded

    monkeypatch.setattr(bounded, "_installed", {})
    if installed:
        bounded.install(baseline, frozenset(), NOW)
    assert bounded.may_matter(article, max_chars, headline) is matters
    if installed and article is not None and not matters:
        read, _ = bounded.cap_text(article, max_chars)
        assert set_aside(read, baseline, now=NOW) is not None
