"""Generic English word classes the analysis rules use. Data only, no logic beyond lookups.

Status verbs (completed, delayed, extended, reversed, denied, confirmed), markers of plans and
negation, movement verbs grouped into actions (leave, hand over, arrive, remain, reduce,
close), count nouns for people in uniform and quantity qualifiers. Nothing here names a topic,
a place or an organisation: those come from the milestone configuration.
"""

from __future__ import annotations

# What a change of a milestone's status looks like; phrases, matched on stems.
STATUS_PHRASES: dict[str, tuple[str, ...]] = {
    "completed": (
        "complete", "completed", "completion", "finished", "finish", "concluded", "conclude",
        "ended", "came to an end", "come to an end", "wrapped up", "fully withdrawn",
        "fully withdrew", "officially ended", "formally ended", "final troops left",
        "last troops left", "last american troops", "last u.s. troops", "last us troops",
        "completely vacated", "full control", "fully handed over", "took full control",
        "taken full control", "assumed full control", "full assumption", "is over",
        "was over", "are over", "is now over", "is now complete", "is complete",
        "was complete",
    ),
    "delayed": (
        "delay", "delayed", "postpone", "postponed", "pushed back", "push back",
        "behind schedule", "slipped", "put on hold", "deferred", "defer", "stalled",
        "held up", "later than planned",
    ),
    "extended": (
        "extend", "extended", "extension", "prolong", "prolonged", "longer than planned",
        "stay longer", "remain longer", "kept beyond", "stay beyond", "remain beyond",
        "temporary retention", "retain", "retained",
    ),
    "reversed": (
        "reverse", "reversed", "reversal", "halt", "halted", "suspend", "suspended",
        "paused", "freeze", "froze", "frozen", "cancel", "cancelled", "canceled",
        "scrapped", "called off", "u-turn", "backtrack", "backtracked",
    ),
    "denied": (
        "deny", "denied", "denies", "denial", "dismissed reports", "rejected reports",
        "no plans to", "no plan to", "not withdrawing", "not leaving", "not pulling out",
        "untrue", "no intention", "inaccurate", "baseless", "unfounded",
    ),
    "confirmed": (
        "confirm", "confirmed", "confirms", "reaffirm", "reaffirmed", "on track",
        "on schedule", "as planned", "as scheduled", "on time", "remains committed",
    ),
}  # fmt: skip
# A status change worth an immediate alert (a confirmation is news, not a change).
STATUS_CHANGES = ("completed", "delayed", "extended", "reversed", "denied")
# Statuses whose words are also the plain action ("ended", "complete"): they need a realised
# verb form, not a plan ("will end", "to complete").
STATUS_NEEDS_REALISED = frozenset({"completed", "extended", "reversed", "delayed"})

# Movement and handover verbs, grouped by what happens to a place.
ACTION_PHRASES: dict[str, tuple[str, ...]] = {
    "leave": (
        "leave", "left", "withdraw", "withdrew", "withdrawn", "withdrawal", "depart",
        "departed", "departure", "pull out", "pulled out", "pullout", "pull-out", "exit",
        "evacuate", "evacuated", "vacate", "vacated", "quit", "move out", "moved out",
        "convoy", "convoys", "pull back", "pulled back",
    ),
    "handover": (
        "hand over", "handed over", "handover", "hand-over", "handing over", "transfer",
        "transferred", "turn over", "turned over", "hand back", "handed back", "took over",
        "take over", "taken over", "assume control", "assumed control", "full control",
        "took control", "taken control", "in charge", "control",
        "took full control", "taken full control", "take full control", "assumed full control",
        "assume full control",
    ),
    "increase": (
        "expand", "expanded", "expansion", "build up", "built up", "buildup", "reinforce",
        "reinforced", "bolster", "bolstered", "increase", "increased", "hub", "main base",
        "operating location", "main hub",
    ),
    "arrive": (
        "arrive", "arrived", "relocate", "relocated", "relocation", "move", "moved", "move to", "moved to",
        "moving to", "redeploy", "redeployed", "reposition", "repositioned", "shift to",
        "shifted to", "sent to", "consolidate", "consolidated", "head for", "headed for",
        "heading for", "head to", "headed to", "heading to", "bound for", "en route to",
    ),
    "remain": (
        "remain", "remained", "stay", "stayed", "keep", "kept", "retain", "retained",
        "maintain", "maintained", "continue", "continued", "residual",
        "stationed", "station", "deployed in", "present in",
    ),
    "reduce": (
        "reduce", "reduced", "reduction", "cut", "draw down", "drew down", "drawdown",
        "trim", "trimmed", "scale back", "scaled back", "shrink", "shrank", "wind down",
        "wound down", "downsize", "downsized",
    ),
    "close": ("close", "closed", "closure", "shut", "shut down", "shuttered"),
    "end": (
        "end", "ended", "ends", "conclude", "concluded", "terminate", "terminated", "close out",
        "closed out", "closing out", "wind up", "wound up",
    ),
}  # fmt: skip

