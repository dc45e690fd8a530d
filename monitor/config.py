"""Configuration: the YAML file, validated with pydantic, overridden by `MONITOR_*` variables.

This is the only module that reads the environment. It turns every problem (malformed YAML,
unknown or mistyped keys, duplicate ids, a secret written into the file) into one `ConfigError`
whose message names the file, the key and, for YAML syntax, the line. It does not open the
database or read the seeds; `monitor.seeds` and `monitor.store` do that with what it returns.

Precedence: environment (`MONITOR_<KEY>`, nested keys joined by `__`) over the YAML file over
the defaults below. Relative paths, in the file or the environment, resolve against the
folder of the configuration file.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from datetime import date
from email.utils import getaddresses, parseaddr
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from monitor.errors import ConfigError
from monitor.logs import register_secret
from monitor.types import Milestone

DEFAULT_CONFIG_PATH = Path("config/monitor.yaml")
ENV_PREFIX = "MONITOR_"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9_])?)*\.?$"
)
_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\\\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


def valid_host(value: str) -> bool:
    """A host name (RFC 1123 labels) or an IP address."""
    try:
        ipaddress.ip_address(value.strip("[]"))
        return True
    except ValueError:
        return bool(_HOSTNAME.match(value))


def valid_cron(value: str) -> str | None:
    """None when `value` is a five-field cron expression that fires; else what is wrong."""
    if len(value.split()) != 5:
        return "must be a cron expression of 5 fields (minute hour day month weekday)"
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(value, timezone="UTC")
    except ValueError as exc:
        return str(exc).splitlines()[0] if str(exc) else "not a valid cron expression"
    return None


def _mail_address(value: str, label: str) -> str:
    found = getaddresses([value])
    address = parseaddr(value)[1] if len(found) == 1 else ""
    if not address or not _ADDRESS.match(address):
        raise ValueError(f"{label} must be an email address, got {value!r}")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedConfig(_Strict):
    """One feed to poll."""

    name: str = Field(min_length=1)
    url: str
    poll_interval_minutes: int | None = Field(default=None, ge=1, le=7 * 24 * 60)
    tags: tuple[str, ...] = ()
    enabled: bool = True

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value


class MilestoneConfig(_Strict):
    """A tracked commitment. Only `id`, `title` and `due` are required; the term lists default
    to empty, and the analysis then relies on the title, the description and the due date.
    A term may list spellings of one thing separated by "|"; `context_terms` default to the
    place terms; `require_terms` (one must be in the article) default to none;
    `ignore_terms` name look-alike subjects whose words never count ("iraqi forces");
    `announced` (YYYY-MM-DD) defaults to the newest baseline document's date."""

    id: str
    title: str = Field(min_length=1)
    description: str = ""
    due: str
    subject_terms: tuple[str, ...] = ()
    action_terms: tuple[str, ...] = ()
    place_terms: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    context_terms: tuple[str, ...] = ()
    require_terms: tuple[str, ...] = ()
    ignore_terms: tuple[str, ...] = ()
    announced: str | None = None

    @field_validator("announced", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> str | None:
        if value is None or value == "":
            return None
        text = str(value).strip()
        try:
            date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"must be YYYY-MM-DD, got {text!r}") from None
        return text

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"must be lower-case letters, digits and dashes, got {value!r}")
        return value

    @field_validator("due")
    @classmethod
    def _year_month(cls, value: str) -> str:
        value = str(value).strip()
        if not _YEAR_MONTH.match(value):
            raise ValueError(f"must be YYYY-MM, got {value!r}")
        return value

    def to_milestone(self) -> Milestone:
        lower = lambda terms: tuple(t.lower() for t in terms)  # noqa: E731
        return Milestone(
            id=self.id,
            title=self.title,
            description=self.description,
            due=self.due,
            subject_terms=lower(self.subject_terms),
            action_terms=lower(self.action_terms),
            place_terms=lower(self.place_terms),
            references=lower(self.references),
            exclude_terms=lower(self.exclude_terms),
            context_terms=lower(self.context_terms),
            require_terms=lower(self.require_terms),
            ignore_terms=lower(self.ignore_terms),
            announced=self.announced,
        )


