"""Generic English word classes the analysis rules use: grammar, not vocabulary. Data only.

Markers of plans, decisions, negation, hypotheses and time clauses, auxiliaries, reporting
verbs, words of rumour, irregular past forms, number words and quantity qualifiers. Nothing
here belongs to a field: the words of a domain (what a completion, a step or a quantity looks
like for one field or another) are in the domain packs, config/packs/*.yaml, and
places and names come from the milestone configuration.
"""

from __future__ import annotations

# A status change worth an immediate alert (a confirmation is news, not a change).
STATUS_CHANGES = ("completed", "delayed", "extended", "reversed", "denied")
# Statuses whose words are also the plain action ("ended", "complete"): they need a realised
# verb form, not a plan ("will end", "to complete").
STATUS_NEEDS_REALISED = frozenset({"completed", "extended", "reversed", "delayed"})

# Verbs of becoming: a role noun of a domain ("hub") is a step only after one of them.
BECOMING = frozenset(
    [
        "become", "became", "becomes", "becoming", "serve", "serves", "served", "serving",
        "turned", "turn", "turns", "designated", "made", "make", "makes", "new",
    ]
)  # fmt: skip

# Words before a verb that make it a plan, a forecast or a possibility, not a fact.
PLAN_MARKERS = frozenset(
    [
        "will",
        "would",
        "shall",
        "to",
        "plan",
        "plans",
        "planned",
        "planning",
        "expect",
        "expected",
        "expects",
        "set",
        "due",
        "scheduled",
        "intend",
        "intends",
        "intended",
        "aim",
        "aims",
        "going",
        "could",
        "can",
        "may",
        "might",
        "should",
        "must",
        "likely",
        "deadline",
        "proposed",
        "propose",
        "seek",
        "seeks",
        "want",
        "wants",
        "hope",
        "hopes",
        "prepare",
        "prepares",
        "preparing",
        "ready",
        "agree",
        "agreement",
        "pledged",
        "pledge",
        "promised",
        "promise",
        "envisage",
        "envisages",
        "envisaged",
        "envisioned",
        "foresee",
        "foresees",
        "foresaw",
        "foreseen",
        "timeline",
        "unless",
        "if",
        "whether",
        "ll",
    ]
)
# "agreed to extend", "decided to delay": a decision is a fact even though "to" follows.
DECISION_MARKERS = frozenset(
    [
        "decided",
        "decides",
        "voted",
        "votes",
        "approved",
        "approves",
        "ordered",
        "orders",
        "agreed",
        "agrees",
        "adopted",
        "adopts",
        "passed",
        "enacted",
        "endorsed",
        "ratified",
    ]
)
# Verbs that report a completion named by a noun ("declared the end of the first phase").
COMPLETION_REPORTS = frozenset(
    [
        "announced",
        "declared",
        "marked",
        "celebrated",
        "confirmed",
        "completed",
        "reached",
        "formalised",
        "formalized",
        "announces",
        "declares",
        "marks",
        "confirms",
    ]
)
NEGATIONS = frozenset(["not", "no", "never", "t", "nor", "without", "yet", "against"])
# Words that open a clause whose verb is hypothetical: never a fact ("if the site is handed
# over", "unless the departure is completed").
HYPOTHETICAL_MARKERS = frozenset(["if", "unless", "whether", "provided", "assuming"])
# Words that open a time clause: with a present tense it speaks of the future ("once the
# pull-out is finished", "when the transfer is complete"), with a past tense of the past
# ("after the site was handed over").
TEMPORAL_MARKERS = frozenset(["once", "when", "whenever", "after", "before", "until", "till"])
PRESENT_AUXILIARIES = frozenset(["is", "are", "am", "has", "have", "do", "does", "gets", "get"])
PAST_AUXILIARIES = frozenset(["was", "were", "had", "did", "got"])
# What a denial can be a denial of, when it is not of the commitment itself: "rejected reports
# that the units were about to leave" says the plan is unchanged.
RUMOUR_NOUNS = frozenset(
    [
        "report",
        "reports",
        "rumour",
        "rumours",
        "rumor",
        "rumors",
        "claim",
        "claims",
        "speculation",
        "allegation",
        "allegations",
        "suggestion",
        "suggestions",
        "talk",
        "story",
        "stories",
        "account",
        "accounts",
        "assertion",
        "assertions",
    ]
)
# "X said (that)", "according to": attribution that a statement can do without.
REPORTING_VERBS = frozenset(
    [
        "said",
        "says",
        "told",
        "tells",
        "added",
        "adds",
        "announced",
        "stated",
        "reported",
        "confirmed",
        "declared",
        "insisted",
        "explained",
        "noted",
        "wrote",
        "according",
    ]
)
# Verbs that declare a state ("declared the first phase complete").
DECLARING_VERBS = frozenset(
    ["declared", "declares", "declare", "pronounced", "pronounces", "announced", "announces",
     "proclaimed", "proclaims", "deemed", "considered", "called", "calls"]
)  # fmt: skip
# Words of a finished state, after what they are said of ("the phase complete").
FINISHED_STATES = frozenset(
    ["complete", "completed", "over", "finished", "done", "ended", "concluded"]
)
# Verbs of rejecting, denials when their object is a word of rumour ("rejected talk of ...").
DENIAL_VERBS = frozenset(
    ["rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes", "rebuffed",
     "rebuffs", "downplayed", "downplays", "contradicted", "contradicts", "quashed", "denied",
     "denies", "disputed", "disputes", "countered", "counters", "rejecting", "dismissing",
     "refuting", "rebuffing", "brushed", "brushes", "brushing", "refused", "refuses",
     "refusing", "turned", "turns", "resisted", "resists", "resisting"]
)  # fmt: skip
# Words that limit a change to part of a commitment ("a small unit stays", "some of them").
PARTIAL_MARKERS = frozenset(
    ["small", "some", "few", "handful", "residual", "limited", "part", "partial", "partially",
     "remaining", "rump", "reduced", "several", "two", "unit", "contingent", "group"]
)  # fmt: skip
# Words that make a completion a share of the work ("more than half of the retrograde is
# complete", "90 percent complete"): progress, not the end.
FRACTION_WORDS = frozenset(
    ["half", "third", "thirds", "quarter", "quarters", "percent", "cent", "%", "most",
     "majority", "bulk", "much"]
)  # fmt: skip
# Words that make a transfer one of a whole place ("took over the whole of X").
WHOLE_MARKERS = frozenset(["whole", "entire", "entirety", "all"])
# Verbs that take a deadline as their object when a step is late ("ran past the target").
LATE_VERBS = frozenset(
    ["ran", "run", "overran", "overrun", "overshot", "missed", "passed", "exceeded"]
)
# Words of work not finished ("still in progress", "not yet complete").
UNFINISHED = frozenset(
    ["in progress", "under way", "underway", "ongoing", "unfinished", "incomplete",
     "not complete", "not completed", "not finished"]
)  # fmt: skip
# Verbs of asking for or arguing for something: what follows them is wanted, not done.
REQUEST_VERBS = frozenset(
    ["urged", "urges", "urging", "demanded", "demands", "demanding", "campaigned",
     "campaigns", "campaigning", "lobbied", "lobbies", "lobbying", "advocated", "advocates",
     "advocating", "proposed", "proposes", "proposing", "suggested", "suggests", "recommended",
     "recommends", "wants", "wanted", "asked", "asks", "asking", "sought", "seeks", "seeking",
     "capable", "able", "favour", "favor", "backed", "backs", "supported", "supports"]
)  # fmt: skip
# Words that say a date was moved ("now apply from", "under the deal", "following the
# amendment"): a later date said with one of them is a new deadline.
MOVED_WORDS = frozenset(
    ["now", "rescheduled", "moved", "revised", "pushed", "deal", "agreement", "amendment",
     "amended", "amending", "postponing", "delaying", "instead", "announced", "decided",
     "ordered"]
)  # fmt: skip
# Nouns of a change proposed, not made: a date said with one of them is the proposal's.
PROPOSAL_NOUNS = frozenset(
    ["proposal", "proposals", "mandate", "position", "draft", "plan", "plans", "suggestion",
     "request", "demand", "option", "options", "idea", "scenario"]
)  # fmt: skip
# What is asked for: rejecting it denies the change asked ("rejected calls to delay ...").
REQUEST_NOUNS = frozenset(
    ["call", "calls", "demand", "demands", "request", "requests", "appeal", "appeals",
     "pressure", "plea", "pleas", "bid", "bids", "proposal", "proposals", "suggestion",
     "suggestions", "push", "idea"]
)  # fmt: skip
# Words that make what follows a guess ("likely to stay", "could remain").
SPECULATIVE = frozenset(
    ["likely", "unlikely", "could", "may", "might", "possibly", "probably", "perhaps",
     "would", "expected", "reportedly", "apparently"]
)  # fmt: skip
# Words after "was" or "is" that make an action noun only possible ("a delay was possible").
HEDGES = frozenset(
    ["possible", "likely", "unlikely", "probable", "conceivable", "mooted", "considered",
     "discussed", "debated", "envisaged", "contemplated", "floated", "expected"]
)  # fmt: skip
HEDGE_PHRASES = frozenset(
    ["an option", "on the table", "under consideration", "under discussion", "under review",
     "being considered", "being discussed", "not excluded", "not ruled out", "a possibility",
     "still possible"]
)  # fmt: skip
# What a report is called when it is denied ("reports that ... were untrue"), as the
# predicate of the report; a stronger word before it is allowed ("were simply wrong").
CALLED_FALSE = frozenset(
    ["untrue", "false", "inaccurate", "incorrect", "baseless", "unfounded", "groundless",
     "wrong", "premature", "exaggerated", "overblown", "misleading", "fabricated", "nonsense",
     "unsubstantiated", "fake"]
)  # fmt: skip
# What rules out a change talked of earlier in the sentence ("and it would not happen").
RULED_OUT = (
    ("not", "happen"),
    ("not", "going", "to", "happen"),
    ("off", "the", "table"),
    ("out", "of", "the", "question"),
)
# Lengths of time before "after" a date or a deadline ("weeks after the September date"):
# something said to come that long after it is late.
LENGTHS_BEFORE_AFTER = frozenset(
    ["day", "days", "week", "weeks", "month", "months", "year", "years", "long", "well"]
)
# Qualifiers of a rumoured change: "denies imminent departure" denies a report of a change,
# not the commitment.
RUMOURED = frozenset(
    ["imminent", "immediate", "sudden", "early", "hasty", "rapid", "abrupt", "premature"]
)
REALISED_AUXILIARIES = frozenset(
    ["has", "have", "had", "was", "were", "been", "being", "is", "are"]
)
# Irregular past forms and participles of English verbs (regular ones end in "-ed").
IRREGULAR_PAST = frozenset(
    [
        "arose",
        "arisen",
        "awoke",
        "awoken",
        "bore",
        "borne",
        "beat",
        "beaten",
        "became",
        "begun",
        "began",
        "bent",
        "bet",
        "bid",
        "bound",
        "bit",
        "bitten",
        "bled",
        "blew",
        "blown",
        "broke",
        "broken",
        "bred",
        "brought",
        "built",
        "burnt",
        "burst",
        "bought",
        "cast",
        "caught",
        "chose",
        "chosen",
        "clung",
        "came",
        "come",
        "cost",
        "crept",
        "cut",
        "dealt",
        "dug",
        "dove",
        "drew",
        "drawn",
        "dreamt",
        "drank",
        "drunk",
        "drove",
        "driven",
        "ate",
        "eaten",
        "fell",
        "fallen",
        "fed",
        "felt",
        "fought",
        "found",
        "fled",
        "flung",
        "flew",
        "flown",
        "forbade",
        "forbidden",
        "forgot",
        "forgotten",
        "forgave",
        "forgiven",
        "froze",
        "frozen",
        "got",
        "gotten",
        "gave",
        "given",
        "went",
        "gone",
        "ground",
        "grew",
        "grown",
        "hung",
        "had",
        "heard",
        "hid",
        "hidden",
        "hit",
        "held",
        "hurt",
        "kept",
        "knelt",
        "knew",
        "known",
        "laid",
        "led",
        "leant",
        "leapt",
        "learnt",
        "left",
        "lent",
        "let",
        "lay",
        "lain",
        "lit",
        "lost",
        "made",
        "meant",
        "met",
        "paid",
        "proven",
        "put",
        "quit",
        "read",
        "rode",
        "ridden",
        "rang",
        "rung",
        "rose",
        "risen",
        "ran",
        "run",
        "said",
        "saw",
        "seen",
        "sought",
        "sold",
        "sent",
        "set",
        "shook",
        "shaken",
        "shed",
        "shone",
        "shot",
        "shown",
        "shrank",
        "shrunk",
        "shut",
        "sang",
        "sung",
        "sank",
        "sunk",
        "sat",
        "slept",
        "slid",
        "slung",
        "spoke",
        "spoken",
        "sped",
        "spent",
        "spun",
        "spread",
        "sprang",
        "sprung",
        "stood",
        "stole",
        "stolen",
        "stuck",
        "stung",
        "stank",
        "struck",
        "strung",
        "strove",
        "swore",
        "sworn",
        "swept",
        "swam",
        "swum",
        "swung",
        "took",
        "taken",
        "taught",
        "tore",
        "torn",
        "told",
        "thought",
        "threw",
        "thrown",
        "thrust",
        "trod",
        "trodden",
        "understood",
        "undertook",
        "undertaken",
        "overtook",
        "overtaken",
        "upheld",
        "upset",
        "woke",
        "woken",
        "wore",
        "worn",
        "wove",
        "woven",
        "wept",
        "won",
        "wound",
        "wrote",
        "written",
    ]
)
# Prefixes that keep a verb irregular ("undertook", "overtaken", "upheld").
VERB_PREFIXES = ("with", "over", "under", "up", "out", "re", "mis", "fore", "be")

