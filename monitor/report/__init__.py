"""The report page: a static site (index.html and its assets) that shows where each milestone
stands, each milestone's timeline, the evidence and the feeds' coverage, and works offline.

    build   states, findings and polls -> `model.Report` (pure)
    page    `Report` -> index.html, page data and assets (pure)
    write   the folder: refusals, atomic generations; `generate` reads the store (I/O)
    serve   the folder over HTTP, for the daemon's metrics server (`/`)

The store's rows arrive as its frozen dataclasses; nothing here touches SQLAlchemy objects.
"""
