"""Which outlet published an article: its display name and its identity (pure).

The name is the publisher as the feed named it (an aggregator's `<source>`, e.g. Google News),
else the page's own site name, else its host without "www.". The identity (`outlet_key`) folds
the spellings one outlet goes by, so that "Reuters", "reuters.com" and "www.reuters.com" are one
outlet and "The National" equals "National": case, a leading "the", punctuation, a leading
"www." and the last label of a host name do not count.

What counts as *independent* outlets (syndicated copies of one text count once) is decided
with the texts in `monitor.state.confirm`; this module only names outlets. It does no I/O.
"""

from __future__ import annotations

import re
import unicodedata

from monitor.sanitize import clean_text, host_of

NAME_LIMIT = 80
UNKNOWN = "unknown outlet"

_HOST = re.compile(r"^(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)$")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "mil"})


def outlet_name(publisher: str | None, site_name: str | None, url: str | None) -> str:
    """The outlet as the feed named it, else as the page named itself, else its host."""
    for candidate in (publisher, site_name):
        name = clean_text(candidate, NAME_LIMIT)
        if name:
            return name
    return host_of(url) or UNKNOWN


def outlet_key(name: str) -> str:
    """The identity of the outlet called `name`: equal for the spellings of one outlet."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    host = _HOST.match(text)
    if host:
        # "reuters.com" -> "reuters"; "bbc.co.uk" -> "bbc"; "news.un.org" -> "news.un"
        labels = host.group(1).split(".")[:-1]
        if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels.pop()
        text = ".".join(labels)
    text = re.sub(r"^the\s+", "", text)
    return _NOT_WORD.sub("", text) or text
