"""The report page in a real browser (headless Chromium): built from the demo, from the
labelled sets replayed through `monitor run --once`, and from a store of hostile titles.

After the scripts run: the states and titles are those of `monitor status --json`, the charts
are drawn, pointing at a bar lists its articles and clicking it lists them below, the filters
change what is shown, everything works from the keyboard, at phone width and in dark mode; no
request leaves the file system, no console error, no dialog, and hostile text is shown as
text. Screenshots go to tmp_path (REPORT_SHOTS_DIR keeps copies).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from browser import Guarded, launch, luminance, open_page, require_browser, screenshot
from report_samples import HOSTILE, IRAQ, PROBE, article, day
from report_store import store_articles, store_polls

from monitor.config import load_settings
from monitor.demo import serve_replay
from monitor.state.describe import LABELS
from monitor.store.engine import open_store
from monitor.types import StatusEvent
from tests.cli.cli_process import run_monitor
from tests.conftest import REPO, default_config_data
from tests.run.labelled_sets import build_site, monitor, write_config

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Built:
    index: Path
    statuses: dict[str, dict[str, object]]


@pytest.fixture(scope="module")
def labelled(tmp_path_factory) -> Built:
    """The labelled sets' pages replayed through `monitor run --once`, then the report."""
    folder = tmp_path_factory.mktemp("labelled-report")
    site = build_site(folder / "site")
    with serve_replay(site) as feed_url:
        config = write_config(folder, f"sqlite:///{folder / 'monitor.db'}", feed_url)
        ran = monitor(config, "run", "--once")
        assert ran.returncode == 0, ran.stderr
    rows = [json.loads(x) for x in monitor(config, "status", "--json").stdout.splitlines()]
    written = monitor(config, "report", "--output", str(folder / "report"))
    assert written.returncode == 0, written.stderr
    return Built(folder / "report" / "index.html", {r["id"]: r for r in rows})


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """`monitor demo` writes the report beside the digest."""
    folder = tmp_path_factory.mktemp("demo-report")
    result = run_monitor("demo", "--output", str(folder / "out"), cwd=folder, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "the report page to" in result.stderr
    return folder / "out" / "report" / "index.html"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A store whose titles, sentences and outlets are the hostile cases of the digest."""
    folder = tmp_path_factory.mktemp("hostile-report")
    data = default_config_data()
    data.update(
        database_url=f"sqlite:///{folder / 'monitor.db'}",
        data_dir=str(folder / "data"),
        seeds_dir=str(REPO / "seeds"),
        templates_dir=str(REPO / "alerts"),
        feeds=[{"name": "<b>wire</b>", "url": "https://feeds.example/wire"}],
    )
    config = folder / "monitor.yaml"
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    engine = open_store(load_settings(config, env={}).database_url)
    titles = [*HOSTILE, f"Probe {PROBE} title"]
    items = [
        article(
            i + 1,
            title=title,
            outlet=f"Outlet {title}",
            published=day(2025, 8, 18 + (i % 3)),
            events=(StatusEvent(IRAQ.id, "step" if i else "completed", title, title),),
            sentence=f"{title} by September 2025.",
            date_text="by September 2025",
            url="javascript:alert(3)" if i == 0 else f"https://news.example/{i}?a=1&b=<2>",
        )
        for i, title in enumerate(titles)
    ]
    store_articles(engine, items, feed="<b>wire</b>")
    store_polls(engine, "<b>wire</b>", day(2025, 8, 20), ["ok", "failed"])
    engine.dispose()
    result = run_monitor("--config", str(config), "report", "--output", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "out" / "index.html"


# --- helpers ------------------------------------------------------------------------------------


def expect(locator):
    """Playwright's retrying assertions (they run no eval: the page's policy forbids it)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def count_line(page) -> str:
    return page.locator("#evidence-count").inner_text()


def shown(page, selector: str) -> list[str]:
    return page.locator(f"#stories {selector}").all_inner_texts()


def tallest_bar(page, chart: int) -> dict[str, float]:
    """The centre of the tallest bar of a chart, in page coordinates."""
    box = page.evaluate(
        """(id) => {
            const bars = [...document.querySelectorAll(`#chart-${id} .barlayer .point path`)]
                .map(p => p.getBoundingClientRect()).filter(r => r.height > 0);
            bars.sort((a, b) => b.height - a.height);
            const r = bars[0];
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""",
        chart,
    )
    return box


