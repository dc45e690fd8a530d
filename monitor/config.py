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

import difflib
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

from monitor import yamlfile
from monitor.errors import ConfigError
from monitor.logs import register_secret
from monitor.packs import (
    MilestoneWordsConfig,
    PackConfig,
    QuantityConfig,
    builtin_packs_dir,
    load_packs,
    merge_words,
)
from monitor.types import DomainWords, DueRevision, Milestone

DEFAULT_CONFIG_PATH = Path("config/monitor.yaml")
# The user's own configuration lives in $XDG_CONFIG_HOME/<this>/monitor.yaml.
USER_CONFIG_DIR = "milestone-monitor"
ENV_PREFIX = "MONITOR_"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DUE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?$")
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


# How far a feed's word goes when a milestone's state is confirmed (see monitor.state.confirm):
# an official source confirms on its own; press outlets need a second, independent one; an
# aggregator is no outlet itself, its items count for the publisher they name.
Authority = Literal["official", "press", "aggregator"]
AUTHORITIES: tuple[Authority, ...] = ("official", "press", "aggregator")


class FeedConfig(_Strict):
    """One feed to poll."""

    name: str = Field(min_length=1)
    url: str
    poll_interval_minutes: int | None = Field(default=None, ge=1, le=7 * 24 * 60)
    tags: tuple[str, ...] = ()
    enabled: bool = True
    authority: Authority = "press"

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value


def _due_text(value: object) -> str:
    """A deadline: YYYY-MM (the end of that month) or YYYY-MM-DD."""
    text = str(value).strip()
    match = _DUE.match(text)
    if match and match.group(3):
        try:
            date.fromisoformat(text)
        except ValueError:
            match = None
    if not match:
        raise ValueError(f"must be YYYY-MM or YYYY-MM-DD, got {text!r}")
    return text


def _iso_day(value: object) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"must be YYYY-MM-DD, got {text!r}") from None
    return text


class RevisionConfig(_Strict):
    """A later change of a milestone's deadline: from `on` (YYYY-MM-DD), the deadline is
    `due`; `note` says why (shown in `monitor status`)."""

    on: str
    due: str
    note: str = ""

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, value: object) -> str:
        text = _iso_day(value)
        if text is None:
            raise ValueError("must be YYYY-MM-DD")
        return text

    @field_validator("due", mode="before")
    @classmethod
    def _due(cls, value: object) -> str:
        return _due_text(value)


