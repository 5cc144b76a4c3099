"""The status, date window and confidence of a contact report, from the words of its clause.

Source: one prepared sentence and the span of its trigger; dates resolve against the
publication date (see `dates/`).
"""

from __future__ import annotations

import datetime as dt
import re

from orchestration.coding.contacts.cues import (
    DATED_OTHER_EVENT,
    DECLINED,
    OTHER_EVENT,
    PLANNED,
    PLANNED_ADJECTIVE,
    REPORTING_VERB,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import Party
from orchestration.coding.dates import EMPTY, DateWindow, resolve

_MAX_DATE_DISTANCE = 90
_INFINITIVE_AFTER_SUBJECT = re.compile(r"\s+to\s+(?!(?:the|a|an)\b)[a-z]+\b")
# "has been to Jordan on his tour and will return on Saturday": a date after a second
# predicate dates that predicate, not the trigger.
_SECOND_PREDICATE = re.compile(r"\band\s+(?:will|would|is|was|has|had|then|later)\b", re.IGNORECASE)


def status_of(
    sentence: PreparedSentence,
    clause_start: int,
    clause_end: int,
    trigger_start: int,
    trigger_end: int,
    actor: Party | None,
) -> str:
    """Declined near its actor and trigger, planned in the clause up to just after the trigger, else occurred."""
    near_start = max(clause_start, actor.end if actor and actor.end <= trigger_start else trigger_start - 60)
    if DECLINED.search(sentence.text[near_start : min(clause_end, trigger_end + 40)]):
        return "declined"
    if PLANNED.search(sentence.text[clause_start : min(clause_end, trigger_end + 25)]):
        return "planned"
    # "Iraq to participate in ...", "Trump to host al-Sharaa in first-ever visit": a clause whose
    # subject is followed by "to" and a verb is the headline's future.
    subject = next((party for party in sentence.actors if clause_start <= party.start < trigger_start), None)
    if (
        subject is not None
        and len(sentence.text[clause_start : subject.start].split()) <= 1
        and _INFINITIVE_AFTER_SUBJECT.match(sentence.text, subject.end)
    ):
        return "planned"
    if PLANNED_ADJECTIVE.search(sentence.text[max(clause_start, trigger_start - 60) : trigger_start]):
        return "planned"
    return "occurred"


def window_of(
    sentence: PreparedSentence,
    clause_start: int,
    clause_end: int,
    trigger_start: int,
    trigger_end: int,
    status: str,
    published: dt.date | None,
) -> DateWindow:
    """The window of the dating phrase nearest the trigger that dates the trigger itself.

    A date of a reporting verb ("said on Monday"), or of another event between it and
    the trigger ("after the ouster of Assad in December"), is not the contact's date.
    """
    direction = "past" if status == "occurred" else "future"
    best: tuple[int, DateWindow] | None = None
    text = sentence.text
    for expression in sentence.dates:
        if expression.end <= trigger_start:
            distance = trigger_start - expression.end
            between = text[expression.end : trigger_start]
            lead = text[max(0, expression.start - 60) : expression.start]
            lead = lead[lead.rfind(",") + 1 :]
            if OTHER_EVENT.search(lead) or re.search(r"[;:]", between):
                continue
        elif expression.start >= trigger_end:
            distance = expression.start - trigger_end
            between = text[trigger_end : expression.start]
            if OTHER_EVENT.search(between) or _SECOND_PREDICATE.search(between):
                continue
        else:
            distance = 0
        if expression.end <= trigger_start and expression.start - clause_start <= 12:
            # "On Thursday, Dec. 26, 2024, an Iraqi delegation ... visited Damascus"
            distance = min(distance, 10)
        if distance > _MAX_DATE_DISTANCE or not clause_start - 40 <= expression.start <= clause_end + 5:
            continue
        if REPORTING_VERB.search(text[max(0, expression.start - 60) : expression.start]):
            continue
        if DATED_OTHER_EVENT.match(text, expression.end):
            continue
        window = resolve(expression, published, direction)
        if published is not None and not window.is_empty:
            if status == "occurred" and window.date_from > published:
                continue
            if status != "occurred" and window.date_to < published:
                continue
        score = distance + (0 if clause_start <= expression.start < clause_end else 100)
        if best is None or score < best[0]:
            best = (score, window)
    return best[1] if best else EMPTY


def score_confidence(*, verbal: bool, named: bool, explicit_place: bool, dated: bool, inherited: bool) -> float:
    score = (
        0.55
        + (0.15 if verbal else 0.0)
        + (0.1 if named else 0.0)
        + (0.1 if explicit_place else 0.0)
        + (0.05 if dated else 0.0)
    )
    if inherited:
        score -= 0.2
    return round(min(max(score, 0.05), 0.99), 2)
