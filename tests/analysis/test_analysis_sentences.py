"""Sentence splitting: abbreviations, quotes, headlines, run-ons, offsets."""

from __future__ import annotations

import pytest

from monitor.analysis.sentences import MAX_SENTENCE, paragraph_index, split_sentences

CASES = [
    (
        "The U.S. military said so. It left.",
        ["The U.S. military said so.", "It left."],
    ),
    (
        "Maj. Gen. John W. Brennan spoke on Sept. 30 in Baghdad. Troops stayed.",
        ["Maj. Gen. John W. Brennan spoke on Sept. 30 in Baghdad.", "Troops stayed."],
    ),
    (
        "“This is the natural evolution,” Kirby said. “It is done.” Then he left.",
        ["“This is the natural evolution,” Kirby said.", "“It is done.”", "Then he left."],
    ),
    (
        "Forces leave by Dec. 31 under the deal. Talks go on.",
        ["Forces leave by Dec. 31 under the deal.", "Talks go on."],
    ),
    (
        "Headline without a period\nThe first sentence of the story. The second.",
        ["Headline without a period", "The first sentence of the story.", "The second."],
    ),
    ("Paragraph one\n\nParagraph two", ["Paragraph one", "Paragraph two"]),
    ("Is it over? Yes! Done.", ["Is it over?", "Yes!", "Done."]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text, expected):
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    assert all(text[s.start : s.end] == s.text for s in got)


def test_hard_wrapped_text_keeps_sentences_across_lines():
    line = "the coalition forces that were sent in to help the Iraqi army fight on"
    text = "\n".join([line] * 3 + ["United States forces remain in the country today."] * 3)
    got = split_sentences(text)
    # Lines of a wrapped paragraph that do not end a sentence run on into the next line.
    assert got[0].text.count("\n") >= 3


def test_run_on_text_is_cut_into_bounded_pieces():
    text = "word " * 5000
    got = split_sentences(text)
    assert len(got) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in got)
    assert all(text[s.start : s.end] == s.text for s in got)


def test_paragraph_index():
    text = "One. Two.\n\nThree."
    sentences = split_sentences(text)
    assert paragraph_index(text, sentences) == [0, 0, 1]
