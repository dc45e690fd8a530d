"""The Slack channel: Block Kit messages to an incoming webhook, with slack_sdk's WebhookClient.

Slack answers 200 "ok" when it accepts a message, and otherwise a status with a short error
text ("invalid_blocks", "no_service", "rate_limited"): both are reported as received. A 429
with a short Retry-After (up to `INLINE_WAIT_MAX` seconds) is waited out in place; a longer
one ends the attempt with DeliveryError(retry_after=…), and the outbox schedules the next
attempt no sooner than that. Connection errors are retried once; a timeout is a failure.

Parts of a long digest go out in order, at most one per `min_gap_seconds` (Slack allows about
one message per second per webhook), and each accepted part is reported through `on_part`.

The webhook URL is a secret: it never appears in errors or logs (the SDK gets its own logger,
held at WARNING, because at DEBUG it logs the URL).
"""

from __future__ import annotations

import http.client
import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.webhook import WebhookClient

from monitor.config import SlackChannelConfig
from monitor.errors import DeliveryError
from monitor.logs import redact
from monitor.notify.message import Outgoing, PartDone

INLINE_WAIT_MAX = 5.0
BODY_LIMIT = 300

_sdk_log = logging.getLogger("monitor.notify.slack.sdk")
_sdk_log.setLevel(logging.WARNING)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None if unreadable."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def _header(headers: dict[str, object], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list | tuple):
                return str(value[0]) if value else None
            return str(value)
    return None


class ShortRateLimitRetry(RetryHandler):
    """Waits out a 429 in place when Retry-After is short; leaves longer ones to the outbox."""

    def __init__(self, max_wait: float = INLINE_WAIT_MAX, max_retry_count: int = 1) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _wait(self, response: HttpResponse | None) -> float | None:
        if response is None or response.status_code != 429:
            return None
        return retry_after_seconds(_header(response.headers, "retry-after"))

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        wait = self._wait(response)
        return wait is not None and wait <= self.max_wait

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        time.sleep(self._wait(response) or 1.0)
        state.increment_current_attempt()


class SlackChannel:
    name = "slack"

    def __init__(
        self,
        config: SlackChannelConfig,
        *,
        min_gap_seconds: float = 1.0,
        inline_wait_max: float = INLINE_WAIT_MAX,
    ) -> None:
        if config.webhook_url is None:
            raise DeliveryError("no Slack webhook URL (MONITOR_CHANNELS__SLACK__WEBHOOK_URL)")
        self.client = WebhookClient(
            config.webhook_url.get_secret_value(),
            timeout=config.timeout_seconds,  # type: ignore[arg-type]  # urllib takes a float
            logger=_sdk_log,
            retry_handlers=[
                ConnectionErrorRetryHandler(max_retry_count=1),
                ShortRateLimitRetry(max_wait=inline_wait_max),
            ],
        )
        self.timeout = config.timeout_seconds
        self.min_gap_seconds = min_gap_seconds

    def send(
        self, message: Outgoing, *, start_part: int = 0, on_part: PartDone | None = None
    ) -> str:
        parts = message.slack or [{"text": message.subject, "blocks": []}]
        answers = []
        for number in range(start_part, len(parts)):
            if number > start_part and self.min_gap_seconds > 0:
                time.sleep(self.min_gap_seconds)
            answers.append(self._post(parts[number], number, len(parts)))
            if on_part is not None:
                on_part(number + 1)
        return "; ".join(answers) if answers else "nothing left to send"

    def _post(self, part: dict[str, object], number: int, total: int) -> str:
        where = f" (part {number + 1}/{total})" if total > 1 else ""
        try:
            response = self.client.send(
                text=str(part.get("text", "")),
                blocks=part.get("blocks") or None,  # type: ignore[arg-type]
                unfurl_links=False,
                unfurl_media=False,
            )
        except TimeoutError:
            raise DeliveryError(f"Slack did not answer within {self.timeout:g} s{where}") from None
        except (OSError, http.client.HTTPException) as exc:
            detail = redact(str(getattr(exc, "reason", None) or exc)) or type(exc).__name__
            raise DeliveryError(f"Slack unreachable{where}: {detail}") from None
        body = " ".join((response.body or "").split())[:BODY_LIMIT]
        if response.status_code == 200:
            return f"{response.status_code} {body}".strip()
        retry_after = None
        if response.status_code == 429:
            retry_after = retry_after_seconds(_header(dict(response.headers or {}), "retry-after"))
        raise DeliveryError(
            f"Slack answered {response.status_code} {redact(body)}{where}".strip(),
            retry_after=retry_after,
        )
