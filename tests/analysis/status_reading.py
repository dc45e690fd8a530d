"""What the status rules read in a text, for the table tests of `monitor.analysis.status`."""

from __future__ import annotations

from datetime import date

from monitor.analysis.document import read_document
from monitor.analysis.status import status_facts
from monitor.analysis.vocabulary import Vocabulary

PUBLISHED = date(2025, 10, 1)


def status_keys(
    vocabulary: Vocabulary, text: str, published: date = PUBLISHED, title: bool = False
) -> list[str]:
    """The status fact keys ("status:completed", "talk:reversed" ...) of every sentence."""
    doc = read_document(text, published, vocabulary, is_title=title)
    return sorted(
        {
            f.key
            for i in range(len(doc.sentences))
            for f in status_facts(doc, i, vocabulary.milestones[0].domain)
        }
    )
