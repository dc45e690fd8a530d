"""Turn a `Report` into the files of the page (pure: strings and bytes in, strings out).

- `index.html` from `templates/index.html.j2` (Jinja2 with autoescape: titles and sentences
  from the web are text, never markup);
- the page data, `window.MONITOR_REPORT = {...}`, JSON with `<`, `>`, `&` and the line
  separators escaped, so no text can end the script or become markup;
- our stylesheet and script (`assets/`), and the chart library (plotly.js) as shipped by the
  `plotly` package.

Assets are named by their content (`report-<hash>.js`), so a browser or a server cache never
mixes two generations and the writer can switch generations by replacing `index.html` alone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from monitor.report.build import EVENT_WORDS
from monitor.report.model import Report, Sentence, Story, Timeline
from monitor.state.describe import LABELS

HERE = Path(__file__).parent
NOVELTY_CODES = {"new": "n", "background": "b", "baseline_repeat": "r"}


@dataclass(frozen=True, slots=True)
class Asset:
    """A file of the page: its path under the output folder and its bytes (or the file that
    holds them, for the chart library, which is large and copied as it is)."""

    name: str
    data: bytes | None = None
    source: Path | None = None


def day(value: date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else ""


def moment(value: datetime | None) -> str:
    return f"{day(value)} {value:%H:%M} UTC" if value else ""


def count(n: int, singular: str, plural: str | None = None) -> str:
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {word}"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        day=day,
        moment=moment,
        count=count,
        event=lambda kind: EVENT_WORDS.get(kind, "Calendar"),
        state=lambda name: LABELS.get(name, name),
    )
    return env


def _hashed(stem: str, suffix: str, data: bytes) -> Asset:
    digest = hashlib.sha256(data).hexdigest()[:12]
    return Asset(f"assets/{stem}-{digest}{suffix}", data)


def plotly_bundle() -> tuple[str, Path]:
    """(version, path) of plotly.min.js as the installed `plotly` package ships it."""
    import plotly

    path = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    return plotly.__version__, path


def render(report: Report) -> tuple[str, list[Asset]]:
    """index.html and the assets it references."""
    version, library = plotly_bundle()
    data = b"window.MONITOR_REPORT = " + script_json(page_data(report)).encode() + b";\n"
    assets = [
        Asset(f"assets/plotly-{version}.min.js", source=library),
        _hashed("data", ".js", data),
        _hashed("report", ".css", (HERE / "assets" / "report.css").read_bytes()),
        _hashed("report", ".js", (HERE / "assets" / "report.js").read_bytes()),
    ]
    names = {
        "plotly": assets[0].name,
        "data": assets[1].name,
        "css": assets[2].name,
        "js": assets[3].name,
    }
    html = _environment().get_template("index.html.j2").render(report=report, assets=names)
    return html, assets


def script_json(value: Any) -> str:
    """JSON that is safe inside a script: nothing in it can close the script or open markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --- page data --------------------------------------------------------------------------------


def page_data(report: Report) -> dict[str, Any]:
    """What the script needs: the timelines, the stories and the polls, compactly."""
    index = {t.milestone: i for i, t in enumerate(report.timelines)}
    cov = report.coverage
    return {
        "generated": report.generated_at.isoformat(),
        "milestones": [{"id": t.milestone, "title": t.title} for t in report.timelines],
        "timelines": [_timeline(t) for t in report.timelines],
        "stories": [_story(s, index) for s in report.stories],
        "coverage": {
            "unit": cov.unit,
            "polls": [[_iso(p.start), _iso(p.end), p.ok, p.unchanged, p.failed] for p in cov.polls],
        },
        "range": [_iso(report.first), _iso(report.last)],
    }


def _timeline(t: Timeline) -> dict[str, Any]:
    return {
        "id": t.milestone,
        "title": t.title,
        "unit": t.unit,
        "buckets": [[_iso(b.start), _iso(b.end), b.new, b.background, b.events] for b in t.buckets],
        "markers": [
            {
                "d": _iso(m.on),
                "k": m.kind,
                "w": EVENT_WORDS.get(m.kind, "Calendar"),
                "s": LABELS.get(m.state, None) if m.state else None,
                "t": m.text,
                "o": m.outlet,
                "u": m.url,
            }
            for m in t.markers
        ],
        "due": _iso(t.due),
        "effectiveDue": _iso(t.effective_due),
        "announced": _iso(t.announced),
    }


def _story(s: Story, index: dict[str, int]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "m": index.get(s.milestone, -1),
        "n": NOVELTY_CODES.get(s.novelty, "b"),
        "d": _iso(s.on),
        "h": s.headline,
        "o": list(s.outlets),
        "l": [
            {
                "t": link.title,
                "u": link.url,
                "o": link.outlet,
                "d": _iso(link.on),
                **({"s": _sentence(link.sentence)} if link.sentence != s.sentence else {}),
            }
            for link in s.links
        ],
    }
    if s.last != s.on:
        item["e"] = _iso(s.last)
    if s.change:
        item["c"] = s.change
    if s.facts:
        item["f"] = list(s.facts)
    if s.sentence:
        item["s"] = _sentence(s.sentence)
    return item


def _sentence(sentence: Sentence | None) -> list[str] | None:
    if sentence is None:
        return None
    return [sentence.before, sentence.date_text, sentence.after]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