class MilestoneConfig(_Strict):
    """A tracked commitment. Only `id`, `title` and `due` are required; docs/configuration.md
    documents every key. `due` is YYYY-MM or YYYY-MM-DD, `revisions` later changes of it;
    `packs` name the domain packs whose words say what happening to it looks like, `words`
    and `quantities` add to them. A term may list spellings of one thing separated by "|"."""

    id: str
    title: str = Field(min_length=1)
    description: str = ""
    due: str
    announced: str | None = None
    revisions: tuple[RevisionConfig, ...] = ()
    packs: tuple[str, ...] = ()
    words: MilestoneWordsConfig | None = None
    quantities: dict[str, QuantityConfig] = Field(default_factory=dict)
    subject_terms: tuple[str, ...] = ()
    action_terms: tuple[str, ...] = ()
    place_terms: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    context_terms: tuple[str, ...] = ()
    require_terms: tuple[str, ...] = ()
    ignore_terms: tuple[str, ...] = ()

    @field_validator("announced", mode="before")
    @classmethod
    def _announced(cls, value: object) -> str | None:
        return _iso_day(value)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"must be lower-case letters, digits and dashes, got {value!r}")
        return value

    @field_validator("due", mode="before")
    @classmethod
    def _due(cls, value: object) -> str:
        return _due_text(value)

    @field_validator("packs", mode="before")
    @classmethod
    def _pack_names(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _revisions_in_order(self) -> MilestoneConfig:
        days = [r.on for r in self.revisions]
        if days != sorted(days):
            raise ValueError("revisions must be listed in the order they were made (by `on`)")
        if self.announced and days and days[0] < self.announced:
            raise ValueError(f"a revision on {days[0]} comes before `announced` {self.announced}")
        return self

    def own_words(self) -> MilestoneWordsConfig | None:
        """The milestone's `words`, with its `quantities` added to them."""
        if not self.quantities:
            return self.words
        base = self.words or MilestoneWordsConfig()
        return base.model_copy(update={"quantities": {**base.quantities, **self.quantities}})

    def to_milestone(self, words: DomainWords | None = None) -> Milestone:
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
            words=words or DomainWords(),
            revisions=tuple(DueRevision(r.on, r.due, r.note) for r in self.revisions),
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
    # Which articles keep their compressed page as evidence: the text is kept for all.
    keep_raw_pages: Literal["all", "relevant", "none"] = "relevant"


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

    @field_validator("recipients", mode="before")
    @classmethod
    def _one_string_is_a_list(cls, value: object) -> object:
        # `recipients: a@example.org` (or "a@x, b@y") means what it says; `config check`
        # warns that a list was meant.
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

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
    # A coverage alert goes out when more than this share of the enabled feeds has been failing
    # for at least this long; a recovery notice when no more than the share is failing.
    coverage_alert_after_hours: float = Field(default=6, gt=0)
    coverage_alert_share: float = Field(default=0.5, ge=0, lt=1)
    # Alerts driven by a milestone's state (0 turns one off): the deadline comes within this
    # many days, and no article has mentioned an open milestone for this many days.
    deadline_alert_days: int = Field(default=14, ge=0, le=3650)
    silence_alert_days: int = Field(default=30, ge=0, le=3650)
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


class ReportConfig(_Strict):
    # The folder the daemon (and `monitor run --once`) writes the report page into after each
    # cycle; off when unset. `monitor report --output DIR` writes one on demand.
    output: Path | None = None


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
    packs_dir: Path = Path("packs")
    templates_dir: Path = Path("../alerts")
    feeds: tuple[FeedConfig, ...] = ()
    milestones: tuple[MilestoneConfig, ...] = Field(min_length=1)
    schedule: ScheduleConfig = ScheduleConfig()
    fetch: FetchConfig = FetchConfig()
    channels: ChannelsConfig = ChannelsConfig()
    digest: DigestConfig = DigestConfig()
    metrics: MetricsConfig = MetricsConfig()
    report: ReportConfig = ReportConfig()
    analysis_limits: AnalysisLimitsConfig = AnalysisLimitsConfig()
    config_path: Path | None = Field(default=None, exclude=True)
    # Each milestone's words, merged from its packs when the configuration was loaded.
    milestone_words: tuple[DomainWords, ...] = Field(default=(), exclude=True)

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
        words = self.milestone_words or resolve_words(self, self.config_path)
        return tuple(m.to_milestone(w) for m, w in zip(self.milestones, words, strict=True))

    def milestone_ids(self, only: str | None = None) -> tuple[str, ...]:
        """The configured milestone ids, or just `only`; ConfigError when it is not one."""
        ids = tuple(m.id for m in self.milestones)
        if only is None:
            return ids
        if only not in ids:
            raise ConfigError(f"unknown milestone {only!r} (configured: {', '.join(ids)})")
        return (only,)

    def feed_authorities(self) -> dict[str, Authority]:
        """Feed name -> authority, for every configured feed."""
        return {feed.name: feed.authority for feed in self.feeds}

    def user_agent(self, version: str) -> str:
        return self.fetch.user_agent.format(version=version, contact_url=self.fetch.contact_url)


def known_variables() -> frozenset[str]:
    """Every MONITOR_* variable that sets something: MONITOR_CONFIG and one per key of the
    settings, nested keys joined by "__" (upper case; the environment is read regardless of
    case)."""
    names = {"MONITOR_CONFIG"}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if field.exclude:
                continue
            env_name = f"{prefix}{name.upper()}"
            names.add(env_name)
            annotation = field.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation, env_name + "__")

    walk(Settings, ENV_PREFIX)
    return frozenset(names)


# Variables of the project's own test suite, not settings.
_NOT_SETTINGS_PREFIXES = ("MONITOR_TEST_", "MONITOR_SHARED_DIR")


