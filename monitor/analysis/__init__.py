"""Milestone analysis: pure functions of text, publication date, milestones and baseline.

No I/O, no clock: `now` and the publication date are parameters. The pipeline calls
`analyser.build_baseline` once and `analyser.analyse` per article. The pieces, in reading order:

    sentences    split text into sentences with offsets
    terms        tokens, stems and one-pass phrase lookup
    dates        find date phrases (date_forms resolves each written form to a span)
    vocabulary   the milestones' term lists compiled into one phrase index
    document     a text read once: sentences, tokens, term hits and dates per sentence
    lexicon      generic English word classes (status verbs, plan markers, count nouns)
    aspect       is a verb a fact, a plan or negated? (questions, conditions: plans)
    clauses      clause boundaries, and a clause as a short statement for the digest
    mentions     which sentences speak of which milestone, by which rule
    facts        head counts, steps and plans at places, dates, with normalised keys
    status       completed, delayed, extended ... only when reported, and of the commitment
    repeat       is an article a copy of a baseline document? (word shingles)
    baseline     what the seeds and the milestones' descriptions already state
    novelty      the verdict rule: new, background, baseline_repeat or none
    analyser     the entry points
"""
