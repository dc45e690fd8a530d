"""The console channel: the digest's text on stdout, or appended to a file.

It is the default when no other channel is enabled, so a fresh installation shows its digests
somewhere. A file is appended to (one digest after another, separated by a rule) and flushed
to disk before the delivery counts as sent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from monitor.config import ConsoleChannelConfig
from monitor.errors import DeliveryError
from monitor.notify.message import Outgoing, PartDone

RULE = "=" * 72


class ConsoleChannel:
    name = "console"

    def __init__(self, config: ConsoleChannelConfig, stream: TextIO | None = None) -> None:
        self.path: Path | None = config.path
        self.stream = stream

    def send(
        self, message: Outgoing, *, start_part: int = 0, on_part: PartDone | None = None
    ) -> str:
        block = f"{RULE}\n{message.subject}\n{RULE}\n{message.text.rstrip()}\n\n"
        if self.path is None:
            stream = self.stream or sys.stdout
            stream.write(block)
            stream.flush()
            answer = "written to stdout"
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(block)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise DeliveryError(
                    f"cannot append to {self.path}: {exc.strerror or exc}"
                ) from None
            answer = f"appended to {self.path}"
        if on_part is not None:
            on_part(1)
        return answer
