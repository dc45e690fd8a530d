"""Liveness and Prometheus metrics over HTTP, for the daemon (`metrics.port`).

`render_metrics` is pure: it formats counts from the store and the daemon's own cycle
statistics in the Prometheus text format. `MetricsServer` serves `/metrics` and `/healthz` from
a background thread, bound to 127.0.0.1 unless configured otherwise, and the report page at
`/` when it is given one (`site`: see `monitor.report.serve`). Counts are read from the
database at scrape time, so cycles run by cron are counted too.

`/healthz` answers 200 "ok", or 503 with one line per problem when the daemon's health check
finds one (a job running past its deadline: `overdue_jobs`, pure).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from monitor.store.stats import StoreCounts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CycleStats:
    """What the daemon knows of its own cycles."""

    cycles: int = 0
    failed_cycles: int = 0
    last_duration_seconds: float | None = None
    last_end: datetime | None = None
    started: datetime | None = None


def _labels(**labels: str) -> str:
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels.items())
    return "{" + inner + "}" if inner else ""


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


Health = Callable[[], tuple[bool, list[str]]]


def overdue_jobs(running: dict[str, float], deadline: float, now: float) -> list[str]:
    """The jobs of `running` (name -> start, monotonic seconds) past `deadline` seconds, as
    lines for /healthz."""
    return [
        f"job {name} running for {now - started:.0f} s, past its deadline of {deadline:.0f} s"
        for name, started in sorted(running.items())
        if now - started > deadline
    ]


def render_metrics(
    counts: StoreCounts, cycle: CycleStats, problems: list[str] | None = None
) -> str:
    """The Prometheus text exposition of `counts` and `cycle` (and, when given, whether the
    health check found `problems`)."""
    lines: list[str] = []

    def metric(name: str, kind: str, help_text: str, samples: list[tuple[str, float]]) -> None:
        lines.append(f"# HELP {name} {help_text}")
        lines.append(f"# TYPE {name} {kind}")
        lines.extend(f"{name}{labels} {value:g}" for labels, value in samples)

    metric("monitor_up", "gauge", "1 while the daemon runs.", [("", 1)])
    if problems is not None:
        metric(
            "monitor_healthy",
            "gauge",
            "1 when no job has run past its deadline (what /healthz says).",
            [("", 0 if problems else 1)],
        )
    outcomes = ("ok", "not_modified", "failed", "gone")
    metric(
        "monitor_polls_total",
        "counter",
        "Feed polls by outcome.",
        [(_labels(outcome=o), counts.polls.get(o, 0)) for o in sorted({*outcomes, *counts.polls})],
    )
    metric(
        "monitor_articles_total", "counter", "Articles fetched or read.", [("", counts.articles)]
    )
    novelties = ("new", "background", "baseline_repeat", "none")
    metric(
        "monitor_findings_total",
        "counter",
        "Analysed articles by novelty.",
        [
            (_labels(novelty=n), counts.findings.get(n, 0))
            for n in sorted({*novelties, *counts.findings})
        ],
    )
    metric(
        "monitor_deliveries",
        "gauge",
        "Deliveries by channel and state (pending, sent, failed).",
        [(_labels(channel=c, state=s), n) for (c, s), n in sorted(counts.deliveries.items())],
    )
    metric("monitor_feeds", "gauge", "Enabled feeds.", [("", counts.feeds)])
    metric(
        "monitor_feeds_failing",
        "gauge",
        "Feeds whose last poll failed.",
        [("", counts.feeds_failing)],
    )
    metric(
        "monitor_cycles_total",
        "counter",
        "Pipeline cycles run by this daemon.",
        [("", cycle.cycles)],
    )
    metric(
        "monitor_cycle_errors_total",
        "counter",
        "Cycles that raised an error.",
        [("", cycle.failed_cycles)],
    )
    if cycle.last_duration_seconds is not None:
        metric(
            "monitor_cycle_duration_seconds",
            "gauge",
            "Duration of the last cycle.",
            [("", round(cycle.last_duration_seconds, 3))],
        )
    if cycle.last_end is not None:
        metric(
            "monitor_cycle_last_end_timestamp_seconds",
            "gauge",
            "When the last cycle ended (Unix time).",
            [("", round(cycle.last_end.timestamp(), 3))],
        )
    return "\n".join(lines) + "\n"


class MetricsServer:
    """Serves /metrics and /healthz in a daemon thread until `stop()`."""

    def __init__(
        self,
        host: str,
        port: int,
        metrics: Callable[[], str],
        health: Health | None = None,
        site: Callable[[str, str], Any] | None = None,
    ) -> None:
        render = metrics

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                if self.path == "/healthz":
                    ok, problems = health() if health is not None else (True, [])
                    if ok:
                        self._answer(200, "ok\n", "text/plain")
                    else:
                        self._answer(503, "".join(f"{p}\n" for p in problems), "text/plain")
                elif self.path == "/metrics":
                    try:
                        body = render()
                    except Exception as exc:  # the database may be down: say so, stay up
                        log.warning("metrics failed error=%s", exc)
                        self._answer(
                            503, f"metrics unavailable: {type(exc).__name__}\n", "text/plain"
                        )
                        return
                    self._answer(200, body, "text/plain; version=0.0.4")
                # --- the report page (monitor.report.serve), when report.output is set ---
                elif site is not None and (
                    page := site(self.path, self.headers.get("Accept-Encoding", ""))
                ):
                    self.send_response(page.status)
                    for name, value in page.headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(page.body)))
                    self.end_headers()
                    self.wfile.write(page.body)
                else:
                    self._answer(404, "not found\n", "text/plain")

            def _answer(self, status: int, body: str, content_type: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                log.debug("metrics request " + format, *args)

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="metrics", daemon=True
        )

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
