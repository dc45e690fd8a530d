"""Slack mrkdwn: escaping untrusted text and building links (pure).

Slack reads `<…>` as a link, a user or channel mention (`<@U123>`, `<#C1>`) or a broadcast
(`<!channel>`, `<!here>`), and decodes only three entities: `&amp;`, `&lt;` and `&gt;`. Escaping
those three characters in everything that comes from a feed or a page is therefore enough to
make a hostile title show as text: it cannot ping anyone or hide a link. Quotes are left alone
(Slack would show `&#34;` literally).
"""

from __future__ import annotations

from markupsafe import Markup

from monitor.sanitize import safe_url


def escape(value: object) -> str:
    """`value` as text Slack shows literally (& < > escaped)."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def finalize(value: object) -> Markup:
    """Jinja `finalize` for the Slack templates: every `{{ … }}` is escaped unless it is
    already safe (the output of a macro, or of `slack_link`)."""
    if isinstance(value, Markup):
        return value
    return Markup(escape("" if value is None else value))


def link(url: str | None, label: object) -> Markup:
    """`<url|label>` when `url` is http(s); the escaped label alone otherwise."""
    text = escape(label)
    target = safe_url(url)
    if target is None:
        return Markup(text)
    # Inside <…> the characters < > | end the URL part early: percent-encode them.
    target = (
        target.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    )
    return Markup(f"<{target}|{text}>") if text else Markup(f"<{target}>")