def configuration_warnings(settings: Settings, env: Mapping[str, str] | None = None) -> list[str]:
    """What is valid but probably not meant, one line each: an unknown MONITOR_* variable
    (with the likeliest intended name), no feed to poll, recipients written as one string."""
    env = os.environ if env is None else env
    warnings = []
    known = known_variables()
    for name in sorted(env):
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in known:
            continue
        if upper.startswith(_NOT_SETTINGS_PREFIXES):
            continue
        close = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]}?)" if close else ""
        warnings.append(f"environment variable {name} matches no setting and is ignored{hint}")
    if not settings.feeds:
        warnings.append("feeds: the list is empty, so nothing will be polled")
    elif not any(feed.enabled for feed in settings.feeds):
        warnings.append("feeds: every feed is disabled, so nothing will be polled")
    raw: Any = {}
    if settings.config_path is not None:
        try:
            raw = _read_yaml(settings.config_path)
        except ConfigError:
            raw = {}
    email = (raw.get("channels") or {}).get("email") if isinstance(raw, dict) else None
    if isinstance(email, dict) and isinstance(email.get("recipients"), str):
        read = ", ".join(settings.channels.email.recipients) or "none"
        warnings.append(
            "channels.email.recipients is one string; write a list "
            f"(recipients: [a@example.org, b@example.org]); read as: {read}"
        )
    return warnings


def config_search_path(env: Mapping[str, str], cwd: Path | None = None) -> list[Path]:
    """Where a configuration is looked for when neither --config nor MONITOR_CONFIG names one,
    in order: ./config/monitor.yaml, ./monitor.yaml, then the user's configuration folder
    ($XDG_CONFIG_HOME, else ~/.config, /milestone-monitor/monitor.yaml)."""
    here = Path(".") if cwd is None else cwd
    xdg = env.get("XDG_CONFIG_HOME") or ""
    if not Path(xdg).is_absolute():  # the XDG spec says to ignore a relative value
        home = env.get("HOME") or str(Path.home())
        xdg = str(Path(home) / ".config")
    return [
        here / DEFAULT_CONFIG_PATH,
        here / "monitor.yaml",
        Path(xdg) / USER_CONFIG_DIR / "monitor.yaml",
    ]


def config_path_from(
    explicit: str | os.PathLike[str] | None, env: Mapping[str, str], cwd: Path | None = None
) -> Path:
    """The configuration file: `--config`, else `MONITOR_CONFIG`, else the first that exists
    of `config_search_path`. Raises ConfigError naming the order when none does."""
    if explicit:
        return Path(explicit)
    if env.get("MONITOR_CONFIG"):
        return Path(env["MONITOR_CONFIG"])
    candidates = config_search_path(env, cwd)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(c) if c.is_absolute() else f"./{c}" for c in candidates)
    raise ConfigError(
        f"no configuration found (looked for --config, $MONITOR_CONFIG, {looked}); "
        "run `monitor init DIR` to write one"
    )


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
    settings = _resolve_paths(settings, config_path.resolve().parent, config_path)
    return settings.model_copy(update={"milestone_words": resolve_words(settings, config_path)})


def pack_folders(settings: Settings) -> list[Path]:
    """Where packs are looked for: the configuration's `packs_dir`, then the shipped packs."""
    folders = [settings.packs_dir]
    builtin = builtin_packs_dir()
    if builtin is not None and builtin not in folders:
        folders.append(builtin)
    return folders


def available_packs(settings: Settings) -> dict[str, PackConfig]:
    return load_packs(pack_folders(settings))


def resolve_words(settings: Settings, config_path: Path | None) -> tuple[DomainWords, ...]:
    """Each milestone's words from its packs; ConfigError names the file and the key."""
    packs = available_packs(settings)
    where = config_path or Path("configuration")
    out = []
    for index, milestone in enumerate(settings.milestones):
        try:
            out.append(merge_words(milestone.packs, packs, milestone.own_words()))
        except KeyError as exc:
            known = ", ".join(sorted(packs)) or "none"
            raise ConfigError(
                f"{where}: milestones.{index}.packs: unknown pack {exc.args[0]!r} "
                f"(known: {known}; looked in {', '.join(str(f) for f in pack_folders(settings))})"
            ) from None
        except ValueError as exc:
            raise ConfigError(f"{where}: milestones.{index}.words.{exc}") from None
    return tuple(out)


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
            f"{path}: configuration file not found (run `monitor init DIR` to write one)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from None
    data = yamlfile.parse(path, text)
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
            "packs_dir": resolve(settings.packs_dir),
            "templates_dir": resolve(settings.templates_dir),
            "channels": channels,
            "report": settings.report.model_copy(
                update={
                    "output": resolve(settings.report.output) if settings.report.output else None
                }
            ),
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
