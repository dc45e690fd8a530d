"""The exception tree of milestone-monitor.

    MonitorError                 anything this package raises on purpose
    ├── ConfigError              bad configuration or seeds: exit code 2
    ├── StoreError               the database cannot be opened or migrated: exit code 3
    ├── SourceError              one feed or page could not be had (recorded, never fatal)
    │   ├── FetchError           network, HTTP status, size cap, SSRF refusal
    │   └── FeedParseError       the body is not a feed we can read
    ├── ExtractError             a page yielded no text, or extraction timed out
    └── DeliveryError            a channel refused or could not be reached (retried later)
        └── OutcomeUnknown       the message left, its answer never came (retried once more)

Expected failures of one feed or one delivery are caught where they happen and kept as data
(on the feed row, on the delivery row); anything else is a bug and must surface.
"""


class MonitorError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(MonitorError):
    """The configuration, an environment override or the seeds are invalid."""


class StoreError(MonitorError):
    """The database cannot be reached, opened or migrated."""


class SourceError(MonitorError):
    """One source (feed or page) could not be fetched or read."""


class FetchError(SourceError):
    """A request failed: network error, HTTP status, size or redirect cap, SSRF refusal.

    `status` is the HTTP status when there was one; `retry_after` the seconds the server
    asked us to wait, when it said so.
    """

    def __init__(
        self, message: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class FeedParseError(SourceError):
    """The body could not be read as RSS, Atom, RDF or JSON Feed."""


class ExtractError(MonitorError):
    """A page yielded no text, or its extraction ran past the time bound."""


class DeliveryError(MonitorError):
    """A channel did not accept a message; `retry_after` is honoured when the server sent it.
    `reached` says the server received the message and answered about it (a refusal of this
    message, not of the channel: the channel's next messages may still go)."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, reached: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.reached = reached


class OutcomeUnknown(DeliveryError):
    """The message was handed to the server but no answer came (a timeout, a dropped
    connection, a stop): it may or may not have arrived."""

    def __init__(self, message: str) -> None:
        super().__init__(message, reached=True)
