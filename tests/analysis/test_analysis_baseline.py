"""The baseline: what the seeds and the milestones' descriptions state."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime

from monitor.analysis.analyser import analyse, build_baseline
from monitor.packs import builtin_packs_dir, load_packs, merge_words
from monitor.seeds import parse_seed
from monitor.types import Article, Milestone


def keys(baseline, kind, milestone=None):
    return {
        f.key
        for f in baseline.facts
        if f.kind == kind and (milestone is None or f.milestone == milestone)
    }


def test_seed_facts(baseline):
    assert baseline.quantity("troops") == {2500: "about 2,500 service members"}
    assert {"date:2025-09", "date:2026-09"} <= keys(baseline, "date")
    assert {"place:iraq", "place:baghdad"} <= keys(baseline, "place")


def test_a_seed_is_known_from_its_publication_date(baseline, seeds):
    older = min(seeds, key=lambda s: s.published)
    newer = max(seeds, key=lambda s: s.published)
    # The 2021 seed's head count is known from its day on, not before.
    assert baseline.quantity("troops", older.published) == {2500: "about 2,500 service members"}
    assert baseline.quantity("troops", date(2021, 1, 1)) == {}
    # The 2024 seed's dates (the phases' deadlines) are known from 27 September 2024.
    assert baseline.knows("", "date:2026-09", newer.published)
    assert not baseline.knows("", "date:2026-09", date(2024, 9, 1))
    assert [s for s, _ in baseline.seed_shingles(date(2024, 9, 1))] == [older.id]


def test_commitments_come_from_the_2024_seed_only(baseline, seeds):
    commitments = [f for f in baseline.facts if f.kind == "commitment"]
    texts = " ".join(f.statement for f in commitments)
    assert "military mission in Iraq will end" in texts
    assert "until at least September 2026" in texts
    newer = max(seeds, key=lambda s: s.published).id
    assert all(f.key.startswith(f"commitment:{newer}:") for f in commitments)
    assert {f.milestone for f in commitments} == {"iraq-mission-end", "syria-support-end"}


def test_the_2021_seed_states_no_milestone_fact(baseline, seeds):
    older = min(seeds, key=lambda s: s.published)
    doc = next(s.document for s in baseline.seeds if s.seed.id == older.id)
    assert doc.sentences
    assert not [f for f in baseline.facts if f.kind in ("status", "step") and f.milestone]


def test_descriptions_make_the_planned_places_baseline(baseline):
    plans = keys(baseline, "plan", "iraq-mission-end")
    assert {"plan:leave:ain al-asad", "plan:leave:baghdad"} <= plans
    assert baseline.announced == date(2024, 9, 27)


def test_baseline_survives_a_process_boundary(baseline, seeds):
    """The pipeline may analyse in worker processes: a pickled baseline must still work."""
    copy = pickle.loads(pickle.dumps(baseline))
    newer = max(seeds, key=lambda s: s.published)
    article = Article(None, newer.title, newer.text, datetime(2024, 9, 28, tzinfo=UTC))
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert analyse(article, copy, now=now) == analyse(article, baseline, now=now)


FACTORY_WORDS = merge_words(["facility-closure"], load_packs([builtin_packs_dir()]), None)
FACTORY = Milestone(
    id="plant-closure",
    title="Riverside plant closes",
    description="The company closes its Riverside plant and moves production to Dayton.",
    due="2026-06",
    subject_terms=("the company", "acme", "production", "workers"),
    action_terms=("close", "closed", "closure", "move", "moved", "shut", "shut down", "lay off"),
    place_terms=("riverside plant | riverside factory", "dayton"),
    references=("closure of the riverside plant",),
    exclude_terms=("riverside mall",),
    words=FACTORY_WORDS,
)
FACTORY_SEED = """title: Acme to close Riverside plant
outlet: Example Gazette
published: 2025-06-02
---
Acme said on Monday it would close its Riverside plant by June 2026 and move production to Dayton, where about 1,200 workers are employed.

The company said the closure of the Riverside plant would affect about 800 workers.
"""


def test_another_commitment_needs_only_configuration():
    """Nothing about Iraq is in the code: another commitment works from its own terms."""
    seed = parse_seed("factory", FACTORY_SEED)
    baseline = build_baseline([seed], [FACTORY])
    now = datetime(2026, 3, 1, tzinfo=UTC)

    def verdict(text, day):
        when = datetime.fromisoformat(day).replace(tzinfo=UTC)
        return analyse(Article(None, "", text, when), baseline, now=now)

    plan = verdict(
        "Acme will close the Riverside plant in June 2026, the union said.", "2025-09-01"
    )
    assert plan.milestones == ("plant-closure",) and plan.novelty == "background"
    step = verdict(
        "Acme shut down the Riverside factory on Friday and about 300 workers moved to Dayton.",
        "2026-05-20",
    )
    assert step.novelty == "new"
    assert {"step:shut_down:riverside plant", "jobs:300"} <= {f.key for f in step.new_facts}
    delayed = verdict("The closure of the Riverside plant has been delayed to 2027.", "2026-04-01")
    assert delayed.status_change == "delayed"
    mall = verdict("The Riverside mall will close in June 2026 and move to Dayton.", "2025-09-01")
    assert not mall.relevant
    assert verdict(seed.text, "2025-06-03").novelty == "baseline_repeat"