class ScheduleConfig(_Strict):
    """When the daemon polls and sends digests."""

    poll_interval_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    dispatch_seconds: int = Field(default=30, ge=1, le=3600)
    digest_cron: str = "0 7 * * *"
    timezone: str = "UTC"
    cleanup_cron: str = "30 3 * * *"
    # A daemon job (poll, digest, delivery, clean-up) still running after this long makes
    # /healthz answer 503: something is stuck.
    job_deadline_seconds: int = Field(default=1800, ge=1, le=24 * 3600)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("digest_cron", "cleanup_cron")
    @classmethod
    def _five_fields(cls, value: str) -> str:
        problem = valid_cron(value)
        if problem is not None:
            raise ValueError(f"{value!r} is not a valid cron expression: {problem}")
        return value


class FetchConfig(_Strict):
    """How we fetch feeds and pages, politely and within bounds."""

    user_agent: str = "milestone-monitor/{version} (+{contact_url})"
    contact_url: str = "https://github.com/milestone-monitor/milestone-monitor"
    connect_timeout_seconds: float = Field(default=10, gt=0)
    read_timeout_seconds: float = Field(default=20, gt=0)
    total_timeout_seconds: float = Field(default=45, gt=0)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(default=5, ge=0, le=20)
    concurrency: int = Field(default=100, ge=1, le=1000)
    per_host_concurrency: int = Field(default=2, ge=1, le=100)
    per_host_min_gap_seconds: float = Field(default=1.0, ge=0)
    jitter_seconds: float = Field(default=0.5, ge=0)
    allow_private_addresses: bool = False
    unconditional_every: int = Field(default=10, ge=1)
    retry_after_cap_seconds: int = Field(default=24 * 3600, ge=1)
    backoff_cap_minutes: int = Field(default=24 * 60, ge=1)
    extract_timeout_seconds: float = Field(default=10, gt=0)
    extract_workers: int = Field(default=0, ge=0, le=64)
    raw_page_max_bytes: int = Field(default=2 * 1024 * 1024, ge=0)
    keep_raw_pages_days: int = Field(default=90, ge=0)


