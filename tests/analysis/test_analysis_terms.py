"""Tokens, stems and phrase lookup."""

from __future__ import annotations

import pytest

from monitor.analysis.terms import PhraseIndex, phrase_key, stem, tokenize


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (["leave", "leaves", "leaving"], True),
        (["withdraw", "withdraws", "withdrawing"], True),
        (["complete", "completed", "completes"], True),
        (["force", "forces"], True),
        (["base", "bases"], True),
        (["plan", "plans", "planned"], True),
        (["status", "statu"], False),
        (["isis", "isi"], False),
    ],
)
def test_stems_join_inflections(words, same):
    assert (len({stem(w) for w in words}) == 1) is same


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("U.S. forces", ["us", "forc"]),
        ("US-led coalition", ["us", "led", "coalition"]),
        ("let us go", ["let", "us~", "go"]),  # the pronoun is not the country
        ("the coalition's mission", ["the", "coalition", "mission"]),
        ("coalition’s mission", ["coalition", "mission"]),
        ("Ain al-Asad", ["ain", "al", "asad"]),
        ("", []),
    ],
)
def test_tokens(text, stems):
    tokens = tokenize(text)
    assert tokens.stems == stems
    for start, end in zip(tokens.starts, tokens.ends, strict=True):
        assert text[start:end].strip()


def test_phrases_match_their_inflections_once():
    index = PhraseIndex(
        [
            ("us troops", "subject"),
            ("troops", "subject"),
            ("withdraw", "action"),
            ("ain al-asad", "place"),
            ("al-asad", "place"),
        ]
    )
    text = "US troops withdrew, then US troops were withdrawing from Ain al-Asad."
    hits = index.find(tokenize(text))
    found = [(text[h.start : h.end], h.payload) for h in hits]
    # "troops" inside "US troops" (same payload) is not reported again, nor "al-Asad" inside
    # "Ain al-Asad"; "withdrew" is irregular and not configured here.
    assert found == [
        ("US troops", "subject"),
        ("US troops", "subject"),
        ("withdrawing", "action"),
        ("Ain al-Asad", "place"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The army pulled all the remaining troops out of the base.", ["pulled ... out"]),
        ("They pulled out of the base.", ["pulled out"]),
        ("Officials called the handover off.", ["called ... off"]),
        # Too far apart, or across a comma: two separate things.
        ("They pulled the first of many heavy armoured vehicles out of the base.", []),
        ("They pulled a lever, and everyone went out.", []),
        # A copula's "over" is a state, never a verb with its object between.
        ("The base was supposed to be handed over.", []),
    ],
)
def test_separable_phrases_take_their_object_between(text, found):
    index = PhraseIndex(
        [("pull out", "leave"), ("call off", "halt"), ("was over", "done")], separable=True
    )
    tokens = tokenize(text)
    got = []
    for hit in index.find(tokens):
        words = text[hit.start : hit.end].split()
        got.append(" ".join(words) if len(words) == 2 else f"{words[0]} ... {words[-1]}")
    assert got == found


def test_phrase_key_treats_us_as_the_country():
    assert phrase_key("us forces") == ("us", "forc")
    assert tokenize("us forces").stems[0] == "us~"


@pytest.mark.parametrize(
    ("title", "pack", "expected"),
    [
        # Step words and small words split the title; a name inside a run counts on its own.
        (
            "Indian Point nuclear plant closes",
            "facility-closure",
            ("indian point nuclear plant", "indian point"),
        ),
        (
            "Acme shuts down its last gas-fired stations",
            "facility-closure",
            ("acme", "gas-fired stations"),
        ),
        (
            "Coalition military mission in Iraq ends",
            "military-withdrawal",
            ("coalition military mission", "iraq"),
        ),
    ],
)
def test_subject_terms_from_a_title(title, pack, expected):
    from monitor.analysis.domain import compile_domain
    from monitor.analysis.vocabulary import title_terms
    from monitor.packs import builtin_packs_dir, load_packs, merge_words

    domain = compile_domain(merge_words([pack], load_packs([builtin_packs_dir()]), None))
    # The title's first word is capitalised as any sentence's is: alone, it is no name
    # ("Coalition" would name every coalition).
    assert title_terms(title, domain) == expected
