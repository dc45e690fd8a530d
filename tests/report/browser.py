"""Headless Chromium (Debian's package) driven by Playwright, for the report page's tests.

Playwright only drives the system's browser: it never downloads one (`playwright install` is
not used anywhere). Each browser starts with a fresh temporary profile (Playwright gives it
its own user-data-dir). Every page opened here is guarded: a request for anything but a
file:// URL is aborted and recorded, and console errors, script errors and dialogs are
recorded; `Guarded.check()` fails the test on any of them.

Without /usr/bin/chromium the tests skip, saying so, unless CI is set: CI installs it
(.ci/run) and the tests must run there.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Screenshots go to the test's tmp_path; set REPORT_SHOTS_DIR to keep copies elsewhere.
SHOTS_ENV = "REPORT_SHOTS_DIR"


def require_browser() -> None:
    """Skip (or, under CI, fail) when the browser or Playwright is missing."""
    missing = None
    if not CHROMIUM.exists():
        missing = f"chromium is not installed ({CHROMIUM}; `apt-get install chromium`)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed (pip install -e '.[test]')"
    if missing is None:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{missing}: CI must run the browser tests (.ci/run installs chromium)")
    pytest.skip(missing)


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)


@dataclass
class Guarded:
    """A page with its record of what went wrong."""

    page: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert self.outside == [], f"requests left the file system: {self.outside}"
        assert self.errors == [], f"console or script errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


def open_page(
    browser: Any, path: Path, *, width: int = 1280, height: int = 900, scheme: str = "light"
) -> Guarded:
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        service_workers="block",
    )
    page = context.new_page()
    guarded = Guarded(page)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            guarded.outside.append(url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: guarded.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: guarded.errors.append(str(e)))

    def dialog(d: Any) -> None:
        guarded.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("html[data-ready='1']", timeout=60_000)
    return guarded


def screenshot(guarded: Guarded, tmp_path: Path, name: str) -> Path:
    """A full-page screenshot in tmp_path (and a copy in $REPORT_SHOTS_DIR when set)."""
    shot = tmp_path / f"{name}.png"
    guarded.page.screenshot(path=str(shot), full_page=True)
    keep = os.environ.get(SHOTS_ENV)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy2(shot, Path(keep) / shot.name)
    return shot


def luminance(css_colour: str) -> float:
    """The relative luminance (0 dark .. 1 light) of an `rgb(r, g, b)` colour."""
    inner = css_colour[css_colour.index("(") + 1 : css_colour.index(")")]
    r, g, b = (float(x) / 255 for x in inner.split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
