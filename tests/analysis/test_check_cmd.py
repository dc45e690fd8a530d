"""`monitor check`: sources, JSON lines, the readable report, exit codes, bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.demo import serve_replay

REPO = Path(__file__).resolve().parents[2]

ARTICLE = """US forces complete exit from Ain al-Asad

BAGHDAD — The last US troops left Ain al-Asad air base on Saturday, Iraqi officers said,
and fewer than 2,000 American troops now remain in Iraq.
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Coalition leaves Baghdad base</title>
<meta property="article:published_time" content="2025-09-20T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Coalition leaves Baghdad base</h1>
<p>Coalition forces handed over the Victory base near Baghdad airport to the Iraqi army on
Friday, officials said, ahead of the end of the coalition's military mission in Iraq.</p>
<p>The handover follows the 2024 agreement to end the mission by September 2025. Several
hundred advisers will move to Erbil, the officials added, where they will support operations
in Syria until at least September 2026.</p>
<p>Iraqi commanders said the army was ready to take over security at the site.</p>
</article>
<footer>Copyright Example News. Subscribe to our newsletter.</footer>
</body></html>
"""


@pytest.fixture
def config(make_config):
    return str(make_config())


def invoke(config, *args, input=None):
    runner = CliRunner()
    return runner.invoke(cli, ["--config", config, "check", *args], input=input)


def lines(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_json_lines_for_text_html_and_stdin(config, tmp_path):
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke(
        config, str(text), str(page), "-", "--json", "--published", "2026-01-18", input=ARTICLE
    )
    assert result.exit_code == 0, result.output
    objects = lines(result)
    assert [o["source"] for o in objects] == [str(text), str(page), "-"]
    for o in objects:
        for key in (
            "title",
            "published",
            "relevant",
            "milestones",
            "novelty",
            "mentions",
            "new_facts",
        ):
            assert key in o
        assert o["published"] == "2026-01-18"
        assert o["relevant"] is True and o["novelty"] == "new"
        assert all(isinstance(f, str) and len(f) < 200 for f in o["new_facts"])
        for m in o["mentions"]:
            assert {
                "milestone",
                "sentence",
                "date_text",
                "date_resolved",
                "start",
                "end",
                "rule",
                "terms",
                "score",
            } <= set(m)
    first = objects[0]
    assert first["title"] == "US forces complete exit from Ain al-Asad"
    assert first["status_change"] == "completed"
    assert any(f["key"] == "troops:2000" and f["baseline"] for f in first["facts"])
    html = objects[1]
    assert html["title"] == "Coalition leaves Baghdad base"
    assert set(html["milestones"]) == {"iraq-mission-end", "syria-support-end"}


def test_page_date_is_used_without_published(config, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    (obj,) = lines(invoke(config, str(page), "--json"))
    assert obj["published"] == "2025-09-20"


def test_seed_file_is_recognised_as_a_repeat(config):
    seed = REPO / "seeds" / "004_8adf0b6e8007587d.txt"
    (obj,) = lines(invoke(config, str(seed), "--json"))
    assert obj["novelty"] == "baseline_repeat"
    assert obj["repeat_of"] == "004_8adf0b6e8007587d"
    assert obj["published"] == "2024-09-27"


def test_readable_report_marks_the_evidence(config, tmp_path):
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    result = invoke(config, str(text), "--published", "2026-01-18")
    assert result.exit_code == 0
    out = result.stdout
    assert "verdict    NEW" in out
    # Not a terminal: matched terms in [brackets], the date phrase in [[double brackets]].
    assert re.search(r"\[[^\]]*Ain al-Asad[^\]]*\]", out)
    assert "+ troops: fewer than 2,000" in out
    assert "iraq-mission-end" in out


def test_report_marks_the_date_phrase(config, tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text(
        "Coalition forces will leave Baghdad by the end of September 2025, officials said.",
        encoding="utf-8",
    )
    out = invoke(config, str(text), "--published", "2025-03-01").stdout
    assert "[[by the end of September 2025]]" in out


def test_exit_1_when_some_sources_cannot_be_read(config, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = invoke(config, str(good), str(tmp_path / "missing.txt"), "--json")
    assert result.exit_code == 1
    objects = lines(result)
    assert objects[1] == {"source": str(tmp_path / "missing.txt"), "error": "no such file"}
    assert "missing.txt: no such file" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not text"),
        (b"<html><body><script>var x = 1;</script></body></html>", "no article text"),
    ],
)
def test_exit_2_when_no_source_can_be_read(config, tmp_path, content, message):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(content)
    result = invoke(config, str(bad))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_url_sources_are_fetched_with_the_project_client(config):
    with serve_replay() as feed_url:
        base = feed_url.rsplit("/", 1)[0]
        good = f"{base}/articles/11-coalition-completes-withdrawal-from-ain-al-asad.html"
        missing = f"{base}/articles/no-such-page.html"
        result = invoke(config, good, missing, "--json")
    assert result.exit_code == 1
    first, second = lines(result)
    assert first["url"] == good and first["relevant"] is True
    assert first["published"] == "2026-01-18"
    assert second["source"] == missing and "404" in second["error"]
    assert "404" in result.stderr


def test_url_to_a_private_address_is_refused_by_the_guard(make_config):
    guarded = make_config(fetch={"allow_private_addresses": False})
    with serve_replay() as feed_url:
        result = invoke(
            guarded,
            feed_url.replace("feed.xml", "articles/02-first-us-convoy-leaves-ain-al-asad.html"),
        )
    assert result.exit_code == 2
    assert "127.0.0.1" in result.stderr or "private" in result.stderr or "loopback" in result.stderr


def test_bad_published_is_a_usage_error(config, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result = invoke(config, str(good), "--published", "yesterday")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_no_source_is_a_usage_error(config):
    assert invoke(config).exit_code == 2


@pytest.mark.parametrize(
    "content",
    [
        ("Die Koalition beendet ihre Mission im Irak. " * 50).encode(),  # not English
        ("word " * 200_000).encode(),  # a megabyte without a sentence boundary
        "Bagdad — ünïcödé ★ ".encode("utf-16"),  # UTF-16 with a byte order mark
        "Café au lait à Bagdad.".encode("cp1252"),  # legacy single-byte text
    ],
)
def test_odd_but_readable_text_is_analysed(config, tmp_path, content):
    odd = tmp_path / "odd.txt"
    odd.write_bytes(content)
    result = invoke(config, str(odd), "--json")
    assert result.exit_code == 0, result.output
    (obj,) = lines(result)
    assert obj["relevant"] is False and obj["novelty"] == "none"


def test_only_one_stdin(config):
    result = invoke(config, "-", "-", "--json", input=ARTICLE)
    assert result.exit_code == 1
    assert "stdin was already read" in result.stderr
