"""The Slack channel: Block Kit messages POSTed to an incoming webhook.

Slack answers 200 "ok" when it accepts a message, and otherwise a status with a short error
text ("invalid_blocks", "no_service", "rate_limited"): both are reported as received. A 429
with a short Retry-After (up to `INLINE_WAIT_MAX` seconds) is waited out in place; a longer
one ends the attempt with DeliveryError(retry_after=…), and the outbox schedules the next
attempt no sooner than that. A connection that cannot be made is tried once more; once the
body has left, nothing is repeated here: a post whose answer never comes (a timeout, a dropped
connection) is an unknown outcome (`OutcomeUnknown`), which the outbox retries at most once.

The request is made with http.client rather than slack_sdk's WebhookClient: the attempt's
deadline (`monitor.notify.attempt`) must be able to shut the connection's socket, and the
channel must know whether the body left before a failure; urllib, under the SDK, offers
neither, and the SDK logs the URL in its errors.

Parts of a long digest go out in order, at most one per `min_gap_seconds` (Slack allows about
one message per second per webhook), and each accepted part is reported through `on_part`.

The webhook URL is a secret: errors name its host only, never its path.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from monitor.config import SlackChannelConfig, webhook_problem
from monitor.errors import DeliveryError, OutcomeUnknown
from monitor.notify.attempt import Attempt, AttemptEnded, current
from monitor.notify.message import Outgoing, PartDone

INLINE_WAIT_MAX = 5.0
BODY_LIMIT = 300


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


class SlackChannel:
    name = "slack"

    def __init__(
        self,
        config: SlackChannelConfig,
        *,
        min_gap_seconds: float = 1.0,
        inline_wait_max: float = INLINE_WAIT_MAX,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if config.webhook_url is None:
            raise DeliveryError("no Slack webhook URL (MONITOR_CHANNELS__SLACK__WEBHOOK_URL)")
        url = config.webhook_url.get_secret_value()
        problem = webhook_problem(url)
        if problem is not None:
            raise DeliveryError(f"the Slack webhook URL {problem} (value not shown)")
        parts = urlsplit(url)
        self._https = parts.scheme.lower() == "https"
        self._host = parts.hostname or ""
        self._port = parts.port
        self._target = parts.path + (f"?{parts.query}" if parts.query else "")
        self._context = ssl_context or (ssl.create_default_context() if self._https else None)
        self.timeout = config.timeout_seconds
        self.min_gap_seconds = min_gap_seconds
        self.inline_wait_max = inline_wait_max

    def send(
        self, message: Outgoing, *, start_part: int = 0, on_part: PartDone | None = None
    ) -> str:
        parts = message.slack or [{"text": message.subject, "blocks": []}]
        attempt = current()
        answers = []
        for number in range(start_part, len(parts)):
            if number > start_part and self.min_gap_seconds > 0:
                attempt.sleep(self.min_gap_seconds)
            answers.append(self._post(parts[number], number, len(parts), attempt))
            if on_part is not None:
                on_part(number + 1)
        answer = "; ".join(answers) if answers else "nothing left to send"
        attempt.accept(answer)
        return answer

    def _post(self, part: dict[str, Any], number: int, total: int, attempt: Attempt) -> str:
        where = f" (part {number + 1}/{total})" if total > 1 else ""
        payload = {"text": str(part.get("text", "")), "unfurl_links": False, "unfurl_media": False}
        if part.get("blocks"):
            payload["blocks"] = part["blocks"]
        body = json.dumps(payload).encode("utf-8")
        waited = False
        connect_tries = 2
        while True:
            try:
                status, headers, text = self._exchange(body, attempt)
            except _NotConnected as exc:
                connect_tries -= 1
                if connect_tries > 0:
                    continue
                raise DeliveryError(f"Slack unreachable{where}: {exc}") from None
            except (AttemptEnded, OSError, http.client.HTTPException) as exc:
                if attempt.in_doubt:
                    raise OutcomeUnknown(
                        f"Slack did not answer{where} ({_detail(exc, self.timeout, attempt)}) "
                        "after the message was sent: outcome unknown"
                    ) from None
                if attempt.ended == "deadline":
                    raise DeliveryError(
                        f"Slack could not be reached{where} within {self.timeout:g} s "
                        "(channels.slack.timeout_seconds): the message was not sent"
                    ) from None
                if isinstance(exc, AttemptEnded) or attempt.ended is not None:
                    raise AttemptEnded(attempt.ended or str(exc)) from None
                raise DeliveryError(
                    f"Slack unreachable{where}: {_detail(exc, self.timeout, attempt)}"
                ) from None
            if status == 200:
                return f"{status} {text}".strip()
            retry_after = retry_after_seconds(headers.get("retry-after")) if status == 429 else None
            if retry_after is not None and retry_after <= self.inline_wait_max and not waited:
                waited = True
                attempt.sleep(retry_after)
                continue
            raise DeliveryError(
                f"Slack answered {status} {text}{where}".strip(),
                retry_after=retry_after,
                reached=status != 429,
            )

    def _exchange(self, body: bytes, attempt: Attempt) -> tuple[int, dict[str, str], str]:
        """One POST: (status, headers in lower case, the body's first words)."""
        attempt.check()
        timeout = attempt.timeout(self.timeout)
        connection: http.client.HTTPConnection
        if self._https:
            connection = http.client.HTTPSConnection(
                self._host, self._port, timeout=timeout, context=self._context
            )
        else:
            connection = http.client.HTTPConnection(self._host, self._port, timeout=timeout)
        try:
            try:
                connection.connect()
            except ssl.SSLError as exc:
                raise DeliveryError(f"TLS with {self._host} failed: {exc.reason or exc}") from None
            except OSError as exc:
                attempt.check()
                raise _NotConnected(_detail(exc, self.timeout, attempt)) from None
            attempt.guard(connection.sock)
            connection.request(
                "POST",
                self._target,
                body=body,
                headers={
                    "Content-Type": "application/json; charset=utf-8",
                    "User-Agent": "milestone-monitor",
                },
            )
            attempt.sent()
            response = connection.getresponse()
            attempt.answered()
            raw = response.read(BODY_LIMIT * 4)
            headers = {k.lower(): v for k, v in response.getheaders()}
            text = " ".join(raw.decode("utf-8", "replace").split())[:BODY_LIMIT]
            return response.status, headers, text
        finally:
            connection.close()


class _NotConnected(Exception):
    """The TCP connection could not be made: nothing was sent, it may be tried again."""


def _detail(exc: BaseException, timeout: float, attempt: Attempt) -> str:
    ended = attempt.ended or (str(exc) if isinstance(exc, AttemptEnded) else None)
    if ended == "stop":
        return "stopped by a signal"
    if ended == "deadline" or isinstance(exc, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    # Never str(exc) of an http.client error whole: some carry the request line (the path).
    return type(exc).__name__
