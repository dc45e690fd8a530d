"""The email channel: one multipart (text + HTML) message over SMTP to every recipient.

Transport security is `starttls` (refuses to go on in clear when the server does not offer
it), `ssl` (implicit TLS, usually port 465) or `none`; certificates are verified with the
system's trust store. The channel logs in when both a username and the password
(MONITOR_CHANNELS__EMAIL__PASSWORD) are set.

The Message-ID is derived from the digest key and the sender's domain, so a message that is
sent again (see the outbox) carries the same id and mail clients fold the repeat.

The SMTP dialogue is run step by step (MAIL, RCPT per recipient, DATA) rather than through
`sendmail`, to report the server's own reply to DATA: "250 2.0.0 Ok: queued as 4F2A1".
A message some recipients accepted counts as sent (the refusals are reported in the answer);
retrying it would repeat it for the others.

Every socket of the dialogue is registered with the attempt (`monitor.notify.attempt`), whose
deadline bounds the whole of it, and the final dot of DATA marks the message as handed over:
a connection that breaks or goes silent after that point is an unknown outcome
(`OutcomeUnknown`), not a plain failure, since the server may have queued the message.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, parseaddr
from typing import Any

from monitor.config import EmailChannelConfig
from monitor.errors import DeliveryError, OutcomeUnknown
from monitor.logs import redact
from monitor.notify.attempt import Attempt, AttemptEnded, current
from monitor.notify.message import Outgoing, PartDone

# After the server accepted the message, QUIT gets this long before the socket is dropped.
_QUIT_SECONDS = 2.0
_LEADING_DOT = re.compile(rb"(?m)^\.")


class _Guarded:
    """What the two SMTP classes share: sockets registered with the attempt, timeouts never
    past its deadline, and the moment the message is handed over marked on it."""

    attempt: Attempt
    timeout: float

    def _guarded_socket(self, sock: socket.socket) -> socket.socket:
        self.attempt.guard(sock)
        return sock

    def data_marked(self, msg: bytes) -> tuple[int, bytes]:
        """DATA as smtplib sends it, with the hand-over marked after the final dot."""
        smtp: Any = self
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        body = _LEADING_DOT.sub(b"..", msg)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.send(body + b".\r\n")
        self.attempt.sent()
        code, reply = smtp.getreply()
        self.attempt.answered()
        return code, reply


class _SMTP(_Guarded, smtplib.SMTP):
    def __init__(self, attempt: Attempt, timeout: float) -> None:
        self.attempt = attempt
        super().__init__(timeout=timeout)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        self.attempt.check()
        return self._guarded_socket(super()._get_socket(host, port, self.attempt.timeout(timeout)))

    def starttls(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        result = super().starttls(*args, **kwargs)
        self.attempt.guard(self.sock)  # the TLS socket replaces the plain one
        return result


class _SMTP_SSL(_Guarded, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's name)
    def __init__(self, attempt: Attempt, timeout: float, context: ssl.SSLContext) -> None:
        self.attempt = attempt
        super().__init__(timeout=timeout, context=context)

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        self.attempt.check()
        plain = socket.create_connection(
            (host, port), self.attempt.timeout(timeout), self.source_address
        )
        self.attempt.guard(plain)  # ends a TLS handshake that drips
        return self._guarded_socket(self.context.wrap_socket(plain, server_hostname=self._host))


def _detail(exc: BaseException) -> str:
    if isinstance(exc, AttemptEnded):
        return "the attempt ran out of time" if str(exc) == "deadline" else "stopped"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    return redact(str(exc)) or type(exc).__name__


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(message.split())}".strip()


class EmailChannel:
    name = "email"

    def __init__(
        self, config: EmailChannelConfig, ssl_context: ssl.SSLContext | None = None
    ) -> None:
        self.config = config
        self.ssl_context = ssl_context

    @property
    def envelope_sender(self) -> str:
        return parseaddr(self.config.sender)[1] or self.config.sender

    def message_id(self, key: str) -> str:
        domain = self.envelope_sender.rpartition("@")[2] or "milestone-monitor.invalid"
        return f"<{key}@{domain}>"

    def build(self, message: Outgoing) -> EmailMessage:
        """The MIME message: text part first, HTML as the preferred alternative."""
        mail = EmailMessage()
        mail["Subject"] = message.subject
        mail["From"] = self.config.sender
        mail["To"] = ", ".join(self.config.recipients)
        mail["Date"] = format_datetime(message.created_at)
        mail["Message-ID"] = self.message_id(message.key)
        mail["Auto-Submitted"] = "auto-generated"
        mail["X-Auto-Response-Suppress"] = "All"
        mail.set_content(message.text)
        if message.html:
            mail.add_alternative(message.html, subtype="html")
        return mail

    def send(
        self, message: Outgoing, *, start_part: int = 0, on_part: PartDone | None = None
    ) -> str:
        data = self.build(message).as_bytes(policy=SMTP_POLICY)
        attempt = current()
        try:
            answer = self._transmit(data, attempt)
        except DeliveryError:
            raise
        except (AttemptEnded, smtplib.SMTPException, OSError) as exc:
            if attempt.in_doubt:
                raise OutcomeUnknown(
                    f"SMTP server {self._where()} took the message but gave no answer "
                    f"({_detail(exc)}): outcome unknown"
                ) from None
            if attempt.ended == "deadline":
                raise DeliveryError(self._timed_out()) from None
            if isinstance(exc, AttemptEnded) or attempt.ended is not None:
                raise AttemptEnded(attempt.ended or str(exc)) from None
            raise DeliveryError(self._explain(exc)) from None
        if on_part is not None:
            on_part(1)
        return answer

    def _where(self) -> str:
        return f"{self.config.smtp_host}:{self.config.smtp_port}"

    def _timed_out(self) -> str:
        return (
            f"SMTP server {self._where()} timed out: no answer within "
            f"{self.config.timeout_seconds:g}s (channels.email.timeout_seconds)"
        )

    def _explain(self, exc: BaseException) -> str:
        """What happened, in one line a reader can act on (never the password)."""
        where, cfg = self._where(), self.config
        # smtplib reports a read that timed out as "Connection unexpectedly closed".
        if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
            return self._timed_out()
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return (
                f"SMTP server {where} offers no AUTH, so it cannot log in as {cfg.username}: "
                "remove channels.email.username to send without logging in, or use a port "
                "that offers AUTH (usually 587 with starttls)"
            )
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return (
                f"SMTP server {where} refused the login of {cfg.username}: "
                f"{_reply(exc.smtp_code, exc.smtp_error)}"
            )
        if isinstance(exc, smtplib.SMTPServerDisconnected):
            return (
                f"SMTP server {where} closed the connection before accepting the message: "
                f"{redact(str(exc)) or 'no reply'}"
            )
        if isinstance(exc, smtplib.SMTPResponseException):
            return f"SMTP server {where} refused: {_reply(exc.smtp_code, exc.smtp_error)}"
        if isinstance(exc, ConnectionRefusedError):
            return (
                f"SMTP server {where} refused the connection (unreachable: nothing listens "
                "there; check smtp_host and smtp_port)"
            )
        if isinstance(exc, socket.gaierror):
            return f"SMTP server {where} unreachable: host not found ({exc.strerror or exc})"
        if isinstance(exc, ssl.SSLError):
            reason = exc.reason or exc.strerror or type(exc).__name__
            return f"SMTP server {where}: TLS failed ({reason}; channels.email.security is {cfg.security})"
        detail = redact(str(exc)) or type(exc).__name__
        return f"SMTP server {where} unreachable: {detail}"

    def _connect(self, attempt: Attempt) -> _SMTP | _SMTP_SSL:
        cfg = self.config
        context = self.ssl_context or ssl.create_default_context()
        smtp: _SMTP | _SMTP_SSL
        if cfg.security == "ssl":
            smtp = _SMTP_SSL(attempt, cfg.timeout_seconds, context)
        else:
            smtp = _SMTP(attempt, cfg.timeout_seconds)
        smtp._host = cfg.smtp_host  # the name TLS verifies (smtplib sets it only from __init__)
        try:
            smtp.connect(cfg.smtp_host, cfg.smtp_port)
        except BaseException:
            smtp.close()
            raise
        if cfg.security == "starttls":
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                smtp.close()
                raise DeliveryError(
                    f"SMTP server {self._where()} does not offer STARTTLS; refusing to send "
                    "in clear (set channels.email.security: none to allow it)"
                )
            code, reply = smtp.starttls(context=context)
            if code != 220:
                smtp.close()
                raise DeliveryError(f"STARTTLS refused: {_reply(code, reply)}")
        return smtp

    def _transmit(self, data: bytes, attempt: Attempt) -> str:
        cfg = self.config
        smtp = self._connect(attempt)
        try:
            smtp.ehlo_or_helo_if_needed()
            if cfg.username and cfg.password is not None:
                smtp.login(cfg.username, cfg.password.get_secret_value())
            code, reply = smtp.mail(self.envelope_sender)
            if code != 250:
                smtp.rset()
                raise DeliveryError(f"sender {self.envelope_sender} refused: {_reply(code, reply)}")
            refused: dict[str, str] = {}
            for recipient in cfg.recipients:
                code, reply = smtp.rcpt(recipient)
                if code not in (250, 251):
                    refused[recipient] = _reply(code, reply)
            if len(refused) == len(cfg.recipients):
                smtp.rset()
                detail = "; ".join(f"{r}: {why}" for r, why in refused.items())
                raise DeliveryError(f"every recipient refused: {detail}")
            code, reply = smtp.data_marked(data)
            if code != 250:
                raise DeliveryError(
                    f"message refused after DATA: {_reply(code, reply)}", reached=True
                )
            answer = _reply(code, reply)
            if refused:
                answer += "; refused: " + "; ".join(f"{r} ({why})" for r, why in refused.items())
            attempt.accept(answer)
            return answer
        finally:
            try:
                if smtp.sock is not None:
                    smtp.sock.settimeout(min(_QUIT_SECONDS, attempt.timeout(_QUIT_SECONDS)))
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
