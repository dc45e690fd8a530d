"""Render the HTML digest in headless Chromium (Debian's chromium package): it loads, lays out
at desktop and phone widths, and a hostile title injected into it runs no script.

Skipped when /usr/bin/chromium is absent. Screenshots go to tmp_path, never the repository.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest
from notify_samples import MILESTONES, NOW, feeds_with_failures, pending, rich_findings

from monitor.notify.compose import compose
from monitor.notify.render import Renderer

CHROMIUM = Path("/usr/bin/chromium")
ALERTS = Path(__file__).resolve().parents[2] / "alerts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed")

PROBE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.fixture
def digest_html(tmp_path: Path) -> Path:
    items = [*rich_findings(), pending(20, title=f"Hostile {PROBE} title", novelty="background")]
    digest = compose(items, MILESTONES, feeds_with_failures(), NOW, period_start=NOW.replace(day=5))
    path = tmp_path / "digest.html"
    path.write_text(Renderer(ALERTS).render(digest).html, encoding="utf-8")
    return path


@pytest.mark.parametrize(("width", "name"), [(800, "desktop"), (390, "phone")])
def test_digest_renders(tmp_path, digest_html, width, name):
    shot = tmp_path / f"digest-{name}.png"
    result = chromium(
        tmp_path, f"--window-size={width},1600", f"--screenshot={shot}", digest_html.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
    assert png_size(shot) == (width, 1600)


def test_dark_mode_renders(tmp_path, digest_html):
    shot = tmp_path / "digest-dark.png"
    result = chromium(
        tmp_path,
        "--force-dark-mode",
        "--blink-settings=preferredColorScheme=0",
        "--window-size=800,1600",
        f"--screenshot={shot}",
        digest_html.as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.stat().st_size > 20_000


def test_hostile_title_runs_no_script(tmp_path, digest_html):
    result = chromium(tmp_path, "--dump-dom", digest_html.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "Hostile &lt;img src=x onerror=" in dom
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert "<img" not in dom
