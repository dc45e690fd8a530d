"""`monitor demo`: the whole pipeline offline, on the bundled replay in `replay/`.

Serves the replay on 127.0.0.1 (a thread with the stdlib HTTP server), runs one full cycle
(poll, fetch, extract, analyse, store, compose the digest, deliver to the console channel)
into a temporary SQLite database, and writes the digest as text and HTML into an output
folder. The default configuration (milestones, seeds, templates) is used as shipped: from the
source checkout when there is one, else from the copy packaged with the wheel.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import select

from monitor.config import load_settings
from monitor.cycle import CycleReport, run_cycle
from monitor.defaults import default_config_path
from monitor.store.engine import open_store
from monitor.store.models import Digest
from monitor.store.session import session_scope

REPLAY = Path(__file__).with_name("replay")


class _QuietHandler(SimpleHTTPRequestHandler):
    delay_seconds = 0.0
    served: list[str] | None = None

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        if self.served is not None:
            self.served.append(self.path)
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve_replay(
    folder: Path = REPLAY, delay_seconds: float = 0.0, served: list[str] | None = None
) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1, each answer after `delay_seconds`, appending each path
    requested to `served` when given; yield the feed's URL."""
    attributes = {"delay_seconds": delay_seconds, "served": served}
    handler = type("ReplayHandler", (_QuietHandler,), attributes)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="replay", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True, slots=True)
class DemoResult:
    report: CycleReport
    text: str
    html: str
    text_path: Path
    html_path: Path


def run_demo(output: Path, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> DemoResult:
    """Run one cycle on the replay and write the digest into `output`."""
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="monitor-demo-") as work, serve_replay() as feed_url:
        work_dir = Path(work)
        env = {
            "MONITOR_DATABASE_URL": f"sqlite:///{work_dir / 'demo.db'}",
            "MONITOR_DATA_DIR": str(work_dir),
            "MONITOR_FEEDS": json.dumps([{"name": "tigris-wire-demo", "url": feed_url}]),
            "MONITOR_FETCH__ALLOW_PRIVATE_ADDRESSES": "true",
            "MONITOR_FETCH__PER_HOST_MIN_GAP_SECONDS": "0",
            "MONITOR_FETCH__JITTER_SECONDS": "0",
            "MONITOR_FETCH__PER_HOST_CONCURRENCY": "8",
            "MONITOR_CHANNELS__CONSOLE__ENABLED": "true",
            "MONITOR_CHANNELS__CONSOLE__PATH": str(work_dir / "console.txt"),
            "MONITOR_CHANNELS__EMAIL__ENABLED": "false",
            "MONITOR_CHANNELS__SLACK__ENABLED": "false",
            "MONITOR_DIGEST__IMMEDIATE_ALERTS": "false",
        }
        settings = load_settings(default_config_path(), env=env)
        engine = open_store(settings.database_url)
        try:
            report = run_cycle(settings, engine, clock=clock, digest="now", force=True)
            with session_scope(engine) as session:
                digest = session.scalars(
                    select(Digest).where(Digest.kind == "digest").order_by(Digest.id.desc())
                ).first()
                text = digest.text if digest else "No relevant news in the replay.\n"
                html = digest.html if digest else "<p>No relevant news in the replay.</p>\n"
        finally:
            engine.dispose()
    text_path, html_path = output / "digest.txt", output / "digest.html"
    text_path.write_text(text, encoding="utf-8")
    html_path.write_text(html, encoding="utf-8")
    return DemoResult(report, text, html, text_path, html_path)
