"""Stop signals against real subprocesses: SIGTERM and SIGINT stop `run`, `run --once` and
`poll` within 5 s wherever they are (waiting for pages, mid-feed, mid-extraction,
mid-delivery), keep every article analysed, print one line, exit 0 (daemon) or 143/130, and
leave no process behind; after kill -9 of the parent the pool's workers, the forkserver and the
resource tracker go too, and the caller's pipe is closed (so `monitor poll | tee` ends)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from monitor.store.models import Article, Delivery, Entry, Feed, Finding
from tests.conftest import REPO
from tests.notify.notify_servers import dripping_smtp
from tests.run.processes import descendants, wait_for_family, wait_gone
from tests.run.slow_web import slow_web

pytestmark = pytest.mark.slow

STOP_BOUND = 5.0


def config(make_config, tmp_path: Path, feed_url: str, **extra):
    """The shipped politeness (2 requests per host, 1 s apart plus jitter), loopback allowed."""
    extra.setdefault("channels", {"console": {"enabled": True, "path": str(tmp_path / "d.txt")}})
    return make_config(feeds=[{"name": "slow", "url": feed_url}], **extra)


def start(config_path: Path, *args: str, **popen) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(config_path), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **popen,
    )


def signal_and_wait(
    proc: subprocess.Popen[str], signum: int, group: bool = False
) -> tuple[float, str, str, list[int]]:
    """Send the signal; return (seconds until the process ended and its pipes closed, stdout,
    stderr, the processes it had)."""
    family = descendants(proc.pid)
    started = time.monotonic()
    if group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    # communicate() returns at end-of-file: only once no process holds the pipes any more.
    out, err = proc.communicate(timeout=60)
    return time.monotonic() - started, out, err, family


def count(url: str, model, *where) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(model).where(*where)).scalar_one()
    except Exception:
        return 0
    finally:
        engine.dispose()


def wait_until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_sigterm_while_pages_come_slowly_keeps_what_was_analysed(
    make_config, tmp_path, sqlite_url
) -> None:
    with slow_web(items=100, page_delay=0.5) as web:
        path = config(make_config, tmp_path, web.feed_url, database_url=sqlite_url)
        proc = start(path, "run", "--once")
        # A feed's articles are written together when it is done: none is stored yet.
        wait_until(lambda: sum(p.startswith("/a/") for p in web.served) >= 4, timeout=60)
        time.sleep(0.5)
        took, out, err, family = signal_and_wait(proc, signal.SIGTERM)
    assert proc.returncode == 143, err
    print(f"stopped in {took:.2f}s")
    assert took < STOP_BOUND, f"stopping took {took:.1f}s"
    [line] = err.splitlines()
    assert line.startswith("monitor: stopped by SIGTERM") and "article(s) analysed and kept" in line
    assert wait_gone(family, 5) == []
    articles = count(sqlite_url, Article)
    assert articles >= 3 and count(sqlite_url, Finding) == articles
    assert count(sqlite_url, Entry) == articles  # every stored entry has its analysed article
    assert count(sqlite_url, Feed, Feed.etag.is_(None)) == 1  # polled again in full next time
    assert count(sqlite_url, Article) < 100


def test_ctrl_c_mid_feed_stops_poll_with_one_line(make_config, tmp_path, sqlite_url) -> None:
    with slow_web(items=5, feed_stream_seconds=120) as web:
        path = config(make_config, tmp_path, web.feed_url, database_url=sqlite_url)
        # Its own process group, as a shell gives a command: Ctrl-C reaches the whole group.
        proc = start(path, "poll", "--force", start_new_session=True)
        wait_until(lambda: "/feed.xml" in web.served, timeout=60)
        time.sleep(1)
        took, out, err, family = signal_and_wait(proc, signal.SIGINT, group=True)
    assert proc.returncode == 130, err
    print(f"stopped in {took:.2f}s")
    assert took < STOP_BOUND, f"stopping took {took:.1f}s"
    assert err.splitlines() == [err.strip()] and err.startswith("monitor: stopped by SIGINT")
    assert "Traceback" not in err and "Aborted" not in err
    assert wait_gone(family, 5) == []
    assert count(sqlite_url, Entry) == 0


def big_page(megabytes: float = 9.0) -> bytes:
    """A page of real paragraphs, each numbered (so none is dropped as a repeat)."""
    seed = (REPO / "seeds" / "004_8adf0b6e8007587d.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.split("\n\n") if len(p.strip()) > 80]
    parts, size, i = [], 0, 0
    while size < megabytes * 1024 * 1024:
        part = f"<p>Update {i}: {paragraphs[i % len(paragraphs)]}</p>\n"
        parts.append(part)
        size += len(part)
        i += 1
    return (
        "<html><head><title>Transition report</title></head><body><article>"
        f"<h1>Transition report</h1>{''.join(parts)}</article></body></html>"
    ).encode()


def test_sigterm_mid_extraction_kills_the_workers(make_config, tmp_path, sqlite_url) -> None:
    with slow_web(items=1, big_page=big_page()) as web:
        path = config(
            make_config,
            tmp_path,
            web.feed_url,
            database_url=sqlite_url,
            fetch={"allow_private_addresses": True, "extract_workers": 1},
        )
        proc = start(path, "run", "--once")
        wait_until(lambda: "/a/0" in web.served, timeout=60)
        # Forkserver, resource tracker and the worker extracting the page.
        assert len(wait_for_family(proc.pid, 3, timeout=10)) >= 3
        time.sleep(1.0)
        took, out, err, family = signal_and_wait(proc, signal.SIGTERM)
    assert proc.returncode == 143, err
    print(f"stopped in {took:.2f}s")
    assert took < STOP_BOUND, f"stopping took {took:.1f}s"
    assert len(err.splitlines()) == 1 and "stopped by SIGTERM" in err
    assert wait_gone(family, 5) == []


def test_sigterm_mid_delivery_stops_the_attempt(make_config, tmp_path, sqlite_url) -> None:
    with slow_web(items=2) as web, dripping_smtp(every=0.5) as drip:
        path = config(
            make_config,
            tmp_path,
            web.feed_url,
            database_url=sqlite_url,
            channels={
                "console": {"enabled": False},
                "email": {
                    "enabled": True,
                    "smtp_host": "127.0.0.1",
                    "smtp_port": drip.port,
                    "security": "none",
                    "recipients": ["desk@example.org"],
                    "timeout_seconds": 60,
                },
            },
        )
        proc = start(path, "run", "--once")
        wait_until(lambda: drip.connections >= 1, timeout=60)
        time.sleep(0.5)
        took, out, err, family = signal_and_wait(proc, signal.SIGTERM)
    assert proc.returncode == 143, err
    print(f"stopped in {took:.2f}s")
    assert took < STOP_BOUND, f"stopping took {took:.1f}s"
    assert len(err.splitlines()) == 1 and "stopped by SIGTERM" in err
    assert wait_gone(family, 5) == []
    assert count(sqlite_url, Finding) == 2
    # Not sent, not lost: the next run tries again.
    assert count(sqlite_url, Delivery, Delivery.state == "failed") == 1


def test_the_daemon_stops_mid_poll_with_exit_0(make_config, tmp_path, sqlite_url) -> None:
    with slow_web(items=50, page_delay=0.5) as web:
        path = config(make_config, tmp_path, web.feed_url, database_url=sqlite_url)
        proc = start(path, "run")
        wait_until(lambda: sum(p.startswith("/a/") for p in web.served) >= 3, timeout=60)
        time.sleep(0.5)
        took, out, err, family = signal_and_wait(proc, signal.SIGTERM)
    assert proc.returncode == 0, err
    print(f"stopped in {took:.2f}s")
    assert took < STOP_BOUND, f"stopping took {took:.1f}s"
    # The line it logged at start, and the one line of the stop.
    assert "daemon started" in err.splitlines()[0]
    [line] = err.splitlines()[1:]
    assert "daemon stopped signal=SIGTERM" in line
    assert wait_gone(family, 5) == []
    assert count(sqlite_url, Finding) == count(sqlite_url, Article) >= 2


def test_kill_9_of_the_parent_takes_the_workers_with_it(make_config, tmp_path, sqlite_url) -> None:
    with slow_web(items=1, big_page=big_page()) as web:
        path = config(
            make_config,
            tmp_path,
            web.feed_url,
            database_url=sqlite_url,
            fetch={"allow_private_addresses": True, "extract_workers": 1},
        )
        proc = start(path, "run", "--once")
        wait_until(lambda: "/a/0" in web.served, timeout=60)
        family = wait_for_family(proc.pid, 3, timeout=10)
        assert len(family) >= 3
        took, out, err, family = signal_and_wait(proc, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    # The pipes closed with the parent: nobody else held them.
    assert took < STOP_BOUND, f"the pipes stayed open {took:.1f}s"
    assert wait_gone(family, 5) == []
