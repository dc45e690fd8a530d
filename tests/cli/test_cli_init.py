"""`monitor init` and where the configuration is found: subprocesses in fresh folders."""

from __future__ import annotations

from pathlib import Path

import yaml
from cli_process import REPO, one_error_line, run_monitor

from monitor.scaffold import list_examples, localise


def test_init_writes_a_folder_that_config_check_accepts(tmp_path: Path) -> None:
    made = run_monitor("init", "x", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "x"
    assert (folder / "seeds" / "000_8f32e4b1079b2bee.txt").is_file()
    assert (folder / "alerts" / "digest.txt.j2").is_file()
    assert (folder / "data").is_dir() and not any((folder / "data").iterdir())
    assert "MONITOR_CHANNELS__EMAIL__PASSWORD" in (folder / ".env.example").read_text()
    text = (folder / "monitor.yaml").read_text()
    assert text.startswith("# milestone-monitor: default configuration.")  # comments kept
    assert "# baseline documents: what was already known" in text
    data = yaml.safe_load(text)
    assert data["seeds_dir"] == "seeds" and data["templates_dir"] == "alerts"
    assert data["database_url"] == "sqlite:///data/monitor.db"
    assert "next: cd x && monitor config check && monitor run --once" in made.stdout

    checked = run_monitor("config", "check", cwd=folder)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[0] == "configuration  monitor.yaml"
    assert f"in {folder / 'seeds'}" in checked.stdout
    assert f"sqlite:///{folder / 'data' / 'monitor.db'}" in checked.stdout
    assert checked.stdout.rstrip().endswith("configuration ok")


def test_init_refuses_to_overwrite_anything(tmp_path: Path) -> None:
    assert run_monitor("init", "x", cwd=tmp_path).returncode == 0
    config = tmp_path / "x" / "monitor.yaml"
    config.write_text(config.read_text() + "# my own edit\n")
    again = run_monitor("init", "x", cwd=tmp_path)
    assert again.returncode == 2
    line = one_error_line(again)
    assert "x/monitor.yaml exists" in line and "refusing to overwrite" in line
    assert config.read_text().endswith("# my own edit\n")

    # A folder that holds only one of the files is refused too, before anything is written.
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / ".env.example").write_text("MINE=1\n")
    partial = run_monitor("init", "y", cwd=tmp_path)
    assert partial.returncode == 2 and "y/.env.example exists" in one_error_line(partial)
    assert sorted(p.name for p in (tmp_path / "y").iterdir()) == [".env.example"]


