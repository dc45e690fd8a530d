"""Where each commitment stands: a milestone's state, derived from its dated evidence.

    model.py     the records: evidence in, state and history out (frozen dataclasses)
    derive.py    evidence + milestone + now -> MilestoneState (pure; the rules are there)
    confirm.py   official sources and independent outlets: is a state confirmed? (pure)
    describe.py  the state line a reader sees ("Completed 18 Jan 2026, …") (pure)
    alerts.py    which state alerts are due: change, deadline, overdue, silence (pure)
    load.py      the shell: reads the evidence from the store and derives every state

Everything but `load` is pure, with `now` passed in: the same evidence gives the same state
whatever the order in which the articles arrived.
"""
