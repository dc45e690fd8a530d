"""The reporting of the labelled sets as a news site: the demo replay's pages, the development
set's pages (tests/data/devset) and the status set's pages (tests/data/status), listed by one
feed, served on 127.0.0.1.

The feed names each item's publisher in `<source>`, as Google News does, so outlets are told
apart as in production (the development set's outlets are fictional and many pages carry no
site name of their own); it is configured as an aggregator. The hold-out set
(tests/data/unseen) is not part of it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

from tests.conftest import REPO, default_config_data

REPLAY = REPO / "monitor" / "demo" / "replay"
DEVSET = REPO / "tests" / "data" / "devset"
STATUS = REPO / "tests" / "data" / "status"
DEMO_OUTLET = "The Tigris Wire"
_TITLE = re.compile(r"<title>([^<]*)</title>")


def _outlet(page: Path) -> str:
    """The outlet a status-set page names after its headline ("... | Gulf Ledger")."""
    title = _TITLE.search(page.read_text(encoding="utf-8"))
    text = title.group(1) if title else ""
    for sep in (" | ", " - "):
        if sep in text:
            return text.rsplit(sep, 1)[1].strip()
    return "Status set desk"


def items() -> list[dict[str, str]]:
    """Every page of the two sets: link (relative), title, published (ISO date), outlet."""
    replay = json.loads((REPLAY / "expected.json").read_text(encoding="utf-8"))["articles"]
    devset = json.loads((DEVSET / "labels.json").read_text(encoding="utf-8"))
    found = [
        {"link": a["file"], "title": a["title"], "published": a["published"], "outlet": DEMO_OUTLET}
        for a in replay
    ]
    found += [
        {
            "link": f"devset/{a['file']}",
            "title": a["title"],
            "published": a["published"],
            "outlet": a["outlet"],
        }
        for a in devset
    ]
    status = json.loads((STATUS / "labels.json").read_text(encoding="utf-8"))
    found += [
        {
            "link": f"status/{a['file']}",
            "title": a["title"],
            "published": a["published"],
            "outlet": _outlet(STATUS / "pages" / a["file"]),
        }
        for a in status
    ]
    return found


def build_site(folder: Path, order: list[int] | None = None) -> Path:
    """Copy the pages into `folder` and write its feed.xml (items in `order`, by index into
    `items()`, or newest first); return the folder."""
    shutil.copytree(REPLAY / "articles", folder / "articles", dirs_exist_ok=True)
    (folder / "devset").mkdir(parents=True, exist_ok=True)
    for page in DEVSET.glob("*.html"):
        shutil.copy2(page, folder / "devset" / page.name)
    (folder / "status").mkdir(parents=True, exist_ok=True)
    for page in (STATUS / "pages").glob("*.html"):
        shutil.copy2(page, folder / "status" / page.name)
    write_feed(folder, order)
    return folder


def write_feed(folder: Path, order: list[int] | None = None) -> None:
    every = items()
    if order is None:
        order = sorted(range(len(every)), key=lambda i: every[i]["published"], reverse=True)
    entries = []
    for i in order:
        item = every[i]
        day = datetime.fromisoformat(item["published"]).replace(hour=12, tzinfo=UTC)
        entries.append(
            "<item>"
            f"<title>{escape(item['title'])}</title>"
            f"<link>{escape(item['link'])}</link>"
            f'<guid isPermaLink="false">labelled-{escape(item["link"])}</guid>'
            f"<pubDate>{format_datetime(day)}</pubDate>"
            f"<source url={quoteattr('https://' + item['outlet'].lower().replace(' ', '-') + '.example/')}>"
            f"{escape(item['outlet'])}</source>"
            "</item>"
        )
    (folder / "feed.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Labelled sets</title><link>./</link><description>replay</description>"
        + "".join(entries)
        + "</channel></rss>\n",
        encoding="utf-8",
    )


def write_config(folder: Path, database_url: str, feed_url: str, **extra: object) -> Path:
    """A configuration: the default milestones and seeds, one aggregator feed, the console
    channel writing to a file, immediate alerts on."""
    data = default_config_data()
    data.update(
        database_url=database_url,
        data_dir=str(folder / "data"),
        seeds_dir=str(REPO / "seeds"),
        templates_dir=str(REPO / "alerts"),
        feeds=[{"name": "labelled-sets", "url": feed_url, "authority": "aggregator"}],
        channels={"console": {"enabled": True, "path": str(folder / "console.txt")}},
    )
    data["fetch"] = {
        **data["fetch"],
        "allow_private_addresses": True,
        "per_host_min_gap_seconds": 0,
        "jitter_seconds": 0,
        "per_host_concurrency": 8,
        "extract_workers": 2,
    }
    data.update(extra)
    path = folder / "monitor.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def monitor(config: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
    )


def statuses(config: Path) -> dict[str, dict[str, object]]:
    """`monitor status --json`, by milestone id."""
    result = monitor(config, "status", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {row["id"]: row for row in rows}
