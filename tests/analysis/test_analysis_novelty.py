"""Whole-article verdicts: new, background, baseline_repeat, none; known facts; alerts."""

from __future__ import annotations

import re

import pytest

from monitor.analysis.novelty import fact_id

IRAQ, SYRIA = "iraq-mission-end", "syria-support-end"

NEW_STEP = """US troops complete pullout from Ain al-Asad

The last American troops left Ain al-Asad air base in western Iraq on Saturday, Iraqi officers
said, and the Iraqi army took full control of the site.

About 1,200 US personnel remain in the country, most of them in Erbil.
"""

BACKGROUND = """Rocket hits near Baghdad airport, no casualties

A rocket landed near Baghdad airport late on Tuesday, security sources said. No group claimed
the attack and nobody was hurt. Police closed the road to the terminal for two hours.

The attack came as the US-led coalition prepares to end its military mission in Iraq by
September 2025 under the agreement reached last year.
"""

DELAY = """Coalition exit from Baghdad delayed

The withdrawal of coalition forces from Baghdad has been delayed until January 2026, two Iraqi
officials said on Sunday, citing the war in Syria.
"""


def test_a_step_taken_is_new(run):
    finding = run(NEW_STEP, "2026-01-18", title="US troops complete pullout from Ain al-Asad")
    assert finding.relevant and finding.milestones == (IRAQ,)
    assert finding.novelty == "new"
    keys = {f.key for f in finding.new_facts}
    assert "step:leave:ain al-asad" in keys
    assert "troops:1200" in keys
    assert finding.status_change == "completed"
    troops = next(f for f in finding.new_facts if f.kind == "troops")
    assert troops.baseline == "about 2,500 service members"
    assert all(len(f.statement) <= 160 for f in finding.new_facts)


def test_context_that_restates_the_baseline_is_background(run):
    finding = run(BACKGROUND, "2025-01-15", title="Rocket hits near Baghdad airport")
    assert finding.relevant and IRAQ in finding.milestones
    assert finding.novelty == "background"
    assert not finding.new_facts
    assert finding.status_change is None


def test_a_delay_is_new_with_a_status_change(run):
    finding = run(DELAY, "2025-09-14", title="Coalition exit from Baghdad delayed")
    assert finding.novelty == "new"
    assert finding.status_change == "delayed"
    assert "date:2026-01" in {f.key for f in finding.new_facts}


def test_facts_already_delivered_are_corroboration(run):
    first = run(NEW_STEP, "2026-01-18")
    known = frozenset(fact_id(f.milestone, f.key) for f in first.new_facts)
    again = run(NEW_STEP, "2026-01-19", known_facts=known)
    assert again.relevant
    assert again.novelty == "background"
    assert not again.new_facts
    assert {f.key for f in first.new_facts} <= {f.key for f in again.known_facts}
    assert any("corroborates" in note for note in again.notes)
    # The store hands (milestone, key) pairs: the same.
    pairs = frozenset((f.milestone, f.key) for f in first.new_facts)
    assert run(NEW_STEP, "2026-01-19", known_facts=pairs).novelty == "background"


def test_a_fact_known_for_another_milestone_is_still_new_here(run):
    first = run(NEW_STEP, "2026-01-18")
    known = frozenset(fact_id(SYRIA, f.key) for f in first.new_facts)
    assert run(NEW_STEP, "2026-01-19", known_facts=known).novelty == "new"