# Nouns of the "increase" family that name a role, not an action: an action only after a
# verb of becoming ("Erbil became the main hub"), not as a place's description ("the main base
# at Erbil").
ROLE_NOUNS = frozenset(["hub", "main", "operating"])
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
NEGATIONS = frozenset(["not", "no", "never", "t", "nor", "without", "yet"])
# Words that open a clause whose verb is hypothetical: never a fact ("if the base is handed
# over", "unless the withdrawal is completed").
HYPOTHETICAL_MARKERS = frozenset(["if", "unless", "whether", "provided", "assuming"])
# Words that open a time clause: with a present tense it speaks of the future ("once the
# drawdown is finished", "when the handover is complete"), with a past tense of the past
# ("after the base was handed over").
TEMPORAL_MARKERS = frozenset(["once", "when", "whenever", "after", "before", "until", "till"])
PRESENT_AUXILIARIES = frozenset(["is", "are", "am", "has", "have", "do", "does", "gets", "get"])
PAST_AUXILIARIES = frozenset(["was", "were", "had", "did", "got"])
# What a denial can be a denial of, when it is not of the commitment itself: "rejected reports
# that troops were about to leave" says the plan is unchanged.
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
# Qualifiers of a rumoured change: "denies imminent withdrawal" denies a report of a change,
# not the commitment.
RUMOURED = frozenset(
    ["imminent", "immediate", "sudden", "early", "hasty", "rapid", "abrupt", "premature"]
)
# Nouns that name a commitment's course (besides the action nouns of `aspect.NOUN_FORMS`): a
# status word needs one of them, or a movement verb, as its subject or object to be a change
# of the commitment ("the mission was extended", "delayed the handover"), not of something
# else ("extended an invitation", "completed a raid").
PROCESS_NOUNS = frozenset(
    [
        "mission",
        "missions",
        "phase",
        "stage",
        "presence",
        "deployment",
        "deadline",
        "timetable",
        "timeline",
        "schedule",
        "stay",
        "mandate",
        "process",
        "plan",
        "plans",
        "pullout",
        "pull-out",
        "drawdown",
        "draw-down",
        "role",
        "exit",
    ]
)
REALISED_AUXILIARIES = frozenset(
    ["has", "have", "had", "was", "were", "been", "being", "is", "are"]
)
# Irregular past forms of the verbs above (regular ones end in "-ed").
IRREGULAR_PAST = frozenset(
    [
        "left",
        "withdrew",
        "withdrawn",
        "began",
        "begun",
        "took",
        "taken",
        "went",
        "gone",
        "came",
        "come",
        "held",
        "kept",
        "sent",
        "brought",
        "drew",
        "drawn",
        "quit",
        "shut",
        "cut",
        "froze",
        "frozen",
        "wound",
        "stood",
        "put",
        "set",
        "bound",
        "undertook",
        "overtook",
        "led",
        "met",
        "saw",
        "seen",
        "became",
        "made",
    ]
)

# Count nouns for people in uniform (lower case; plurals listed, the matcher stems them).
COUNT_NOUNS = (
    "troops", "troop", "soldiers", "personnel", "service members", "servicemembers",
    "service personnel", "military personnel", "advisers", "advisors", "military advisers",
    "military advisors", "trainers", "marines", "forces", "servicemen", "servicewomen",
    "military staff", "staff", "boots on the ground",
)  # fmt: skip
QUALIFIERS: dict[str, str] = {
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "some": "~",
    "nearly": "~", "almost": "~", "an estimated": "~", "estimated": "~", "close to": "~",
    "more or less": "~", "just under": "<", "fewer than": "<", "less than": "<",
    "under": "<", "below": "<", "up to": "<", "at most": "<", "no more than": "<",
    "not more than": "<", "as few as": "<", "just over": ">", "more than": ">", "over": ">",
    "above": ">", "at least": ">", "as many as": ">", "upwards of": ">", "only": "=",
    "just": "=", "exactly": "=",
}  # fmt: skip
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
