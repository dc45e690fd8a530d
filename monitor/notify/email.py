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
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, parseaddr

from monitor.config import EmailChannelConfig
from monitor.errors import DeliveryError
from monitor.logs import redact
from monitor.notify.message import Outgoing, PartDone


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
        try:
            answer = self._transmit(data)
        except DeliveryError:
            raise
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(self._explain(exc)) from None
        if on_part is not None:
            on_part(1)
        return answer

    def _where(self) -> str:
        return f"{self.config.smtp_host}:{self.config.smtp_port}"

    def _explain(self, exc: BaseException) -> str:
        """What happened, in one line a reader can act on (never the password)."""
        where, cfg = self._where(), self.config
        # smtplib reports a read that timed out as "Connection unexpectedly closed".
        if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
            return (
                f"SMTP server {where} timed out: no answer within "
                f"{cfg.timeout_seconds:g}s (channels.email.timeout_seconds)"
            )
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

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        context = self.ssl_context or ssl.create_default_context()
        if cfg.security == "ssl":
            return smtplib.SMTP_SSL(
                cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_seconds, context=context
            )
        smtp = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_seconds)
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

    def _transmit(self, data: bytes) -> str:
        cfg = self.config
        smtp = self._connect()
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
            code, reply = smtp.data(data)
            if code != 250:
                raise DeliveryError(f"message refused after DATA: {_reply(code, reply)}")
            answer = _reply(code, reply)
            if refused:
                answer += "; refused: " + "; ".join(f"{r} ({why})" for r, why in refused.items())
            return answer
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