QUALIFIERS: dict[str, str] = {
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "some": "~",
    "nearly": "~", "almost": "~", "an estimated": "~", "estimated": "~", "close to": "~",
    "more or less": "~", "just under": "<", "fewer than": "<", "less than": "<",
    "under": "<", "below": "<", "up to": "<", "at most": "<", "no more than": "<",
    "not more than": "<", "as few as": "<", "just over": ">", "more than": ">", "over": ">",
    "above": ">", "at least": ">", "as many as": ">", "upwards of": ">", "only": "=",
    "just": "=", "exactly": "=",
}  # fmt: skip
# Words that scale a number written in digits ("1.5 million").
SCALE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
NUMBER_WORDS: dict[str, int] = {
    "a hundred": 100, "one hundred": 100, "two hundred": 200, "three hundred": 300,
    "four hundred": 400, "five hundred": 500, "six hundred": 600, "seven hundred": 700,
    "eight hundred": 800, "nine hundred": 900, "a thousand": 1000, "one thousand": 1000,
    "two thousand": 2000, "three thousand": 3000, "four thousand": 4000,
    "five thousand": 5000, "a few hundred": 300, "several hundred": 500, "hundreds of": 200,
    "a few thousand": 3000, "several thousand": 5000, "thousands of": 2000,
    "a few dozen": 36, "dozens of": 24, "a dozen": 12, "ten": 10, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