def _reflow(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_copy_of_the_2024_seed_is_a_repeat_and_relevant(run, seeds):
    seed = next(s for s in seeds if s.published.year == 2024)
    copy = "Wire staff | Updated 9:14 a.m.\n\nPentagon outlines Iraq plan\n\n" + seed.text
    copy += "\n\nShare this story. Subscribe to our newsletter for more defense news."
    finding = run(copy, "2024-09-28", title="Pentagon outlines Iraq plan")
    assert finding.novelty == "baseline_repeat"
    assert finding.repeat_of == seed.id
    assert finding.relevant and set(finding.milestones) == {IRAQ, SYRIA}
    assert not finding.new_facts


def test_trimmed_copy_of_the_2021_seed_is_a_repeat_but_not_relevant(run, seeds):
    seed = next(s for s in seeds if s.published.year == 2021)
    paragraphs = seed.text.split("\n\n")
    copy = "WASHINGTON (Wire) — " + "\n\n".join(paragraphs[: len(paragraphs) // 2 + 1])
    finding = run(_reflow(copy), "2021-12-10")
    assert finding.novelty == "baseline_repeat"
    assert finding.repeat_of == seed.id
    assert not finding.relevant and finding.milestones == ()


def test_quoting_a_seed_is_not_a_copy(run, seeds):
    seed = next(s for s in seeds if s.published.year == 2024)
    quote = seed.text.split("\n\n")[0]
    text = (
        "US forces left the Victory base near Baghdad airport on Monday, officials said. "
        f"Last year's announcement said: {quote}\n\n"
        "The Iraqi army took over the base. About 1,500 US troops remain in Iraq."
    )
    finding = run(text, "2025-09-20")
    assert finding.novelty == "new"
    assert finding.repeat_of is None


def test_unrelated_article_is_none(run):
    finding = run(
        "Iraq beat the visitors 2-1 in the World Cup qualifier in Basra on Thursday. "
        "The coach praised the defence.",
        "2025-11-20",
    )
    assert (finding.relevant, finding.novelty, finding.milestones) == (False, "none", ())


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "a" * 5000, "Bagdad. " * 300])
def test_odd_texts_do_not_crash(run, text):
    finding = run(text, "2025-05-01")
    assert finding.novelty in ("none", "background", "new", "baseline_repeat")


def test_a_place_that_locates_another_is_not_a_step(run):
    finding = run(
        "A convoy of US military trucks left Ain al-Asad air base in Anbar province on Sunday, "
        "heading towards Syria, local officials said.",
        "2025-08-18",
    )
    keys = {f.key for f in finding.new_facts}
    assert "step:leave:ain al-asad" in keys
    assert "step:leave:anbar" not in keys


def test_talk_of_a_delay_is_news_but_not_a_status_change(run):
    finding = run(
        "Iraqi officials may ask the coalition to stay beyond September 2025 after the fall of "
        "Assad, and could delay the withdrawal of US forces from Baghdad, officials said.",
        "2024-12-15",
    )
    assert finding.novelty == "new"
    assert {"talk:delayed", "talk:extended"} & {f.key for f in finding.new_facts}
    assert finding.status_change is None


def test_completion_in_passing_is_a_completion(run):
    finding = run(
        "The vote comes weeks after the US-led coalition ended its military mission in Iraq.",
        "2025-11-12",
    )
    assert "status:completed" in {f.key for f in finding.new_facts}


HEADLINE = "Coalition mission in Iraq to end in September 2025, Baghdad says"
RESTATEMENT = (
    "The coalition's military mission in Iraq will end in September 2025, a government "
    "spokesman said on Sunday, repeating the timetable agreed with Washington."
)


def test_a_headline_about_the_milestone_is_at_least_a_confirmation(run):
    finding = run(RESTATEMENT, "2025-03-02", title=HEADLINE)
    assert finding.novelty == "new"
    (fact,) = finding.new_facts
    assert fact.kind == "confirmation" and fact.key == "confirmed:2025-09"
    assert fact.statement.startswith("headline: Coalition mission in Iraq")
    # Delivered before: this one only corroborates.
    again = run(
        RESTATEMENT, "2025-03-03", title=HEADLINE, known_facts={fact_id(fact.milestone, fact.key)}
    )
    assert again.novelty == "background"


def test_the_same_sentence_under_another_headline_is_background(run):
    finding = run(RESTATEMENT, "2025-03-02", title="Iraq's budget passes after long delay")
    assert finding.novelty == "background"


def test_staying_beyond_the_deadline_is_an_extension(run):
    finding = run(
        "A small team of US advisers has stayed at Ain al-Asad beyond the September deadline, "
        "Iraqi officials said, because of the situation in Syria.",
        "2025-10-15",
    )
    assert finding.novelty == "new"
    assert finding.status_change == "extended"


def test_restating_both_plans_in_passing_is_background(run):
    finding = run(
        "Kurdish leaders met a US envoy in Erbil on Monday to discuss oil exports. The coalition "
        "is due to wind down its operations in federal Iraq by September 2025 and continue to "
        "support operations in Syria from Erbil until September 2026. The envoy also met the "
        "Kurdistan Region's prime minister.",
        "2025-04-01",
        title="Kurdish leaders meet US envoy",
    )
    assert set(finding.milestones) == {IRAQ, SYRIA}
    assert finding.novelty == "background"
