"""Where articles come from: the HTTP client, feed polling and parsing, entry identity.

`http` is the one client for feeds and pages (limits, redirects, the SSRF guard of `ssrf`,
the politeness of `politeness`); `polling` fetches one feed conditionally; `feed`, `jsonfeed`,
`xmlsafety`, `dates` and `markup` turn its bytes into entries (pure); `identity`, `urls` and
`changes` decide which entries and articles are new (pure); `schedule` decides when a feed is
polled next (pure); `pages` gets an entry's article. Nothing here writes to the database:
`monitor.app` does, through `monitor.store`.
"""
