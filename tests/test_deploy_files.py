"""Deployment files and the bundled demo replay, checked without Docker or systemd.

Docker does not run on the development machines, so these tests read docker-compose.yml, the
Dockerfile and the systemd unit as data: services, pinned images, health checks, ports bound
to 127.0.0.1, and, through our own configuration loader, that the environment the compose file
gives the monitor really points it at the compose PostgreSQL and mailpit. The last tests check
that the demo replay's feed, pages and expected verdicts agree with each other.
"""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from monitor.config import load_settings
from monitor.daemon import STOP_WAIT_SECONDS
from monitor.types import NOVELTY_CLASSES

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"
DOCKERFILE = REPO / "Dockerfile"
UNIT = REPO / "deploy" / "milestone-monitor.service"
CONFIG = REPO / "config" / "monitor.yaml"
REPLAY = REPO / "monitor" / "demo" / "replay"

# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR?message} and $VAR, as in the
# compose specification; "$$" is a literal dollar.
_INTERPOLATION = re.compile(
    r"\$(?:(?P<escaped>\$)|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)
_VERSION_TAG = re.compile(r"^v?\d+(\.\d+)+([.-][0-9A-Za-z.]+)?$")


# --- helpers -------------------------------------------------------------------------------


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def service(name: str) -> dict[str, Any]:
    return compose()["services"][name]


def compose_variables(text: str) -> set[str]:
    return {
        m.group("braced") or m.group("bare")
        for m in _INTERPOLATION.finditer(text)
        if not m.group("escaped")
    }


def interpolate(value: str, variables: Mapping[str, str]) -> str:
    """Compose-style interpolation of one string (enough for our file)."""

    def replace(m: re.Match[str]) -> str:
        if m.group("escaped"):
            return "$"
        name = m.group("braced") or m.group("bare")
        op, arg = m.group("op") or "", m.group("arg") or ""
        current = variables.get(name)
        if op in (":-", "-"):
            unset = current is None or (op == ":-" and current == "")
            return arg if unset else current
        if op in (":?", "?"):
            if current is None or (op == ":?" and current == ""):
                raise AssertionError(f"compose requires {name}: {arg}")
            return current
        if op in (":+", "+"):
            is_set = current is not None and (op == "+" or current != "")
            return arg if is_set else ""
        return current or ""

    return _INTERPOLATION.sub(replace, value)


def environment_of(svc: Mapping[str, Any]) -> dict[str, str]:
    env = svc.get("environment") or {}
    if isinstance(env, list):  # ["KEY=value", ...]
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {
        str(k): "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
        for k, v in env.items()
    }


def env_example_keys() -> dict[str, str]:
    keys = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f".env.example: not KEY=value: {line!r}"
            keys[key.strip()] = value.strip()
    return keys


def dummy_variables() -> dict[str, str]:
    """The .env.example keys with dummy, URL-safe values for the required secrets."""
    values = env_example_keys()
    values["POSTGRES_PASSWORD"] = "dummyPassword123"
    return values


def split_image(image: str) -> tuple[str, str | None]:
    """("repo", "tag") of an image reference; the tag is None when there is none."""
    name = image.split("@", 1)[0]
    if ":" in name.rsplit("/", 1)[-1]:
        repo, tag = name.rsplit(":", 1)
        return repo, tag
    return name, None


def unit_entries() -> dict[str, list[tuple[str, str]]]:
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    for raw in UNIT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        assert current is not None, f"{UNIT.name}: entry outside a section: {line!r}"
        key, sep, value = line.partition("=")
        assert sep, f"{UNIT.name}: not Key=value: {line!r}"
        sections[current].append((key.strip(), value.strip()))
    return sections


def unit_values(section: str, key: str) -> list[str]:
    return [v for k, v in unit_entries().get(section, []) if k == key]


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


# --- docker-compose.yml --------------------------------------------------------------------


def test_compose_has_the_monitor_postgres_and_mailpit():
    assert set(compose()["services"]) == {"monitor", "postgres", "mailpit"}


@pytest.mark.parametrize("name", ["postgres", "mailpit"])
def test_third_party_images_are_pinned_to_a_version_tag(name):
    image = service(name).get("image")
    assert image, f"{name}: no image"
    _, tag = split_image(image)
    assert tag, f"{name}: image {image!r} has no tag"
    assert tag != "latest" and _VERSION_TAG.match(tag), (
        f"{name}: image {image!r} is not pinned to an explicit version"
    )


def test_monitor_is_built_from_the_dockerfile_and_runs_the_daemon():
    monitor = service("monitor")
    build = monitor["build"]
    context = build if isinstance(build, str) else build.get("context", ".")
    dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
    assert (REPO / context / dockerfile).resolve() == DOCKERFILE
    command = monitor["command"]
    argv = shlex.split(command) if isinstance(command, str) else list(command)
    assert argv == ["monitor", "run"]
    assert monitor["restart"] == "unless-stopped"
    # SIGTERM, and more time before SIGKILL than the daemon may wait for its jobs.
    assert monitor["stop_signal"] == "SIGTERM"
    grace = re.fullmatch(r"(\d+)s", str(monitor["stop_grace_period"]))
    assert grace and STOP_WAIT_SECONDS + 5 <= int(grace.group(1)) <= 60
    if "image" in monitor:  # a built image may be named, but never :latest
        assert split_image(monitor["image"])[1] not in (None, "latest")


def test_postgres_has_a_health_check_and_a_named_volume():
    postgres = service("postgres")
    test = postgres["healthcheck"]["test"]
    test = " ".join(test) if isinstance(test, list) else test
    assert "pg_isready" in test
    assert postgres["environment"]["POSTGRES_USER"] in test
    mounts = [str(v).split(":") for v in postgres["volumes"]]
    data = [m for m in mounts if m[1] == "/var/lib/postgresql/data"]
    assert data, "postgres keeps its data outside a volume"
    assert data[0][0] in (compose().get("volumes") or {}), "the data volume is not a named volume"


def test_mailpit_has_a_health_check():
    test = service("mailpit")["healthcheck"]["test"]
    assert "readyz" in (" ".join(test) if isinstance(test, list) else test)


def test_monitor_waits_for_a_healthy_postgres():
    assert service("monitor")["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_monitor_mounts_config_seeds_and_alerts_read_only():
    volumes = [str(v) for v in service("monitor")["volumes"]]
    for folder in ("config", "seeds", "alerts"):
        assert f"./{folder}:/app/{folder}:ro" in volumes, folder
        assert (REPO / folder).is_dir()


def test_monitor_environment_points_at_compose_postgres_and_mailpit():
    services = compose()["services"]
    env = {
        k: interpolate(v, dummy_variables()) for k, v in environment_of(services["monitor"]).items()
    }
    url = urlsplit(env["MONITOR_DATABASE_URL"])
    pg_env = environment_of(services["postgres"])
    assert url.scheme == "postgresql+psycopg"
    assert url.hostname == "postgres" and url.port == 5432
    assert url.username == pg_env["POSTGRES_USER"]
    assert url.password == "dummyPassword123"
    assert url.path == "/" + pg_env["POSTGRES_DB"]
    assert env["MONITOR_CHANNELS__EMAIL__ENABLED"] == "true"
    assert env["MONITOR_CHANNELS__EMAIL__SMTP_HOST"] == "mailpit"
    assert env["MONITOR_CHANNELS__EMAIL__SMTP_PORT"] == "1025"
    assert env["MONITOR_CHANNELS__EMAIL__SECURITY"] == "none"
    # The SMTP port is the one mailpit listens on inside the network.
    assert any(str(p).endswith(":1025") for p in services["mailpit"]["ports"])


def test_every_compose_variable_is_listed_in_env_example():
    used = compose_variables(COMPOSE.read_text(encoding="utf-8"))
    assert "POSTGRES_PASSWORD" in used
    missing = used - set(env_example_keys())
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_secrets_are_not_written_into_the_compose_file():
    env = environment_of(service("monitor"))
    for key in ("MONITOR_CHANNELS__EMAIL__PASSWORD", "MONITOR_CHANNELS__SLACK__WEBHOOK_URL"):
        if key in env:
            assert compose_variables(env[key]) == {key}, f"{key} must come from .env"
    assert compose_variables(environment_of(service("postgres"))["POSTGRES_PASSWORD"]) == {
        "POSTGRES_PASSWORD"
    }


def test_published_ports_are_bound_to_localhost():
    for name, svc in compose()["services"].items():
        for port in svc.get("ports") or []:
            if isinstance(port, dict):
                assert port.get("host_ip") == "127.0.0.1", f"{name}: {port}"
            else:
                assert str(port).startswith("127.0.0.1:"), f"{name}: {port} is open to all"


def test_compose_environment_is_accepted_by_our_config_loader():
    env = {
        k: interpolate(v, dummy_variables()) for k, v in environment_of(service("monitor")).items()
    }
    settings = load_settings(CONFIG, env=env)
    assert settings.database_url == (
        "postgresql+psycopg://monitor:dummyPassword123@postgres:5432/monitor"
    )
    email = settings.channels.email
    assert email.enabled is True
    assert (email.smtp_host, email.smtp_port, email.security) == ("mailpit", 1025, "none")
    assert email.recipients == ("reader@example.org",)
    assert settings.channels.slack.enabled is False
    assert "email" in settings.channels.enabled_names()


# --- Dockerfile ----------------------------------------------------------------------------


def test_dockerfile_base_images_are_pinned():
    froms = [rest.split()[0] for word, rest in dockerfile_instructions() if word == "FROM"]
    assert froms
    for image in froms:
        repo, tag = split_image(image)
        assert repo in ("python", "docker.io/library/python"), image
        assert tag and tag != "latest" and re.match(r"^3\.11\.\d+-slim", tag), (
            f"base image {image!r} is not pinned to a Python 3.11 patch release"
        )


def test_dockerfile_runs_monitor_run_as_a_non_root_user():
    instructions = dockerfile_instructions()
    cmds = [rest for word, rest in instructions if word == "CMD"]
    assert cmds and json.loads(cmds[-1]) == ["monitor", "run"]
    users = [rest for word, rest in instructions if word == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    last_stage = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    assert any(word == "USER" for word, _ in instructions[last_stage:])
    copies = " ".join(rest for word, rest in instructions[last_stage:] if word == "COPY")
    for folder in ("config", "seeds", "alerts"):
        assert folder in copies, f"the image lacks {folder}/"


# --- systemd unit --------------------------------------------------------------------------


def test_systemd_unit_runs_the_daemon_with_restart_and_clean_stop():
    exec_start = unit_values("Service", "ExecStart")
    assert len(exec_start) == 1
    argv = shlex.split(exec_start[0])
    assert Path(argv[0]).name == "monitor" and argv[1:] == ["run"]
    assert unit_values("Service", "Type") == ["simple"]
    assert unit_values("Service", "Restart") == ["on-failure"]
    assert unit_values("Service", "KillSignal") == ["SIGTERM"]
    # More than the daemon may wait for its jobs after SIGTERM, so it is never killed mid-way.
    stop_seconds = int(unit_values("Service", "TimeoutStopSec")[0])
    assert STOP_WAIT_SECONDS + 5 <= stop_seconds <= 60
    assert unit_values("Service", "User") not in ([], ["root"])
    assert unit_values("Service", "EnvironmentFile") == ["-/etc/milestone-monitor.env"]
    assert unit_values("Install", "WantedBy") == ["multi-user.target"]


def test_systemd_unit_is_hardened_and_writes_only_its_data_folder():
    assert unit_values("Service", "NoNewPrivileges") == ["yes"]
    assert unit_values("Service", "ProtectSystem") == ["strict"]
    writable = " ".join(unit_values("Service", "ReadWritePaths")).split()
    env = dict(v.split("=", 1) for v in unit_values("Service", "Environment"))
    settings = load_settings(CONFIG, env=env)
    assert any(str(settings.data_dir).startswith(p) for p in writable), settings.data_dir
    sqlite_file = settings.database_url.removeprefix("sqlite:///")
    assert any(sqlite_file.startswith(p) for p in writable), settings.database_url


# --- the demo replay -----------------------------------------------------------------------


def expected_articles() -> list[dict[str, Any]]:
    return json.loads((REPLAY / "expected.json").read_text(encoding="utf-8"))["articles"]


def feed_items() -> list[dict[str, str]]:
    channel = ET.parse(REPLAY / "feed.xml").getroot().find("channel")
    assert channel is not None
    return [{child.tag: (child.text or "") for child in item} for item in channel.iter("item")]


def test_replay_feed_has_about_a_dozen_items():
    assert 12 <= len(feed_items()) <= 14


def test_expected_json_lists_every_feed_item_and_every_file_exists():
    items = feed_items()
    expected = expected_articles()
    assert sorted(i["link"] for i in items) == sorted(e["link"] for e in expected)
    assert sorted(i["guid"] for i in items) == sorted(e["guid"] for e in expected)
    assert len({e["guid"] for e in expected}) == len(expected)
    for row in expected:
        assert (REPLAY / row["file"]).is_file(), row["file"]
        assert row["link"] == row["file"], "links are relative paths to the page files"
    on_disk = {f"articles/{p.name}" for p in (REPLAY / "articles").glob("*.html")}
    assert on_disk == {e["file"] for e in expected}, "a page is missing from expected.json"


def test_expected_verdicts_use_the_contract_vocabulary():
    milestone_ids = {m.id for m in load_settings(CONFIG, env={}).milestones}
    expected = expected_articles()
    for row in expected:
        assert row["novelty"] in NOVELTY_CLASSES, row
        assert isinstance(row["relevant"], bool)
        assert set(row["milestones"]) <= milestone_ids, row
        assert bool(row["milestones"]) == row["relevant"], row
        if row["novelty"] == "none":
            assert not row["relevant"], row
    kinds = [row["novelty"] for row in expected]
    assert kinds.count("background") == 1 and kinds.count("baseline_repeat") == 1
    assert kinds.count("new") >= 6 and 2 <= kinds.count("none") <= 3


def test_replay_dates_agree_between_feed_pages_and_expected():
    by_link = {e["link"]: e for e in expected_articles()}
    for item in feed_items():
        row = by_link[item["link"]]
        published = parsedate_to_datetime(item["pubDate"])
        html = (REPLAY / row["file"]).read_text(encoding="utf-8")
        meta = re.search(r'<meta property="article:published_time" content="([^"]+)"', html)
        assert meta, f"{row['file']}: no article:published_time"
        assert meta.group(1).startswith(row["published"])
        assert published.date().isoformat() == row["published"], row["file"]


def test_replay_republication_carries_the_seed_text():
    seed = (REPO / "seeds" / "004_8adf0b6e8007587d.txt").read_text(encoding="utf-8")
    body = seed.split("\n---\n", 1)[1]
    row = next(e for e in expected_articles() if e["novelty"] == "baseline_repeat")
    html = (REPLAY / row["file"]).read_text(encoding="utf-8").replace("&#x27;", "'")
    sentences = [s for s in body.splitlines() if len(s) > 80 and "originally found" not in s]
    copied = [s for s in sentences if s.replace('"', "&quot;") in html]
    assert len(copied) >= len(sentences) - 1


def test_relative_links_resolve_against_the_feed_url():
    import feedparser

    feed_url = "http://127.0.0.1:48123/feed.xml"
    parsed = feedparser.parse(
        (REPLAY / "feed.xml").read_bytes(),
        response_headers={"content-location": feed_url, "content-type": "application/rss+xml"},
    )
    assert not parsed.bozo
    for entry in parsed.entries:
        assert entry.link.startswith("http://127.0.0.1:48123/articles/"), entry.link
