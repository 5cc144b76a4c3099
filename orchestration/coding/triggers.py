"""The words and phrases of news that report contacts between officials, found on tokens.

Source: the language of news reports on diplomacy. Grain: one `Trigger` per phrase, with
its family, which the handlers of `contacts/` turn into reports:

- phone: "phone call", "telephone conversation", "video call", "telephoned", "by phone",
  "the call", "call with/between", "called his counterpart";
- mediate: "mediate", "mediation", "mediator", "brokered", "good offices";
- invite: "invite(d)", "invitation";
- host: "received", "hosted", "welcomed" (a guest as object);
- send: "sent", "dispatched" (a delegation to a place);
- visit: "visit", "trip", "tour", "arrive(d)", "arrival", "landed in", "travelled to",
  "flew to", "headed to", "went to", "came to", "been to", "stop(over) in";
- attend: "attend", "participate in", "take part", "represent", "speaking at", "absent",
  "absence", "skip", "miss";
- meet: "met", "meet", "held talks" (and meetings, discussions, consultations,
  negotiations), "talks with/between", "gathering in", "brought together", "press
  conference with", "sat down with";
- event: "summit", "conference", "forum", "ministerial", "contact group", "meeting of".

The words are data, in `trigger_words.py`. Phrases are matched on the tokens of `tokens.py` with set lookups, not with one large
regular expression: scanning every sentence with an alternation of this size costs more
than the rest of the coder together.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress

from orchestration.coding.tokens import Tokens
from orchestration.coding.trigger_words import (
    ALL_FIRST_WORDS,
    ATTEND,
    CALL_DETERMINERS,
    CALL_WORDS,
    CALLED_NOT_FOLLOWED_BY,
    CALLED_OBJECT_NOUNS,
    EVENT_NOUNS,
    HOLDING,
    HOST,
    INVITE,
    LANDED_IN,
    MEDIATION,
    MEET,
    MOTION_TO,
    NOT_A_PHONE_CALL_AFTER,
    PARTICIPATE,
    PHONE_NOUNS,
    SEND,
    SPEAK,
    TAKE,
    TALK_MODIFIERS,
    TALK_NOUNS,
    VISIT,
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase of one family, with offsets relative to the text it was found in (the sentence)."""

    family: str
    start: int
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def first_word_positions(tokens: Tokens) -> list[int]:
    """The tokens of a whole text a trigger phrase may start with, in order: found once per
    article, and handed to `find_triggers` for each of its sentences."""
    return list(compress(range(len(tokens.norms)), map(ALL_FIRST_WORDS.__contains__, tokens.norms)))


def find_triggers(
    text: str,
    tokens: Tokens,
    first_token: int,
    last_token: int,
    offset: int,
    first_words: list[int] | None = None,
) -> list[Trigger]:
    """The trigger phrases among tokens [first_token, last_token) of a text; offsets are
    given relative to `offset` (the start of the sentence in the article). `first_words`
    are the `first_word_positions` of the whole text, when they are known."""
    norms = tokens.norms
    raws = tokens.raws
    if first_words is None:
        first_words = first_word_positions(tokens)
    found: list[Trigger] = []
    covered = first_token
    for index in range(bisect_left(first_words, first_token), bisect_left(first_words, last_token)):
        position = first_words[index]
        if position < covered:
            continue
        matched = _match_at(norms, raws, position, last_token)
        if matched is None:
            continue
        family, end = matched
        start_char = tokens.starts[position]
        end_char = tokens.ends[end - 1]
        found.append(Trigger(family, start_char - offset, end_char - offset, text[start_char:end_char]))
        covered = end
    return found


def _match_at(norms: tuple[str, ...], raws: tuple[str, ...], at: int, stop: int) -> tuple[str, int] | None:
    """(family, end token) of the trigger phrase starting at token `at` (before `stop`), if any."""
    # Words past the sentence's last token read as "" (no phrase runs on into the next sentence).
    current = norms[at]
    following = norms[at + 1] if at + 1 < stop else ""
    after_that = norms[at + 2] if at + 2 < stop else ""
    # phone
    if current in PHONE_NOUNS and following in CALL_WORDS:
        return "phone", at + 2
    if current in ("phoned", "telephoned"):
        return "phone", at + 1
    if current == "by" and following in ("phone", "telephone"):
        return "phone", at + 2
    if current in ("on", "over") and following == "the" and after_that in ("phone", "telephone"):
        return "phone", at + 3
    if current in CALL_DETERMINERS and following == "call" and after_that not in NOT_A_PHONE_CALL_AFTER:
        return "phone", at + 2
    if (
        current in ("in", "during")
        and following in ("a", "the")
        and after_that == "call"
        and (norms[at + 3] if at + 3 < stop else "") not in NOT_A_PHONE_CALL_AFTER
    ):
        return "phone", at + 3
    if current == "call" and following in ("between", "with", "from"):
        return "phone", at + 2
    if (
        current == "called"
        and following
        and following not in CALLED_NOT_FOLLOWED_BY
        and (
            following in ("his", "her", "their")
            or (following == "the" and after_that not in CALLED_OBJECT_NOUNS)
            or raws[at + 1][:1].isupper()
        )
    ):
        return "phone", at + 1
    # mediate
    if current in MEDIATION:
        return "mediate", at + 1
    if current == "good" and following == "offices":
        return "mediate", at + 2
    if current in INVITE:
        return "invite", at + 1
    if current in HOST:
        return "host", at + 1
    if current in SEND:
        return "send", at + 1
    # visit
    if current in VISIT:
        return "visit", at + 1
    if current in LANDED_IN and following == "in":
        return "visit", at + 2
    if current in MOTION_TO and following == "to":
        return "visit", at + 2
    # attend
    if current in ATTEND:
        return "attend", at + 1
    if current in PARTICIPATE and following == "in":
        return "attend", at + 2
    if current in TAKE and following == "part":
        return "attend", at + 2
    if current in SPEAK and following == "at":
        return "attend", at + 2
    # meet
    if current in MEET:
        return "meet", at + 1
    if current in HOLDING or (current in ("in", "at") and following == "their"):
        index = at + 1
        while index < stop and index - at <= 4 and norms[index] in TALK_MODIFIERS:
            index += 1
        if index < stop and norms[index] in TALK_NOUNS:
            return "meet", index + 1
    if current in TALK_NOUNS and following in ("with", "between"):
        return "meet", at + 2
    if current == "gathering" and following == "in":
        return "meet", at + 2
    if current == "brought" and following == "together":
        return "meet", at + 2
    if current == "press" and following == "conference" and after_that == "with":
        return "meet", at + 3
    if current == "sat" and following == "down" and after_that == "with":
        return "meet", at + 3
    # event
    if current in EVENT_NOUNS:
        return "event", at + 1
    if current == "contact" and following == "group":
        return "event", at + 2
    if current == "meeting" and following == "of":
        return "event", at + 2
    return None