# --- the demo -----------------------------------------------------------------------------------


def test_the_demo_report_reads_with_its_charts_drawn(browser, demo: Path, tmp_path: Path) -> None:
    guarded = open_page(browser, demo)
    page = guarded.page
    assert page.get_attribute("html", "data-charts") == "drawn"
    settings = load_settings(REPO / "config" / "monitor.yaml", env={})
    titles = page.locator(".card h3").all_inner_texts()
    assert titles == [m.title for m in settings.milestones]
    for label in page.locator(".card .pill").all_inner_texts():
        assert label.lower() in {v.lower() for v in LABELS.values()}
    for chart in range(len(titles)):
        assert page.locator(f"#chart-{chart} svg.main-svg").count() >= 1
        assert page.locator(f"#chart-{chart} .barlayer .point path").count() >= 1
    assert page.locator("#coverage-chart .barlayer .point path").count() >= 1
    assert re.match(r"Showing 1–\d+ of \d+ matching stories", count_line(page))
    screenshot(guarded, tmp_path, "report-demo-desktop")
    guarded.check()


# --- the labelled sets --------------------------------------------------------------------------


def test_the_board_shows_the_states_of_monitor_status(browser, labelled: Built) -> None:
    guarded = open_page(browser, labelled.index)
    page = guarded.page
    cards = page.locator(".card")
    assert cards.count() == len(labelled.statuses)
    for milestone, status in labelled.statuses.items():
        card = page.locator(f'.card[data-milestone="{milestone}"]')
        assert card.locator("h3").inner_text() == status["title"]
        assert card.locator(".pill").inner_text().lower() == LABELS[status["state"]].lower()
        assert card.locator(".line").inner_text() == status["line"]
        if status["state"] not in ("pending", "overdue"):
            word = "confirmed" if status["confirmed"] else "unconfirmed"
            assert card.locator(".confirm").inner_text() == word
    guarded.check()


