"""Canonical article URLs and aggregator links. Pure: no network, no clock.

`canonical_url` is the identity of an article across feeds: the same story reached from two
feeds, or with two different tracking tails, is one URL and is fetched once. It never fetches
to follow a redirect; `unwrap_aggregator_link` only decodes what the link itself carries
(Google Alerts `google.com/url?url=…`, old-style Google News article ids).
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say how the reader arrived, never which page it is.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wickedid",
        "rb_clickid",
        "s_cid",
        "ncid",
        "cmpid",
        "ocid",
        "sr_share",
        "ito",
        "guccounter",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ns_", "at_")
_DEFAULT_PORTS = {"http": 80, "https": 443}

_GOOGLE_NEWS_ARTICLE = re.compile(
    r"^/(?:__i/rss/rd/)?(?:rss/)?articles/(?P<id>[A-Za-z0-9_-]+)", re.IGNORECASE
)


def is_http_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def absolute_url(link: str | None, base: str | None) -> str | None:
    """`link` made absolute against `base`; None when it is not an http(s) URL after that."""
    if not link or not link.strip():
        return None
    link = link.strip()
    try:
        joined = urljoin(base, link) if base else link
    except ValueError:
        return None
    return joined if is_http_url(joined) else None


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL, or None when there is none.

    Lower-cased scheme and host, default port and fragment dropped, an empty path made "/",
    tracking parameters (utm_*, fbclid, gclid, …) removed; the other parameters keep their
    order (some sites depend on it). Relative URLs resolve against `base`.
    """
    url = absolute_url(url, base)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{host}"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    query = _strip_tracking(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def _strip_tracking(query: str) -> str:
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
    if len(kept) == len(pairs):
        return query  # untouched: keep the site's own encoding of the query
    return urlencode(kept, doseq=True)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def host_of(url: str) -> str:
    """The lower-cased host name of `url` ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def is_google_news_link(url: str | None) -> bool:
    return bool(url) and host_of(url or "") == "news.google.com"


def unwrap_aggregator_link(url: str | None) -> str | None:
    """The publisher's URL hidden in an aggregator link, when the link itself carries it.

    Google Alerts links are `https://www.google.com/url?…&url=<article>`; old-style Google News
    article ids (`CBMi…`) are base64 protobufs whose first field is the article URL. Newer
    Google News ids are opaque: None, and the caller falls back to the item's own text.
    Any other URL comes back unchanged.
    """
    if not url:
        return None
    host = host_of(url)
    parts = urlsplit(url)
    if host in ("google.com", "www.google.com") and parts.path == "/url":
        params = dict(parse_qsl(parts.query))
        target = params.get("url") or params.get("q")
        return target if is_http_url(target) else None
    if host == "news.google.com":
        match = _GOOGLE_NEWS_ARTICLE.match(parts.path)
        return _decode_google_news_id(match.group("id")) if match else None
    return url


_EMBEDDED_URL = re.compile(rb"https?://[\x21-\x7e]+")


def _decode_google_news_id(article_id: str) -> str | None:
    padded = article_id + "=" * (-len(article_id) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded)
    except (binascii.Error, ValueError):
        return None
    # Field 4 (tag 0x22) holds the URL, length-prefixed by a varint.
    start = raw.find(b"\x22")
    if start < 0:
        return None
    length, pos = 0, start + 1
    for shift in range(0, 35, 7):
        if pos >= len(raw):
            return None
        byte = raw[pos]
        pos += 1
        length |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
    candidate = raw[pos : pos + length]
    match = _EMBEDDED_URL.fullmatch(candidate)
    if not match or len(candidate) != length:
        return None
    url = candidate.decode("ascii")
    return url if is_http_url(url) else None
