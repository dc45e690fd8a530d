"""The report over HTTP: the metrics server answers `/` and the assets from the report folder
(gzip for clients that take it, nothing outside the folder), and the daemon writes the report
after its cycle and serves it, as a real process on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from monitor.metrics import MetricsServer
from monitor.report.serve import ReportSite


def get(url: str, gz: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<!DOCTYPE html><p>report</p>")
    (folder / "assets" / "report-abc.js").write_text("var x = 1;\n" * 500)
    (folder / ".monitor-report.json").write_text("{}")
    (tmp_path / "secret.txt").write_text("not for the web")
    return folder


def test_the_site_answers_only_with_the_report(site: Path) -> None:
    answer = ReportSite(site).answer
    index = answer("/")
    assert index is not None and index.status == 200 and index.body.startswith(b"<!DOCTYPE")
    assert ("Cache-Control", "no-cache") in index.headers
    script = answer("/assets/report-abc.js?v=1", "gzip, deflate")
    assert script is not None and ("Content-Encoding", "gzip") in script.headers
    assert gzip.decompress(script.body) == (site / "assets" / "report-abc.js").read_bytes()
    assert ("Cache-Control", "public, max-age=31536000, immutable") in script.headers
    for path in ("/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                 "/.monitor-report.json", "/assets/", "/nothing.html", "/assets/x\\..\\y"):  # fmt: skip
        assert answer(path) is None, path


def test_before_the_first_report_the_index_says_so(tmp_path: Path) -> None:
    answer = ReportSite(tmp_path / "not-yet").answer("/")
    assert answer is not None and answer.status == 503
    assert ("Retry-After", "60") in answer.headers


def test_the_metrics_server_serves_the_report_at_the_root(site: Path) -> None:
    server = MetricsServer("127.0.0.1", 0, lambda: "monitor_up 1\n", site=ReportSite(site).answer)
    server.start()
    try:
        host, port = server.address
        status, headers, body = get(f"http://{host}:{port}/")
        assert status == 200 and body == (site / "index.html").read_bytes()
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        status, headers, body = get(f"http://{host}:{port}/assets/report-abc.js", gz=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).startswith(b"var x = 1;")
        assert get(f"http://{host}:{port}/metrics")[2] == b"monitor_up 1\n"
        assert get(f"http://{host}:{port}/../secret.txt")[0] == 404
    finally:
        server.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_the_daemon_writes_the_report_after_its_cycle_and_serves_it(make_config, tmp_path) -> None:
    port = free_port()
    config = make_config(
        report={"output": "published"},
        metrics={"port": port},
        schedule={"dispatch_seconds": 5},
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    daemon = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config), "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        index = tmp_path / "published" / "index.html"
        deadline = time.monotonic() + 60
        while not index.exists() and time.monotonic() < deadline and daemon.poll() is None:
            time.sleep(0.2)
        assert index.exists(), "the daemon wrote no report"
        status, headers, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"Where each milestone stands" in body
        manifest = json.loads((tmp_path / "published" / ".monitor-report.json").read_text())
        chart = next(n for n in manifest["files"] if n.startswith("assets/plotly-"))
        status, headers, body = get(f"http://127.0.0.1:{port}/{chart}", gz=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert len(body) < (tmp_path / "published" / chart).stat().st_size / 2
    finally:
        daemon.send_signal(signal.SIGTERM)
        out, err = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, err