def test_the_filters_change_what_is_shown(browser, labelled: Built) -> None:
    guarded = open_page(browser, labelled.index)
    page = guarded.page
    everything = count_line(page)
    total = int(re.search(r"of ([\d,]+) matching", everything).group(1).replace(",", ""))
    assert total > 20 and len(shown(page, ".story")) == 20
    syria = labelled.statuses["syria-support-end"]["title"]
    page.select_option("#f-milestone", "syria-support-end")
    narrowed = count_line(page)
    assert narrowed != everything
    assert set(shown(page, ".ms")) == {syria}
    page.uncheck("input[value=new]")
    page.uncheck("input[value=background]")
    page.check("input[value=baseline_repeat]")
    page.select_option("#f-milestone", "")
    tags = {t.lower() for t in shown(page, ".tag.r, .tag.n, .tag.b")}
    assert tags == {"re-publication"}
    page.click("#f-reset")
    expect(page.locator("#evidence-count")).to_contain_text("1–20")
    page.fill("#f-from", "2026-01-01")
    page.fill("#f-to", "2026-01-31")
    page.dispatch_event("#f-to", "change")
    dates = page.locator("#stories .story .tags time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert dates and all("2026-01-01" <= d <= "2026-02-28" for d in dates)
    page.click("#f-reset")
    page.fill("#f-q", "ain al-asad")
    assert count_line(page) != everything
    for item in page.locator("#stories .story").all_text_contents():
        assert "ain al-asad" in item.lower()
    page.click("#f-reset")
    expect(page.locator("#next")).to_be_enabled()
    page.click("#next")
    assert page.locator("#page-info").inner_text().startswith("Page 2 of")
    guarded.check()


def test_pointing_at_a_bar_and_clicking_it_list_its_articles(browser, labelled: Built) -> None:
    guarded = open_page(browser, labelled.index)
    page = guarded.page
    page.locator("#chart-0").scroll_into_view_if_needed()
    centre = tallest_bar(page, 0)
    page.mouse.move(centre["x"], centre["y"])
    hover = page.locator("#chart-0 .hoverlayer .hovertext")
    hover.wait_for(timeout=10_000)
    assert re.search(r"(Week|Month) from \d+ \w+ \d{4}: \d+ (new|background)", hover.text_content())
    page.mouse.click(centre["x"], centre["y"])
    panel = page.locator("#bucket-0")
    panel.wait_for(state="visible", timeout=10_000)
    heading = panel.locator("h3").inner_text()
    new, background = map(int, re.search(r"(\d+) new, (\d+) background", heading).groups())
    assert panel.locator("li").count() == min(50, new + background) > 0
    # "Show them in the evidence list" narrows the list to that milestone and period.
    panel.locator("button").click()
    assert page.locator("#f-milestone").input_value() == "iraq-mission-end"
    assert page.locator("#f-from").input_value() != ""
    guarded.check()


def test_everything_works_from_the_keyboard(browser, labelled: Built) -> None:
    guarded = open_page(browser, labelled.index)
    page = guarded.page
    focused = lambda: page.evaluate(  # noqa: E731
        "(() => { const e = document.activeElement; return [e.tagName, e.id, e.className, e.textContent.slice(0, 60)]; })()"
    )
    page.keyboard.press("Tab")
    assert focused()[2] == "skip"
    page.keyboard.press("Enter")
    assert focused()[1] == "status"

    def tab_to(test, limit: int = 150) -> list[str]:
        for _ in range(limit):
            page.keyboard.press("Tab")
            now = focused()
            if test(now):
                return now
        raise AssertionError("not reached with the keyboard")

    tab_to(lambda f: f[0] == "SUMMARY")  # the first chart's table
    page.keyboard.press("Enter")
    tab_to(lambda f: f[0] == "BUTTON" and "list" in f[2])
    page.keyboard.press("Enter")
    assert page.locator("#bucket-0").is_visible()
    assert focused()[0] == "H3"  # the list of that period has the focus
    tab_to(lambda f: f[1] == "f-milestone", limit=400)
    before = count_line(page)
    page.keyboard.press("ArrowDown")
    assert page.locator("#f-milestone").input_value() == "iraq-mission-end"
    assert count_line(page) != before
    tab_to(lambda f: f[1] == "f-q")
    page.keyboard.type("convoy")
    assert "convoy" in " ".join(shown(page, ".story")).lower()
    guarded.check()


def test_phone_width(browser, labelled: Built, tmp_path: Path) -> None:
    guarded = open_page(browser, labelled.index, width=390, height=844)
    page = guarded.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first, second = page.locator(".card").all()[:2]
    assert second.bounding_box()["y"] >= first.bounding_box()["y"] + first.bounding_box()["height"]
    assert page.locator("#chart-0 svg.main-svg").first.bounding_box()["width"] <= 390
    screenshot(guarded, tmp_path, "report-labelled-phone")
    guarded.check()


def test_dark_mode(browser, labelled: Built, tmp_path: Path) -> None:
    guarded = open_page(browser, labelled.index, scheme="dark")
    page = guarded.page
    assert luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) < 0.1
    assert luminance(page.evaluate("getComputedStyle(document.body).color")) > 0.7
    tick = page.evaluate("getComputedStyle(document.querySelector('#chart-0 .xtick text')).fill")
    assert luminance(tick) > 0.5  # the chart follows the scheme
    screenshot(guarded, tmp_path, "report-labelled-dark")
    light = open_page(browser, labelled.index)
    screenshot(light, tmp_path, "report-labelled-desktop")
    guarded.check()
    light.check()


# --- hostile text -------------------------------------------------------------------------------


def test_hostile_titles_are_shown_as_text_and_run_nothing(browser, hostile: Path) -> None:
    guarded: Guarded = open_page(browser, hostile)
    page = guarded.page
    assert page.get_attribute("html", "data-pwned") is None
    assert page.locator("img").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    assert page.locator("a[href^='javascript']").count() == 0
    headlines = page.locator("#stories .story h3").all_inner_texts()
    for title in HOSTILE:
        assert title in headlines
    assert "Outlet <script>alert(1)</script>" in page.locator("#stories").inner_text()
    assert "<b>wire</b>" in page.locator("table.feeds").inner_text()
    # The chart's hover box shows the titles as the text they are.
    page.locator("#chart-0").scroll_into_view_if_needed()
    centre = tallest_bar(page, 0)
    page.mouse.move(centre["x"], centre["y"])
    hover = page.locator("#chart-0 .hoverlayer .hovertext")
    hover.wait_for(timeout=10_000)
    text = hover.text_content()
    assert "<" in text and ("<script>" in text or "<img" in text or "<!" in text or "<http" in text)
    assert page.locator(".hoverlayer a, .hoverlayer img, script:not([src])").count() == 0
    guarded.check()
