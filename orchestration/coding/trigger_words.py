"""The English words the contact triggers are made of, one table per part of a phrase: the data of
`triggers.py`, whose matching reads them (see its docstring for the phrases they make).

Each table holds a word as the tokens give it (lower case); `ALL_FIRST_WORDS` is every word a
phrase can start with, the one set a token is looked up in before any phrase is tried.
"""

from __future__ import annotations

PHONE_NOUNS = frozenset({"phone", "telephone", "video"})
CALL_WORDS = frozenset({"call", "calls", "conversation", "conversations", "talks", "contact", "conference"})
CALL_DETERMINERS = frozenset({"the", "a", "this"})
NOT_A_PHONE_CALL_AFTER = frozenset({"for", "on", "to", "against", "of", "upon"})
CALLED_NOT_FOLLOWED_BY = frozenset({"on", "for", "upon", "off", "it", "a", "an", "as", "in", "into", "out"})
CALLED_OBJECT_NOUNS = frozenset(
    {"move", "decision", "step", "attack", "attacks", "plan", "proposal", "report", "claims"}
)
MEDIATION = frozenset(
    {"mediate", "mediates", "mediated", "mediating", "mediation", "mediator", "mediators", "brokered"}
)
INVITE = frozenset({"invite", "invites", "invited", "inviting", "invitation", "invitations"})
HOST = frozenset(
    {"received", "receives", "receiving", "hosted", "hosts", "hosting", "welcomed", "welcomes", "welcoming"}
)
SEND = frozenset({"sent", "sends", "sending", "dispatched", "dispatches", "dispatching"})
VISIT = frozenset(
    {
        "visit",
        "visits",
        "visited",
        "visiting",
        "trip",
        "trips",
        "tour",
        "toured",
        "touring",
        "arrive",
        "arrived",
        "arrives",
        "arriving",
        "arrival",
    }
)
MOTION_TO = frozenset(
    {
        "travelled",
        "traveled",
        "travels",
        "travelling",
        "traveling",
        "travel",
        "flew",
        "headed",
        "heads",
        "went",
        "came",
        "been",
    }
)
LANDED_IN = frozenset({"landed", "stop", "stopover"})
ATTEND = frozenset(
    {
        "attend",
        "attends",
        "attended",
        "attending",
        "represent",
        "represents",
        "represented",
        "representing",
        "absent",
        "absence",
        "skip",
        "skips",
        "skipped",
        "skipping",
        "miss",
        "misses",
        "missed",
    }
)
PARTICIPATE = frozenset({"participate", "participates", "participated", "participating"})
TAKE = frozenset({"took", "take", "taking", "takes"})
SPEAK = frozenset({"speaking", "spoke"})
MEET = frozenset({"met", "meet", "meets"})
TALK_NOUNS = frozenset({"talks", "meeting", "meetings", "discussions", "consultations", "negotiations", "gathering"})
HOLDING = frozenset(
    {
        "held",
        "hold",
        "holds",
        "holding",
        "had",
        "conducted",
        "conduct",
        "concluded",
        "began",
        "begin",
        "begins",
        "commenced",
        "started",
        "opened",
        "during",
    }
)
TALK_MODIFIERS = frozenset(
    {
        "a",
        "an",
        "the",
        "their",
        "his",
        "her",
        "these",
        "those",
        "several",
        "further",
        "fresh",
        "new",
        "official",
        "first",
        "second",
        "bilateral",
        "high",
        "level",
        "rare",
        "closed",
        "door",
        "lengthy",
        "extensive",
        "direct",
        "indirect",
        "separate",
        "joint",
    }
)
EVENT_NOUNS = frozenset({"summit", "summits", "conference", "forum", "ministerial"})

ALL_FIRST_WORDS = (
    PHONE_NOUNS
    | {"phoned", "telephoned", "by", "on", "over", "call", "called", "in", "during", "good"}
    | CALL_DETERMINERS
    | MEDIATION
    | INVITE
    | HOST
    | SEND
    | VISIT
    | LANDED_IN
    | MOTION_TO
    | ATTEND
    | PARTICIPATE
    | TAKE
    | SPEAK
    | MEET
    | TALK_NOUNS
    | HOLDING
    | {"at", "brought", "press", "sat", "contact"}
    | EVENT_NOUNS
)