def test_init_in_the_current_folder(tmp_path: Path) -> None:
    made = run_monitor("init", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[-1] == "next: monitor config check && monitor run --once"
    assert run_monitor("config", "check", cwd=tmp_path).returncode == 0


def _tiny_example(root: Path) -> Path:
    """A small example in another domain: one milestone, one seed, a page, its own layout."""
    example = root / "plant-closure"
    (example / "seeds").mkdir(parents=True)
    (example / "pages").mkdir()
    (example / "seeds" / "001_announcement.txt").write_text(
        "title: Riverside plant to close\noutlet: Valley Herald\npublished: 2024-03-01\n---\n"
        "The company said on Friday that the Riverside coal plant will close by June 2026, "
        "and that its 300 workers will be offered jobs at the new solar site.\n"
    )
    (example / "pages" / "sample.html").write_text("<html><body><p>Sample</p></body></html>")
    (example / "monitor.yaml").write_text(
        "# Example: follow the closing of a power plant.\n"
        "seeds_dir: seeds   # the announcement\n"
        "feeds: []\n"
        "milestones:\n"
        "  - id: plant-closure\n"
        "    title: The Riverside coal plant closes\n"
        "    due: 2026-06\n"
        "    subject_terms: [riverside plant | riverside coal plant]\n"
        "    action_terms: [close | closure | shut down]\n"
    )
    return example


def test_init_from_an_example_folder(tmp_path: Path) -> None:
    example = _tiny_example(tmp_path / "examples")
    made = run_monitor("init", "plant", "--example", str(example), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "plant"
    assert (folder / "pages" / "sample.html").is_file()
    assert (folder / "seeds" / "001_announcement.txt").is_file()
    assert (folder / "alerts" / "subject.txt.j2").is_file()  # the default templates
    text = (folder / "monitor.yaml").read_text()
    assert text.startswith("# Example: follow the closing of a power plant.")
    assert "seeds_dir: seeds   # the announcement" in text
    data = yaml.safe_load(text)
    assert data["templates_dir"] == "alerts" and data["data_dir"] == "data"

    checked = run_monitor("config", "check", cwd=folder)
    assert checked.returncode == 0, checked.stderr
    assert "plant-closure" in checked.stdout and "Valley Herald" in checked.stdout


def test_an_unknown_example_is_refused_with_the_list(tmp_path: Path) -> None:
    result = run_monitor("init", "x", "--example", "no-such-example", cwd=tmp_path)
    assert result.returncode == 2
    shipped = list_examples(REPO / "config" / "examples")
    expected = ", ".join(shipped) or "none shipped"
    assert one_error_line(result) == (
        f"monitor: init: unknown example 'no-such-example' (examples: {expected})"
    )
    assert not (tmp_path / "x").exists()
    listed = run_monitor("init", "--list", cwd=tmp_path)
    assert listed.returncode == 0
    assert listed.stdout.split() == (shipped or ["no", "examples", "are", "shipped"])


def test_list_examples_finds_folders_with_a_configuration(tmp_path: Path) -> None:
    _tiny_example(tmp_path)
    (tmp_path / "notes").mkdir()
    (tmp_path / "README.md").write_text("x")
    assert list_examples(tmp_path) == ["plant-closure"]
    assert list_examples(tmp_path / "missing") == []


def test_localise_rewrites_paths_and_keeps_comments() -> None:
    text = (
        "# header\n\ndatabase_url: sqlite:///../data/monitor.db\n"
        "seeds_dir: ../seeds          # baseline\nfeeds: []\n  # path: ../data/digests.txt\n"
    )
    out = localise(text)
    # The missing keys come before the first key, the others are rewritten where they are.
    assert out.splitlines()[:5] == [
        "# header",
        "",
        "data_dir: data",
        "templates_dir: alerts",
        "database_url: sqlite:///data/monitor.db",
    ]
    assert "seeds_dir: seeds             # baseline" in out
    assert "# path: data/digests.txt" in out
    server = localise("database_url: postgresql+psycopg://u@h/d\nfeeds: []\n")
    assert "database_url: postgresql+psycopg://u@h/d" in server


def test_configuration_is_found_in_the_documented_order(tmp_path: Path) -> None:
    home = tmp_path / "home"
    xdg = home / "xdg"
    work = tmp_path / "work"
    work.mkdir()
    env = {"XDG_CONFIG_HOME": str(xdg), "HOME": str(home)}
    # Four working configurations, told apart by where their seeds are.
    for place in (work / "config", work, xdg / "milestone-monitor", tmp_path / "named"):
        assert run_monitor("init", str(place), cwd=tmp_path).returncode == 0

    def used(*args: str, **extra: str) -> str:
        result = run_monitor(*args, "config", "check", cwd=work, env={**env, **extra})
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()[0].split(None, 1)[1]

    named = str(tmp_path / "named" / "monitor.yaml")
    assert used("--config", named, MONITOR_CONFIG=str(xdg / "nope.yaml")) == named
    assert used(MONITOR_CONFIG=named) == named
    assert used() == "config/monitor.yaml"
    (work / "config" / "monitor.yaml").unlink()
    assert used() == "monitor.yaml"
    (work / "monitor.yaml").unlink()
    assert used() == str(xdg / "milestone-monitor" / "monitor.yaml")
    (xdg / "milestone-monitor" / "monitor.yaml").unlink()

    missing = run_monitor("config", "check", cwd=work, env=env)
    assert missing.returncode == 2
    assert one_error_line(missing) == (
        "monitor: configuration error: no configuration found (looked for --config, "
        "$MONITOR_CONFIG, ./config/monitor.yaml, ./monitor.yaml, "
        f"{xdg}/milestone-monitor/monitor.yaml); run `monitor init DIR` to write one"
    )
    for command in (("run", "--once"), ("check", "-")):
        result = run_monitor(*command, cwd=work, env=env)
        assert result.returncode == 2 and "monitor init" in one_error_line(result)