class EmailChannelConfig(_Strict):
    """`timeout_seconds` bounds one whole attempt: connecting, the banner, the dialogue, the
    message and the server's answer to it, however slowly the server drips its replies."""

    enabled: bool = False
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    sender: str = "milestone-monitor@localhost"
    recipients: tuple[str, ...] = ()
    timeout_seconds: float = Field(default=30, gt=0, le=600)

    @field_validator("smtp_host")
    @classmethod
    def _host(cls, value: str) -> str:
        value = value.strip()
        if not valid_host(value):
            raise ValueError(f"must be a host name or an IP address, got {value!r}")
        return value

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        return _mail_address(value, "the sender")

    @field_validator("recipients")
    @classmethod
    def _recipients(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            _mail_address(item, "each recipient")
        return value

    @field_validator("password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # Compose and systemd pass an unset secret as an empty string.
        return None if value == "" else value

    @model_validator(mode="after")
    def _recipients_when_enabled(self) -> EmailChannelConfig:
        if self.enabled and not self.recipients:
            raise ValueError("email is enabled but has no recipients")
        return self


class SlackChannelConfig(_Strict):
    """`timeout_seconds` bounds one post (connecting, sending, Slack's answer) as a whole."""

    enabled: bool = False
    webhook_url: SecretStr | None = None
    timeout_seconds: float = Field(default=15, gt=0, le=600)

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            problem = webhook_problem(value.get_secret_value())
            if problem is not None:
                # The value is a secret: the message says what is wrong, never what it is.
                raise ValueError(f"{problem} (the value is not shown: it is a secret)")
        return value

    @model_validator(mode="after")
    def _webhook_when_enabled(self) -> SlackChannelConfig:
        if self.enabled and self.webhook_url is None:
            raise ValueError("slack is enabled but MONITOR_CHANNELS__SLACK__WEBHOOK_URL is not set")
        return self


class ConsoleChannelConfig(_Strict):
    enabled: bool = True
    path: Path | None = None


class ChannelsConfig(_Strict):
    email: EmailChannelConfig = EmailChannelConfig()
    slack: SlackChannelConfig = SlackChannelConfig()
    console: ConsoleChannelConfig = ConsoleChannelConfig()

    def enabled_names(self) -> list[str]:
        """The channels that receive digests; the console when nothing else is on."""
        names = [n for n in ("email", "slack", "console") if getattr(self, n).enabled]
        return names or ["console"]


class DigestConfig(_Strict):
    send_empty: bool = False
    immediate_alerts: bool = True
    max_attempts_before_alarm: int = Field(default=5, ge=1)
    retry_backoff_cap_minutes: int = Field(default=6 * 60, ge=1)


def webhook_problem(url: str) -> str | None:
    """What keeps `url` from being a webhook address we would post to; None if nothing.
    https only, except on this machine's loopback (a local relay, the tests)."""
    if url != url.strip() or any(c.isspace() for c in url):
        return "must be a URL without spaces"
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname or ""
    except ValueError:
        return "must be an https:// URL with a valid host and port"
    if parts.scheme.lower() not in ("https", "http") or not host:
        return "must be an https:// URL"
    if parts.username or parts.password:
        return "must not carry a user name or password"
    if not valid_host(host):
        return "must name a valid host"
    if port == 0:
        return "must not use port 0"
    if parts.scheme.lower() == "http" and not _loopback(host):
        return "must be an https:// URL (plain http only to this machine)"
    if not parts.path.strip("/"):
        return "must include the webhook's path"
    return None


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class MetricsConfig(_Strict):
    port: int | None = Field(default=None, ge=1, le=65535)
    host: str = "127.0.0.1"

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        value = value.strip()
        if not valid_host(value):
            raise ValueError(f"must be a host name or an IP address, got {value!r}")
        return value


class AnalysisLimitsConfig(_Strict):
    """Bounds on the analysis of one article, so that one huge page costs seconds, not
    minutes and gigabytes. What is cut is recorded on the article."""

    # Characters of text analysed; the rest is not read (a long report is ~100,000).
    max_text_chars: int = Field(default=200_000, ge=1_000)
    # Run time of one analysis; past it the analysis is stopped and the article marked.
    timeout_seconds: float = Field(default=30, gt=0)
    # Mentions (rows of evidence) stored per article.
    max_mentions: int = Field(default=500, ge=1)


# Keys whose values are secrets: accepted from the environment only.
SECRET_KEYS = (("channels", "email", "password"), ("channels", "slack", "webhook_url"))


class Settings(BaseSettings):
    """Everything the monitor needs to run, validated."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    database_url: str = "sqlite:///../data/monitor.db"
    data_dir: Path = Path("../data")
    seeds_dir: Path = Path("../seeds")
    templates_dir: Path = Path("../alerts")
    feeds: tuple[FeedConfig, ...] = ()
    milestones: tuple[MilestoneConfig, ...] = Field(min_length=1)
    schedule: ScheduleConfig = ScheduleConfig()
    fetch: FetchConfig = FetchConfig()
    channels: ChannelsConfig = ChannelsConfig()
    digest: DigestConfig = DigestConfig()
    metrics: MetricsConfig = MetricsConfig()
    analysis_limits: AnalysisLimitsConfig = AnalysisLimitsConfig()
    config_path: Path | None = Field(default=None, exclude=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment wins over the file; no .env or secret files are read implicitly.
        return (env_settings, init_settings)

    @model_validator(mode="after")
    def _unique_names(self) -> Settings:
        for label, ids in (
            ("milestones", [m.id for m in self.milestones]),
            ("feeds", [f.name for f in self.feeds]),
        ):
            seen: set[str] = set()
            for item in ids:
                if item in seen:
                    key = "id" if label == "milestones" else "name"
                    raise ValueError(f"{label}: two entries have the {key} {item!r}")
                seen.add(item)
        return self

    def milestone_objects(self) -> tuple[Milestone, ...]:
        return tuple(m.to_milestone() for m in self.milestones)

    def user_agent(self, version: str) -> str:
        return self.fetch.user_agent.format(version=version, contact_url=self.fetch.contact_url)


def config_path_from(explicit: str | os.PathLike[str] | None, env: Mapping[str, str]) -> Path:
    """The configuration file: `--config`, else `MONITOR_CONFIG`, else config/monitor.yaml."""
    if explicit:
        return Path(explicit)
    if env.get("MONITOR_CONFIG"):
        return Path(env["MONITOR_CONFIG"])
    return DEFAULT_CONFIG_PATH


def load_settings(
    path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """Read, validate and resolve the configuration; raise ConfigError with one clear line."""
    env = os.environ if env is None else env
    config_path = config_path_from(path, env)
    raw = _read_yaml(config_path)
    _refuse_secrets_in_file(raw, config_path)
    try:
        # pydantic-settings reads os.environ itself; pass a custom mapping through it.
        settings = _with_environ(env, lambda: Settings(**raw))
    except ValidationError as exc:
        _register_secrets_of(env)
        raise ConfigError(f"{config_path}: {_describe(exc, env)}") from None
    except SettingsError as exc:
        # Raised for environment values that are not valid JSON where JSON is expected.
        field = str(exc).split('"')[1] if '"' in str(exc) else "?"
        raise ConfigError(
            f"environment variable {ENV_PREFIX}{field.upper()}: not valid JSON for '{field}'"
        ) from None
    _register_secrets(settings)
    return _resolve_paths(settings, config_path.resolve().parent, config_path)


def _register_secrets(settings: Settings) -> None:
    channels = settings.channels
    for secret in (channels.email.password, channels.slack.webhook_url):
        if secret is not None:
            register_secret(secret.get_secret_value())
    password = re.match(r"^[^:/]+://[^:/@]+:([^@]+)@", settings.database_url)
    if password:
        register_secret(password.group(1))


def _register_secrets_of(env: Mapping[str, str]) -> None:
    # A configuration that failed to load may still have its secrets in a later traceback.
    for keys in SECRET_KEYS:
        register_secret(env.get(ENV_PREFIX + "__".join(k.upper() for k in keys)))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: configuration file not found (use --config or MONITOR_CONFIG)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}:{where}: malformed YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: the top level must be a mapping of keys, not {type(data).__name__}"
        )
    return data


def _refuse_secrets_in_file(raw: Mapping[str, Any], path: Path) -> None:
    for keys in SECRET_KEYS:
        node: Any = raw
        for key in keys:
            node = node.get(key) if isinstance(node, Mapping) else None
        if node not in (None, ""):
            dotted = ".".join(keys)
            env_name = ENV_PREFIX + "__".join(k.upper() for k in keys)
            raise ConfigError(
                f"{path}: {dotted} is a secret: set it in {env_name}, not in the file"
            )


def _with_environ(env: Mapping[str, str], build: Any) -> Any:
    if env is os.environ:
        return build()
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        return build()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _describe(exc: ValidationError, env: Mapping[str, str]) -> str:
    parts = []
    for error in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in error["loc"]) or "(top level)"
        env_name = _env_name_for(error["loc"], env)
        if env_name:
            loc = f"{loc} (from {env_name})"
        kind = error["type"]
        if kind == "extra_forbidden":
            parts.append(f"unknown key {loc!r}")
        elif kind == "missing":
            parts.append(f"{loc}: required key is missing")
        else:
            message = error["msg"].removeprefix("Value error, ")
            parts.append(f"{loc}: {message}" if loc != "(top level)" else message)
    return "; ".join(parts)


def _env_name_for(loc: tuple[Any, ...], env: Mapping[str, str]) -> str | None:
    """The environment variable that set the value at `loc`, if one did."""
    keys = [str(p) for p in loc if not isinstance(p, int)]
    for depth in range(len(keys), 0, -1):
        name = ENV_PREFIX + "__".join(k.upper() for k in keys[:depth])
        if name in env:
            return name
    return None


def _resolve_paths(settings: Settings, base: Path, config_path: Path) -> Settings:
    def resolve(p: Path) -> Path:
        p = p.expanduser()
        return p if p.is_absolute() else (base / p).resolve()

    console = settings.channels.console
    channels = settings.channels.model_copy(
        update={
            "console": console.model_copy(
                update={"path": resolve(console.path) if console.path else None}
            )
        }
    )
    return settings.model_copy(
        update={
            "database_url": resolve_sqlite_url(settings.database_url, base),
            "data_dir": resolve(settings.data_dir),
            "seeds_dir": resolve(settings.seeds_dir),
            "templates_dir": resolve(settings.templates_dir),
            "channels": channels,
            "config_path": config_path,
        }
    )


def resolve_sqlite_url(url: str, base: Path) -> str:
    """Make the file path of a SQLite URL absolute against `base`; other URLs pass through."""
    match = re.match(r"^(sqlite(?:\+\w+)?):///(.*)$", url)
    if not match or match.group(2) in ("", ":memory:") or match.group(2).startswith("/"):
        return url
    driver, rest = match.groups()
    path, sep, query = rest.partition("?")
    return f"{driver}:///{(base / path).resolve()}{sep}{query}"


def mask_url(url: str) -> str:
    """The database URL with any password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)
