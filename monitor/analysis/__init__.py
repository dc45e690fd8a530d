"""Milestone analysis: pure functions of text, publication date, milestones and baseline.

No I/O, no clock: `now` and the publication date are parameters.
"""
