"""One pipeline pass: poll the due feeds, get the new or changed articles, analyse, store.

The imperative shell around the pure parts. `poll_cycle` runs the network and the worker pool
in one event loop (asyncio.run per cycle) and keeps every database write in that loop's
thread. Transactions:

* Articles are written as they finish, not with their feed: each analysed article (its row,
  raw page as `fetch.keep_raw_pages` says, finding, mentions and events) joins a batch that is
  written in one transaction once it holds `ARTICLE_BATCH` articles (new rows with one
  executemany per table), then dropped from memory. With at most `ARTICLES_IN_FLIGHT`
  article tasks at once, memory depends on the pages in flight, not on how many articles a
  cycle brings.
* A feed poll that brought entries is one transaction once all its articles are done: the
  batch not yet written (its last articles among them), its entries (pointing at the article
  rows) and its feed row, whose validators (etag, last-modified, body hash) advance only
  here, so only when every article of the feed is stored.
* Polls that change only their feed row (a 304, a failure) are written a hundred to a
  transaction, since a thousand unchanged feeds would otherwise cost a thousand commits.

A cycle cut short between an article's write and its feed's write loses nothing and
duplicates nothing: the feed keeps its old validators and stays due, so the next poll sees
its entries again; an entry whose article is stored and analysed is then linked to it (no
fetch, no second analysis, see `plan_entries`), and a re-fetched article updates its row by
URL and replaces its finding.

    feeds table ──► due feeds ──► fetch_feed (conditional GET; parse in the pool when new)
        └─► plan_entries (which entries need work) ──► per URL, once per cycle: acquire_article
              (fetch page, extract in the pool, or the feed's summary) ──► analyse (bounded,
              in the pool) ──► store, a batch at a time ──► the feed's entries and row

The analysis is bounded (`monitor.bounded`, `analysis_limits`): the text it reads, the time it
may take (it runs in the worker pool, whose time bound kills an overrun) and the mentions
stored are capped, and what was cut is recorded on the article.

The time is read through `now()` only. A feed's failure is recorded on its row and the others
go on. `stop` (a threading.Event, set by a signal handler) ends the cycle at once, wherever it
is: a watcher in the loop sees it within a tenth of a second and cancels the fetches,
extractions and analyses in hand (the pool's workers are killed, not awaited); every article
already analysed is stored (with its feed's entries when the feed was waiting for it), feeds
not finished stay due and keep their old validators, so nothing is missed. A database error
aborts the cycle the same way and is raised once, to the caller.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Engine

from monitor import __version__
from monitor.bounded import Cut, analyse_installed, cap_mentions, cap_text, install, may_matter
from monitor.config import Settings
from monitor.errors import ConfigError
from monitor.extract.pool import TaskTimeout, WorkerCrashed, WorkPool, worker_count
from monitor.sources.changes import EntryPlan, article_key, plan_entries
from monitor.sources.feed import MAX_ENTRIES, ParsedFeed, parse_feed
from monitor.sources.http import HttpClient
from monitor.sources.pages import acquire_article
from monitor.sources.polling import FeedFetch, fetch_feed
from monitor.sources.schedule import plan_next_poll
from monitor.sources.ssrf import AddressPolicy
from monitor.store.articles import (
    ArticleRecord,
    KnownArticle,
    NewArticle,
    articles_by_url,
    insert_articles,
    save_article,
)
from monitor.store.entries import EntryWrite, known_entries, save_entries
from monitor.store.feeds import (
    FailingFeed,
    FeedState,
    PollRecord,
    failing_feeds,
    feeds_to_poll,
    record_poll,
    sync_feeds,
)
from monitor.store.findings import NewFinding, insert_findings, known_fact_keys, save_finding
from monitor.store.session import session_scope
from monitor.types import Article, Finding

log = logging.getLogger(__name__)

Analyse = Callable[[Article], Finding | None]
Progress = Callable[[int, int, str], None]

# Parsing a capped feed (500 items at most) takes well under a second; the bound only stops a
# pathological document, so it is generous and independent of the page bound.
PARSE_TIMEOUT_SECONDS = 30.0
# Polls that change only their feed row are written this many to a transaction.
POLL_BATCH = 100
# Pages held in memory between their download and their extraction, at most: enough to keep
# the workers fed through network latency, few enough that memory does not grow with the
# number of new articles in a cycle.
PAGE_BUFFER = 64
# Articles analysed are written this many to a transaction (or sooner, with a feed's entries):
# few enough that memory does not grow with the cycle, enough to spare most commits.
ARTICLE_BATCH = 32
# Article tasks (fetch, extraction, analysis) at once, over all feeds: a feed waits for a place
# before it starts one. More than the requests in flight and the pages buffered, so the network
# and the workers stay busy; few enough that a cycle of ten thousand new articles does not
# hold ten thousand tasks (measured: 6 KB each in the main process).
ARTICLES_IN_FLIGHT = 256
# How often the loop looks at the stop signal (it is a threading.Event, set from a handler).
STOP_POLL_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class PollSummary:
    """What one poll cycle did. `findings` counts the relevant ones; `errors` holds
    (feed name, one-line error) per failed feed."""

    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    new_entries: int = 0
    changed_entries: int = 0
    articles_extracted: int = 0
    articles_from_summary: int = 0
    findings: int = 0
    seconds: float = 0.0
    errors: tuple[tuple[str, str], ...] = ()
    warnings: tuple[tuple[str, str], ...] = ()
    analysis_errors: int = 0
    feeds_skipped: int = 0
    analyses_cut: int = 0
    stopped: bool = False
    # Feeds failing but not polled in this cycle: they wait in backoff. Still failing.
    waiting: tuple[FailingFeed, ...] = ()

    @property
    def feeds_failing(self) -> int:
        """Feeds failing after this cycle: those that failed now and those in backoff."""
        return self.feeds_failed + len(self.waiting)

    def summary(self) -> str:
        """The one line cron sees."""
        backoff = f" ({len(self.waiting)} waiting in backoff)" if self.waiting else ""
        line = (
            f"feeds ok {self.feeds_ok}, not modified {self.feeds_not_modified}, "
            f"failed {self.feeds_failing}{backoff}; new entries {self.new_entries}, "
            f"articles extracted {self.articles_extracted}, findings {self.findings}; "
            f"{self.seconds:.1f}s"
        )
        if self.feeds_skipped:
            line += f" (stopped early: {self.feeds_skipped} feed(s) not polled)"
        return line


@dataclass(frozen=True)
class PooledAnalysis:
    """The real analysis: the baseline built once, the facts already delivered read once, and
    `now`. The cycle runs it in the worker pool under the time bound (each worker receives these
    once, through `setup`); called directly, it analyses in this process, unbounded."""

    baseline: Any
    known_facts: frozenset[str]
    now: datetime

    def __call__(self, article: Article) -> Finding | None:
        from monitor.analysis import analyser

        return analyser.analyse(article, self.baseline, known_facts=self.known_facts, now=self.now)

    def setup(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return install, (self.baseline, self.known_facts, self.now)

    def set_aside(self, article: Article) -> Finding | None:
        """The finding of an article that no rule can match, decided here without the pool
        (`monitor.analysis.prefilter`: a regular expression, about a twentieth of the
        analysis's cost), or None when the article must be analysed."""
        from monitor.analysis import analyser

        return analyser.set_aside(article, self.baseline, now=self.now)


def make_analyser(settings: Settings, engine: Engine, now: datetime) -> PooledAnalysis:
    """The analysis step, ready for the pool: the baseline from the seeds and milestones, and
    the facts already delivered."""
    from monitor.analysis import analyser
    from monitor.analysis.novelty import fact_id
    from monitor.seeds import load_seeds

    baseline = analyser.build_baseline(load_seeds(settings.seeds_dir), settings.milestone_objects())
    with session_scope(engine) as session:
        # The form the analysis documents for known_facts: "<milestone id>:<fact key>".
        known = frozenset(fact_id(milestone, key) for milestone, key in known_fact_keys(session))
    return PooledAnalysis(baseline, known, now)


def evidence(record: ArticleRecord, finding: Finding | None, keep: str) -> ArticleRecord:
    """The record as stored under `fetch.keep_raw_pages`: without its raw page unless `keep`
    is "all", or "relevant" and the article matched a milestone. The page's hash and size
    stay, so what was fetched is still known."""
    if record.raw_page is None or keep == "all":
        return record
    if keep == "relevant" and finding is not None and finding.relevant:
        return record
    return replace(record, raw_page=None)


@dataclass(frozen=True, slots=True)
class Acquired:
    """One article of the cycle: fetched (or the summary), then analysed (or not: `analysed`
    is False when the analysis raised, so the next poll tries again)."""

    record: ArticleRecord
    analysed: bool
    finding: Finding | None
    cut: str | None
    # The stored row at this URL when the feed's plan read it (None: there was none).
    known: KnownArticle | None = None


def poll_cycle(
    settings: Settings,
    engine: Engine,
    *,
    now: Callable[[], datetime],
    analyse: Analyse | PooledAnalysis,
    feed_names: Sequence[str] | None = None,
    force: bool = False,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
    policy: AddressPolicy | None = None,
) -> PollSummary:
    """Poll the due feeds (the named ones, or all with `force`) and analyse what is new.

    `progress(done, total, feed_name)` is called as each feed finishes. `policy` replaces the
    SSRF policy made from `fetch.allow_private_addresses` (tests use it to let one loopback
    address stand for the internet). Raises ConfigError for a feed name that is not configured.
    """
    started = time.monotonic()
    if feed_names:
        configured = {feed.name for feed in settings.feeds}
        unknown = [name for name in feed_names if name not in configured]
        if unknown:
            raise ConfigError(f"unknown feed {unknown[0]!r} (see `monitor config check`)")
    with session_scope(engine) as session:
        sync_feeds(session, settings.feeds, now())
        states = feeds_to_poll(
            session, now(), names=list(feed_names) if feed_names else None, force=force
        )
    polled = {state.name for state in states}
    summary = PollSummary()
    if states and stop is not None and stop.is_set():
        summary = PollSummary(feeds_skipped=len(states), stopped=True)
    elif states:
        cycle = _Cycle(settings, engine, now, analyse, progress, stop, len(states), policy)
        asyncio.run(cycle.run(states))
        summary = cycle.summary(0.0)
    if not feed_names and not summary.stopped:
        # A feed in backoff is not polled, but it is failing all the same: the exit code and
        # the summary count it, so a long outage is not silent under cron.
        with session_scope(engine) as session:
            waiting = tuple(f for f in failing_feeds(session) if f.name not in polled)
        summary = replace(summary, waiting=waiting)
    return replace(summary, seconds=time.monotonic() - started)


@dataclass
class _Cycle:
    settings: Settings
    engine: Engine
    now: Callable[[], datetime]
    analyse: Analyse | PooledAnalysis
    progress: Progress | None
    stop: threading.Event | None
    total: int
    policy: AddressPolicy | None = None
    client: HttpClient | None = None
    pool: WorkPool | None = None
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    articles: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    # Articles analysed and not yet written; once written, (article id, analysed) by key.
    finished: list[tuple[str, Acquired]] = field(default_factory=list)
    handed: set[str] = field(default_factory=set)  # keys whose article task is done
    saved: dict[str, tuple[int, bool]] = field(default_factory=dict)
    pending: list[PollRecord] = field(default_factory=list)
    buffer: asyncio.Semaphore | None = None
    in_flight: asyncio.Semaphore | None = None
    halt: asyncio.Event | None = None
    done: int = 0

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def stopping(self) -> bool:
        return (self.stop is not None and self.stop.is_set()) or (
            self.halt is not None and self.halt.is_set()
        )

    async def run(self, states: list[FeedState]) -> None:
        fetch = self.settings.fetch
        user_agent = self.settings.user_agent(__version__)
        setup = self.analyse.setup() if isinstance(self.analyse, PooledAnalysis) else None
        self.halt = asyncio.Event()
        pool = WorkPool(worker_count(fetch.extract_workers), setup=setup)
        pool.warm()  # while the first feeds are fetched
        try:
            async with HttpClient(fetch, user_agent, policy=self.policy) as client:
                self.client, self.pool = client, pool
                self.buffer = asyncio.Semaphore(PAGE_BUFFER)
                self.in_flight = asyncio.Semaphore(ARTICLES_IN_FLIGHT)
                watcher = asyncio.create_task(self.watch())
                feeds = [asyncio.create_task(self.feed(state)) for state in states]
                try:
                    await asyncio.gather(*feeds)
                except BaseException:
                    # A database error (or a bug) in one feed: stop the others and collect
                    # them, so the error is raised once and nothing is left running.
                    self.halt.set()
                    for task in [*feeds, *self.articles.values()]:
                        task.cancel()
                    await asyncio.gather(*feeds, *self.articles.values(), return_exceptions=True)
                    raise
                finally:
                    watcher.cancel()
                # Analysed after their feed stopped waiting (a stop): kept, and linked to
                # their entries by the next poll.
                self.store_finished()
                self.flush()
            if self.counts.get("set_aside"):
                log.info(
                    "analysis: %d article(s) set aside unanalysed, off topic by the prefilter",
                    self.counts["set_aside"],
                )
        finally:
            # A stop must not wait for the pages and analyses in hand: kill the workers.
            pool.close(kill=self.stopping())

    async def watch(self) -> None:
        """Turn the stop signal into cancellations: the fetches, extractions and analyses in
        hand end now; what was analysed is kept by the feeds' writes."""
        assert self.halt is not None
        while not (self.stop is not None and self.stop.is_set()):
            await asyncio.sleep(STOP_POLL_SECONDS)
        self.halt.set()
        for task in self.articles.values():
            task.cancel()

    async def until_halt(self, tasks: Sequence[asyncio.Future[Any]]) -> None:
        """Wait for every one of `tasks`, or for the stop signal, whichever comes first."""
        assert self.halt is not None
        halted = asyncio.ensure_future(self.halt.wait())
        try:
            waiting = set(tasks)
            while waiting and not self.halt.is_set():
                _, waiting = await asyncio.wait(
                    waiting | {halted}, return_when=asyncio.FIRST_COMPLETED
                )
                waiting.discard(halted)
        finally:
            halted.cancel()

    def flush(self) -> None:
        """Write the polls that changed nothing but their feed rows."""
        if not self.pending:
            return
        with session_scope(self.engine) as session:
            for record in self.pending:
                record_poll(session, record)
        self.pending.clear()

    async def parse(self, body: bytes, url: str, content_type: str | None) -> ParsedFeed:
        assert self.pool is not None
        task = partial(
            parse_feed,
            body,
            url=url,
            content_type=content_type,
            now=self.now(),
            max_entries=MAX_ENTRIES,
        )
        # Parsing first: a parsed feed lets its pages be fetched while the pool extracts.
        return await self.pool.run(task, timeout=PARSE_TIMEOUT_SECONDS, priority=0)

    async def feed(self, state: FeedState) -> None:
        if self.stopping():
            self.count("skipped")
            return
        assert self.client is not None
        fetching = asyncio.ensure_future(
            fetch_feed(
                self.client,
                state,
                parse=self.parse,
                unconditional_every=self.settings.fetch.unconditional_every,
            )
        )
        await self.until_halt([fetching])
        if not fetching.done():
            # Stopped while the feed itself was on its way: it stays due, untouched.
            fetching.cancel()
            await asyncio.gather(fetching, return_exceptions=True)
            self.count("skipped")
            return
        fetched = fetching.result()
        plans: list[EntryPlan] = []
        results: set[str] = set()
        interrupted = False
        known = {}
        if fetched.parsed is not None:
            entries = fetched.parsed.entries
            with session_scope(self.engine) as session:
                known = known_entries(session, state.id, (e.key for e in entries))
                keys = {article_key(state.id, e) for e in entries}
                stored = articles_by_url(session, keys)
            plans = plan_entries(state.id, entries, known, stored)
            results, interrupted = await self.acquire(plans, stored)
        self.write(state, fetched, plans, results, known, interrupted)
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, state.name)

    async def acquire(
        self, plans: list[EntryPlan], stored: dict[str, KnownArticle]
    ) -> tuple[set[str], bool]:
        """The keys of the articles the plans need, each URL fetched, analysed and handed to
        the writer once per cycle; with a stop, those finished so far, and True."""
        # The feed keeps the keys it waits for and each one's outcome, not the tasks: a feed of
        # a hundred new articles would otherwise hold a hundred finished tasks until its last
        # one is done, and asyncio.wait would register on all of them at every completion.
        wanted: set[str] = set()
        outcomes: dict[str, BaseException | None] = {}
        waiting = 0
        adding = True  # the loop below awaits places: tasks may finish before it ends
        all_done = asyncio.Event()

        def finished(key: str, task: asyncio.Task[None]) -> None:
            nonlocal waiting
            if not task.cancelled():  # a cancelled one has no outcome: it was interrupted
                outcomes[key] = task.exception()
            waiting -= 1
            if waiting == 0 and not adding:
                all_done.set()

        interrupted = False
        done: set[str] = set()
        for plan in plans:
            if plan.action != "process" or plan.article_key in wanted:
                continue
            if plan.article_key in self.handed:  # done already, for another feed
                done.add(plan.article_key)
                continue
            task = self.articles.get(plan.article_key)
            if task is None:
                assert self.in_flight is not None
                if not self.stopping():
                    await self.in_flight.acquire()
                    if self.stopping():  # stopped while we waited: the place is not used
                        self.in_flight.release()
                if self.stopping():
                    interrupted = True
                    continue
                if plan.article_key in self.handed:  # done while we waited for a place
                    done.add(plan.article_key)
                    self.in_flight.release()
                    continue
                task = self.articles.get(plan.article_key)
                if task is None:
                    coroutine = self.article(plan, stored.get(plan.article_key))
                    task = asyncio.create_task(coroutine)
                    task.add_done_callback(lambda _: self.release_place())
                    self.articles[plan.article_key] = task
                else:
                    self.in_flight.release()
            wanted.add(plan.article_key)
            waiting += 1
            task.add_done_callback(functools.partial(finished, plan.article_key))
        adding = False
        if waiting == 0:
            all_done.set()
        waiter = asyncio.ensure_future(all_done.wait())
        try:
            await self.until_halt([waiter])
        finally:
            waiter.cancel()
        results: set[str] = done
        for key in wanted:
            if key not in outcomes:  # unfinished or cancelled: interrupted by a stop
                interrupted = True
                continue
            error = outcomes[key]
            if error is not None:
                raise error
            results.add(key)
        return results, interrupted

    async def article(self, plan: EntryPlan, known: KnownArticle | None) -> None:
        """Fetch, extract and analyse one article, and hand it to the writer: it is written
        with the next batch (or its feed's write, whichever comes first) and then dropped,
        so memory holds the pages in flight, not the cycle's articles."""
        assert self.client is not None and self.pool is not None
        keep_raw = None
        if isinstance(self.analyse, PooledAnalysis):
            # Run in the worker, after extraction, against the analysis it has installed.
            keep_raw = functools.partial(
                may_matter,
                max_chars=self.settings.analysis_limits.max_text_chars,
                headline=plan.entry.title,
            )
        record = await acquire_article(
            self.client,
            self.pool,
            plan.entry,
            plan.article_key,
            fetch=self.settings.fetch,
            now=self.now(),
            buffer=self.buffer,
            may_matter=keep_raw,
        )
        acquired = replace(await self.analysis(plan.article_key, record), known=known)
        self.finished.append((plan.article_key, acquired))
        # Done: only its key stays (the feeds waiting for it hold the task), so a cycle of
        # ten thousand articles does not keep ten thousand finished tasks.
        self.handed.add(plan.article_key)
        del self.articles[plan.article_key]
        if len(self.finished) >= ARTICLE_BATCH:
            self.store_finished()

    def release_place(self) -> None:
        assert self.in_flight is not None
        self.in_flight.release()

    def store_finished(self, session: Any = None) -> None:
        """Write the articles analysed since the last write, with their findings: in
        `session` (a feed's transaction), or in a transaction of their own."""
        if not self.finished:
            return
        if session is None:
            with session_scope(self.engine) as own:
                self.store_finished(own)
            return
        at = self.now()
        keep = self.settings.fetch.keep_raw_pages
        fresh: list[tuple[str, Acquired]] = []
        for key, result in self.finished:
            self.count_article(result.record)
            if result.finding is not None and result.finding.relevant:
                self.count("findings")
            if result.known is None:
                fresh.append((key, result))
                continue
            # A row at this URL already (a changed entry): updated, its finding replaced.
            # The feed's plan read the row (one task per URL and cycle, under the cycle
            # lock: nobody wrote it since), so it is not read again.
            article_id, _changed = save_article(
                session,
                evidence(result.record, result.finding, keep),
                at,
                analysed_at=at if result.analysed else None,
                analysis_cut=result.cut,
                looked_up=True,
                known=result.known,
            )
            if result.finding is not None:
                save_finding(session, article_id, result.finding, at)
            self.saved[key] = (article_id, result.analysed)
        # New rows, the common case: a statement for all their articles, one for their
        # findings, one for the mentions and one for the events, nothing read.
        ids = insert_articles(
            session,
            [
                NewArticle(
                    evidence(result.record, result.finding, keep),
                    analysed_at=at if result.analysed else None,
                    analysis_cut=result.cut,
                )
                for _, result in fresh
            ],
            at,
        )
        findings = []
        for article_id, (key, result) in zip(ids, fresh, strict=True):
            self.saved[key] = (article_id, result.analysed)
            if result.finding is not None:
                record = result.record
                seen = record.fetched_at or at
                published = record.article.published
                findings.append(NewFinding(article_id, result.finding, published, seen))
        insert_findings(session, findings, at)
        # A failed write raises out of the cycle (it is aborted), so clearing now is safe.
        self.finished.clear()

    async def analysis(self, key: str, record: ArticleRecord) -> Acquired:
        """The bounded analysis of one article (see `monitor.bounded`)."""
        assert self.pool is not None
        limits = self.settings.analysis_limits
        article, cut = cap_text(record.article, limits.max_text_chars)
        try:
            if isinstance(self.analyse, PooledAnalysis):
                aside = self.analyse.set_aside(article)
                if aside is not None:
                    self.count("set_aside")
                    return Acquired(record, True, aside, cut.note())
                finding: Finding | None = await self.pool.run(
                    analyse_installed, article, timeout=limits.timeout_seconds
                )
            else:
                finding = self.analyse(article)
        except (TaskTimeout, WorkerCrashed) as exc:
            # Marked analysed with the reason: a page that overruns would overrun again.
            cut = replace(cut, seconds=limits.timeout_seconds)
            log.warning("analysis cut url=%s reason=%s", key, exc)
            self.count("analyses_cut")
            return Acquired(record, True, None, cut.note())
        except Exception:
            # A bug in the analysis must surface, but not cost the other articles their turn.
            log.exception("analysis failed url=%s", key)
            self.count("analysis_errors")
            return Acquired(record, False, None, None)
        if finding is not None:
            finding, had = cap_mentions(finding, limits.max_mentions)
            if had is not None:
                cut = replace(cut, mentions=(limits.max_mentions, had))
        if cut != Cut():
            log.info("analysis cut url=%s cut=%s", key, cut.note())
            if cut.seconds is None:
                self.count("analyses_cut")
        return Acquired(record, True, finding, cut.note())

    def write(
        self,
        state: FeedState,
        fetched: FeedFetch,
        plans: list[EntryPlan],
        done: set[str],
        known: dict[str, Any],
        interrupted: bool,
    ) -> None:
        """One transaction: the articles analysed and not yet written (this feed's last ones
        among them), the feed's entries, and the feed's state."""
        at = self.now()
        fetch = self.settings.fetch
        interval = timedelta(
            minutes=state.poll_interval_minutes or self.settings.schedule.poll_interval_minutes
        )
        plan = plan_next_poll(
            at,
            interval=interval,
            failures=state.consecutive_failures,
            outcome=fetched.outcome,
            status=fetched.status,
            retry_after=fetched.retry_after,
            parse_failure=fetched.parse_failure,
            backoff_cap=timedelta(minutes=fetch.backoff_cap_minutes),
            retry_after_cap=timedelta(seconds=fetch.retry_after_cap_seconds),
            jitter=random.random(),
        )
        warning = fetched.parsed.warning if fetched.parsed else None
        outcome = fetched.outcome
        if outcome == "failed" and plan.gone:
            outcome = "gone"
        keep_validators = interrupted
        record = PollRecord(
            feed_id=state.id,
            at=at,
            outcome=outcome,
            status=fetched.status,
            error=fetched.error,
            warning=warning,
            next_poll_at=at if interrupted else plan.next_poll_at,
            failures=plan.failures,
            gone=plan.gone,
            conditional=fetched.conditional,
            etag=None if keep_validators else fetched.etag,
            last_modified=None if keep_validators else fetched.last_modified,
            body_hash=None if keep_validators else fetched.body_hash,
            seconds=fetched.seconds,
        )
        new_entries = 0
        if fetched.parsed is None:
            # Nothing but the feed row changes (304, failure): such polls are written in
            # batches, a transaction for many feeds instead of one each.
            self.pending.append(record)
            if len(self.pending) >= POLL_BATCH:
                self.flush()
        else:
            with session_scope(self.engine) as session:
                self.store_finished(session)
                writes = self.entry_writes(plans, done)
                new_entries = save_entries(session, state.id, writes, known, at)
                record_poll(session, replace(record, new_entries=new_entries))
        self.count(fetched.outcome)
        self.count("new_entries", new_entries)
        self.count("changed_entries", sum(1 for p in plans if not p.is_new))
        if fetched.outcome == "failed":
            self.errors.append((state.name, fetched.error or "failed"))
            log.warning(
                "poll failed feed=%s status=%s error=%s next_poll=%s",
                state.name,
                fetched.status,
                fetched.error,
                plan.next_poll_at.isoformat(timespec="minutes"),
            )
        else:
            if warning:
                self.warnings.append((state.name, warning))
                log.info("poll warning feed=%s warning=%s", state.name, warning)
            log.info(
                "poll done feed=%s outcome=%s new=%d seconds=%.2f",
                state.name,
                fetched.outcome,
                new_entries,
                fetched.seconds,
            )

    def entry_writes(self, plans: list[EntryPlan], done: set[str]) -> list[EntryWrite]:
        """The feed's entries to write: linked to a stored article, or to the one this cycle
        wrote for them (an entry whose article was interrupted is left for the next poll)."""
        writes: list[EntryWrite] = []
        for plan in plans:
            entry = plan.entry
            if plan.action == "link":
                writes.append(EntryWrite(entry, plan.article_id, entry.content_hash))
                continue
            saved = self.saved.get(plan.article_key) if plan.article_key in done else None
            if saved is None:  # interrupted before its article was fetched and analysed
                continue
            article_id, analysed = saved
            writes.append(EntryWrite(entry, article_id, entry.content_hash if analysed else None))
        return writes

    def count_article(self, record: ArticleRecord) -> None:
        if record.article.origin == "page":
            self.count("extracted")
        else:
            self.count("from_summary")

    def summary(self, seconds: float) -> PollSummary:
        c = self.counts.get
        return PollSummary(
            feeds_ok=c("ok", 0),
            feeds_not_modified=c("not_modified", 0),
            feeds_failed=c("failed", 0),
            new_entries=c("new_entries", 0),
            changed_entries=c("changed_entries", 0),
            articles_extracted=c("extracted", 0),
            articles_from_summary=c("from_summary", 0),
            findings=c("findings", 0),
            seconds=seconds,
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
            analysis_errors=c("analysis_errors", 0),
            feeds_skipped=c("skipped", 0),
            analyses_cut=c("analyses_cut", 0),
            stopped=self.stopping(),
        )
