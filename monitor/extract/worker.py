"""The worker pool's entry module: what a worker process imports before its first task.

Extraction (trafilatura), feed parsing (feedparser) and the bounded analysis, nothing more.
The forkserver imports these modules once (`monitor.extract.pool._PRELOAD`, the same list);
each worker forked from it starts with this module as its `__main__` instead of the program
that made the pool (the `monitor` console script would pull in the whole CLI, its
configuration and database layers: half a second of CPU and about 40 MB per worker). Must not
import the CLI, the store, notify or anything that opens files, sockets or threads at import.
"""

from __future__ import annotations

import monitor.analysis.analyser
import monitor.bounded
import monitor.extract.article
import monitor.extract.page
import monitor.sources.feed  # noqa: F401  (imported for the workers, not used here)
