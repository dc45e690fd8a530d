"""Digests and their delivery: composition, rendering, channels and the outbox.

    model.py      the dataclasses a digest is made of (the template contract) and its inputs
    compose.py    findings + milestone states + feed health + now -> Digest (pure)
    stories.py    which articles report the same development (pure)
    render.py     Digest -> subject, text, HTML and Slack messages, over the alerts/ templates
    mrkdwn.py     escaping and links for Slack's mrkdwn (pure)
    blocks.py     Block Kit messages within Slack's limits (pure)
    message.py    the channel interface and the message channels send
    channels.py   the configured channels, built by name
    email.py      SMTP                slack.py   incoming webhook     console.py  stdout or file
    outbox.py     retry schedule and the send loop over the deliveries table
    service.py    the entry points the scheduler and the CLI call

Composition and rendering never read the clock, the environment or the database; the
service module is the imperative shell around them.
"""
