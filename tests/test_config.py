"""Configuration loading: the default file, environment overrides, and every bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from monitor.config import load_settings, mask_url, resolve_sqlite_url
from monitor.errors import ConfigError
from tests.conftest import DEFAULT_CONFIG, REPO, default_config_data


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "monitor.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def minimal(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "milestones": [{"id": "m-one", "title": "One", "due": "2025-09"}],
    }
    data.update(extra)
    return data


def test_default_configuration_loads_with_contract_ids() -> None:
    settings = load_settings(DEFAULT_CONFIG, env={})
    ids = [m.id for m in settings.milestones]
    assert ids == ["iraq-mission-end", "syria-support-end"]
    assert {m.id: m.due for m in settings.milestones} == {
        "iraq-mission-end": "2025-09",
        "syria-support-end": "2026-09",
    }
    assert len(settings.feeds) >= 15
    assert all(f.url.startswith("https://") for f in settings.feeds)
    assert settings.channels.enabled_names() == ["console"]
    # Relative paths resolve against config/, not the working directory.
    assert settings.seeds_dir == REPO / "seeds"
    assert settings.database_url == f"sqlite:///{REPO / 'data' / 'monitor.db'}"


def test_minimal_configuration_gets_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, yaml.safe_dump(minimal())), env={})
    milestone = settings.milestone_objects()[0]
    assert milestone.subject_terms == ()
    assert settings.feeds == ()
    assert settings.fetch.allow_private_addresses is False
    assert settings.seeds_dir == (tmp_path / ".." / "seeds").resolve()
    assert (settings.digest.deadline_alert_days, settings.digest.silence_alert_days) == (14, 30)


def test_feed_authority_defaults_to_press_and_the_government_feeds_are_official() -> None:
    settings = load_settings(DEFAULT_CONFIG, env={})
    authority = settings.feed_authorities()
    official = sorted(name for name, value in authority.items() if value == "official")
    assert official == ["centcom-news", "dvids-centcom", "war-gov-news", "war-gov-releases"]
    assert all(value == "aggregator" for name, value in authority.items() if "gnews" in name)
    assert authority["bbc-middle-east"] == "press"
    bare = load_settings(
        DEFAULT_CONFIG, env={"MONITOR_FEEDS": '[{"name": "x", "url": "https://a.example/f"}]'}
    )
    assert bare.feed_authorities() == {"x": "press"}


def test_an_unknown_milestone_id_is_a_configuration_error() -> None:
    settings = load_settings(DEFAULT_CONFIG, env={})
    assert settings.milestone_ids("syria-support-end") == ("syria-support-end",)
    with pytest.raises(ConfigError, match="unknown milestone 'nope'"):
        settings.milestone_ids("nope")


def test_environment_overrides_file_values_and_nested_keys(tmp_path: Path) -> None:
    path = write(tmp_path, yaml.safe_dump(minimal(fetch={"concurrency": 5})))
    env = {
        "MONITOR_DATABASE_URL": "postgresql+psycopg://u:secret@db:5432/x",
        "MONITOR_FETCH__ALLOW_PRIVATE_ADDRESSES": "true",
        "MONITOR_FEEDS": '[{"name": "x", "url": "https://example.org/feed"}]',
        "MONITOR_CHANNELS__SLACK__WEBHOOK_URL": "https://hooks.slack.com/services/T/B/C",
        "MONITOR_CONFIG": "ignored-here.yaml",
        "MONITOR_TEST_POSTGRES_URL": "unrelated",
    }
    settings = load_settings(path, env=env)
    assert settings.database_url == "postgresql+psycopg://u:secret@db:5432/x"
    assert settings.fetch.allow_private_addresses is True
    assert settings.fetch.concurrency == 5  # the file value survives a sibling override
    assert [f.name for f in settings.feeds] == ["x"]
    webhook = settings.channels.slack.webhook_url
    assert webhook is not None and webhook.get_secret_value().endswith("/T/B/C")
    assert "T/B/C" not in repr(settings.channels.slack)


def test_config_path_comes_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, yaml.safe_dump(minimal()))
    settings = load_settings(None, env={"MONITOR_CONFIG": str(path)})
    assert settings.config_path == path


BAD_FILES = [
    pytest.param("milestones: [\n  {id: a\n", r"line \d+.*malformed YAML", id="malformed-yaml"),
    pytest.param("- just\n- a list\n", "top level must be a mapping", id="not-a-mapping"),
    pytest.param(
        yaml.safe_dump(minimal(colour="blue")), "unknown key 'colour'", id="unknown-top-key"
    ),
    pytest.param(
        yaml.safe_dump(minimal(fetch={"max_redirect": 3})),
        "unknown key 'fetch.max_redirect'",
        id="unknown-nested-key",
    ),
    pytest.param(
        yaml.safe_dump(minimal(fetch={"concurrency": "many"})),
        "fetch.concurrency: Input should be a valid integer",
        id="wrong-type",
    ),
    pytest.param(
        yaml.safe_dump(minimal(feeds=[{"name": "x"}])),
        "feeds.0.url: required key is missing",
        id="feed-without-url",
    ),
    pytest.param(
        yaml.safe_dump(minimal(feeds=[{"name": "x", "url": "ftp://example.org/feed"}])),
        "feeds.0.url: must be an http",
        id="feed-non-http",
    ),
    pytest.param(
        yaml.safe_dump(minimal(feeds=[{"name": "x", "url": "file:///etc/passwd"}])),
        "feeds.0.url: must be an http",
        id="feed-file-scheme",
    ),
    pytest.param(
        yaml.safe_dump(
            {
                "milestones": [
                    {"id": "same", "title": "A", "due": "2025-09"},
                    {"id": "same", "title": "B", "due": "2026-09"},
                ]
            }
        ),
        "two entries have the id 'same'",
        id="duplicate-milestone-id",
    ),
    pytest.param(
        yaml.safe_dump(
            minimal(
                feeds=[
                    {"name": "dup", "url": "https://a.example/feed"},
                    {"name": "dup", "url": "https://b.example/feed"},
                ]
            )
        ),
        "two entries have the name 'dup'",
        id="duplicate-feed-name",
    ),
    pytest.param(
        yaml.safe_dump({"milestones": [{"id": "m", "title": "M", "due": "September 2025"}]}),
        "due: must be YYYY-MM",
        id="bad-due",
    ),
    pytest.param(
        yaml.safe_dump(
            minimal(feeds=[{"name": "x", "url": "https://a.example/f", "authority": "government"}])
        ),
        "feeds.0.authority: Input should be 'official', 'press' or 'aggregator'",
        id="bad-authority",
    ),
    pytest.param(
        yaml.safe_dump(minimal(digest={"silence_alert_days": -1})),
        "digest.silence_alert_days",
        id="negative-silence",
    ),
    pytest.param(
        yaml.safe_dump({"milestones": [{"id": "Bad Id", "title": "M", "due": "2025-09"}]}),
        "milestones.0.id: must be lower-case",
        id="bad-milestone-id",
    ),
    pytest.param(yaml.safe_dump({"feeds": []}), "milestones: required", id="no-milestones"),
    pytest.param(
        yaml.safe_dump(minimal(schedule={"timezone": "Mars/Olympus"})),
        "unknown time zone",
        id="bad-timezone",
    ),
    pytest.param(
        yaml.safe_dump(minimal(channels={"email": {"password": "hunter2"}})),
        "channels.email.password is a secret: set it in MONITOR_CHANNELS__EMAIL__PASSWORD",
        id="secret-in-file",
    ),
    pytest.param(
        yaml.safe_dump(minimal(channels={"email": {"enabled": True}})),
        "email is enabled but has no recipients",
        id="email-without-recipients",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_configuration_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(path, env={})
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_secret_in_file_never_echoes_its_value(tmp_path: Path) -> None:
    path = write(tmp_path, yaml.safe_dump(minimal(channels={"email": {"password": "hunter2"}})))
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MONITOR_FEEDS": "not json"}, "MONITOR_FEEDS: not valid JSON"),
        ({"MONITOR_FETCH__CONCURRENCY": "abc"}, r"\(from MONITOR_FETCH__CONCURRENCY\)"),
        ({"MONITOR_FEEDS": '[{"name": "x", "url": "gopher://x"}]'}, "must be an http"),
    ],
)
def test_bad_environment_override(tmp_path: Path, env: dict[str, str], message: str) -> None:
    path = write(tmp_path, yaml.safe_dump(minimal()))
    with pytest.raises(ConfigError, match=message):
        load_settings(path, env=env)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_settings(tmp_path / "nope.yaml", env={})


def test_every_default_key_is_documented_in_the_default_file() -> None:
    """The shipped YAML shows every top-level section a user can set."""
    data = default_config_data()
    for key in ("database_url", "feeds", "milestones", "schedule", "fetch", "channels", "digest"):
        assert key in data


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///data/x.db", "sqlite:////base/data/x.db"),
        ("sqlite:////abs/x.db", "sqlite:////abs/x.db"),
        ("sqlite:///:memory:", "sqlite:///:memory:"),
        ("sqlite+pysqlite:///x.db?timeout=3", "sqlite+pysqlite:////base/x.db?timeout=3"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
    ],
)
def test_resolve_sqlite_url(url: str, expected: str) -> None:
    assert resolve_sqlite_url(url, Path("/base")) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql+psycopg://user:s3cret@host:5432/db",
            "postgresql+psycopg://user:***@host:5432/db",
        ),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
        ("postgresql://user@host/db", "postgresql://user@host/db"),
    ],
)
def test_mask_url(url: str, expected: str) -> None:
    assert mask_url(url) == expected


def test_empty_secret_in_environment_means_unset(tmp_path: Path) -> None:
    path = write(tmp_path, yaml.safe_dump(minimal()))
    env = {"MONITOR_CHANNELS__EMAIL__PASSWORD": "", "MONITOR_CHANNELS__SLACK__WEBHOOK_URL": ""}
    settings = load_settings(path, env=env)
    assert settings.channels.email.password is None
    assert settings.channels.slack.webhook_url is None
