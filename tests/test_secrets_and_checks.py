"""Secrets never appear in any output, tracebacks included, and `config check` refuses what
would fail later: channel URLs and addresses, cron expressions, hosts and ports. Real
subprocesses; the failing Slack webhook is a real connection refused on this machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.config import load_settings
from monitor.errors import ConfigError
from tests.conftest import REPO
from tests.run.slow_web import slow_web

TOKEN = "T0AAAAAAA/B0BBBBBBB/s3cr3tW3bh00kT0k3n"
PASSWORD = "pa55-w0rd-n3ver-sh0wn"


def monitor(config: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    full = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(config), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=full,
        timeout=timeout,
    )


WEBHOOKS = [
    (f"hooks.slack.com/services/{TOKEN}", "must be an https:// URL"),
    (f"http://hooks.slack.com/services/{TOKEN}", "plain http only to this machine"),
    (f"https://hooks.slack.com:99999/services/{TOKEN}", "valid host and port"),
    (f"https://hooks slack.com/services/{TOKEN}", "without spaces"),
    ("https://hooks.slack.com/", "must include the webhook's path"),
]


@pytest.mark.parametrize(
    ("webhook", "problem"),
    WEBHOOKS,
    ids=["no-scheme", "plain-http", "bad-port", "space", "no-path"],
)
def test_a_malformed_webhook_is_refused_without_showing_it(make_config, webhook, problem) -> None:
    config = make_config(channels={"slack": {"enabled": True}})
    with pytest.raises(ConfigError) as refused:
        load_settings(config, env={"MONITOR_CHANNELS__SLACK__WEBHOOK_URL": webhook})
    message = str(refused.value)
    assert "channels.slack.webhook_url (from MONITOR_CHANNELS__SLACK__WEBHOOK_URL)" in message
    assert problem in message and "it is a secret" in message
    assert "s3cr3t" not in message and "hooks.slack.com" not in message


def test_config_check_says_so_in_one_line_without_the_webhook(make_config) -> None:
    config = make_config(channels={"slack": {"enabled": True}})
    webhook = WEBHOOKS[0][0]
    result = monitor(
        config, "config", "check", env={"MONITOR_CHANNELS__SLACK__WEBHOOK_URL": webhook}
    )
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("monitor: configuration error: ") and "must be an https:// URL" in line
    assert "s3cr3t" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"schedule": {"digest_cron": "61 25 * * *"}}, "schedule.digest_cron: '61 25 * * *'"),
        ({"schedule": {"cleanup_cron": "0 3 * *"}}, "must be a cron expression of 5 fields"),
        (
            {"channels": {"email": {"recipients": ["someone at example.org"]}}},
            "each recipient must be an email address",
        ),
        (
            {"channels": {"email": {"recipients": ["a@example.org, b@example.org"]}}},
            "each recipient must be an email address",
        ),
        ({"channels": {"email": {"sender": "monitor"}}}, "the sender must be an email address"),
        ({"channels": {"email": {"smtp_host": "smtp example.org"}}}, "channels.email.smtp_host"),
        ({"channels": {"email": {"smtp_port": 0}}}, "channels.email.smtp_port"),
        ({"metrics": {"host": "local host"}}, "metrics.host"),
        ({"metrics": {"port": 70000}}, "metrics.port"),
    ],
    ids=[
        "cron-values",
        "cron-fields",
        "recipient",
        "two-recipients-in-one",
        "sender",
        "smtp-host",
        "smtp-port",
        "metrics-host",
        "metrics-port",
    ],
)
def test_the_configuration_refuses_what_would_fail_later(make_config, overrides, expected) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(make_config(**overrides), env={})
    assert expected in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_cron_expression_that_cannot_fire_stops_the_daemon_at_once(make_config) -> None:
    result = monitor(make_config(schedule={"digest_cron": "61 25 * * *"}), "run", timeout=30)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


FORCED = """
import sys, threading
from monitor.config import load_settings
from monitor.logs import install_excepthooks
settings = load_settings(sys.argv[1])
install_excepthooks()
webhook = settings.channels.slack.webhook_url.get_secret_value()
password = settings.channels.email.password.get_secret_value()
def in_a_thread():
    raise RuntimeError(f"thread saw {webhook} and {password}")
thread = threading.Thread(target=in_a_thread)
thread.start()
thread.join()
raise ConnectionError(f"could not post to {webhook} with {password}")
"""


def test_a_forced_traceback_shows_no_secret(make_config) -> None:
    config = make_config(
        channels={
            "slack": {"enabled": True},
            "email": {"enabled": True, "username": "monitor", "recipients": ["a@example.org"]},
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", FORCED, str(config)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")},
            "MONITOR_CHANNELS__SLACK__WEBHOOK_URL": f"https://hooks.slack.com/services/{TOKEN}",
            "MONITOR_CHANNELS__EMAIL__PASSWORD": PASSWORD,
        },
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("Traceback (most recent call last)") == 2
    assert "RuntimeError: thread saw" in result.stderr and "ConnectionError" in result.stderr
    assert "s3cr3t" not in result.stderr and PASSWORD not in result.stderr
    assert "B0BBBBBBB" not in result.stderr  # not even a piece of the token
    assert "***" in result.stderr


def test_a_failing_webhook_fails_alone_and_is_never_shown(make_config, tmp_path) -> None:
    console = tmp_path / "digests.txt"
    with slow_web(items=2) as web:
        config = make_config(
            database_url=f"sqlite:///{tmp_path / 'monitor.db'}",
            feeds=[{"name": "f", "url": web.feed_url}],
            channels={
                "console": {"enabled": True, "path": str(console)},
                "slack": {"enabled": True, "timeout_seconds": 2},
            },
        )
        # Another host than Slack's, and nothing listens there: every attempt fails.
        env = {"MONITOR_CHANNELS__SLACK__WEBHOOK_URL": f"https://localhost:9/services/{TOKEN}"}
        first = monitor(config, "-vv", "run", "--once", env=env)
        delivered = console.read_text(encoding="utf-8")
        second = monitor(config, "-vv", "digest", env=env)
    output = first.stdout + first.stderr + second.stdout + second.stderr
    assert first.returncode == 1 and second.returncode == 1, first.stderr
    assert "s3cr3t" not in output and "B0BBBBBBB" not in output
    assert "Traceback" not in output
    assert "digest 1 to slack: Slack unreachable" in first.stderr
    # The console got its messages all the same, and only once: the retry resent none.
    assert delivered.count("=" * 72) >= 2
    assert console.read_text(encoding="utf-8") == delivered
