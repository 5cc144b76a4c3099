"""The handlers of triggers of summits and conferences: a state attending one, and one being held.

Source: one prepared sentence and one trigger of the `attend` or `event` family. Grain:
`multilateral_meeting` reports (and `visit` refusals to attend).
"""

from __future__ import annotations

import re

from orchestration.coding.contacts.cues import (
    DECLINED,
    EVENT_HOLDING_FUTURE,
    EVENT_HOLDING_PAST,
    EVENT_NOUN,
    HOST_SUBJECT,
    NEIGHBOURS,
    NOT_AN_EVENT,
    PAST_ADJECTIVE,
    PLANNED_ADJECTIVE,
    SINGLE_PRONOUN,
)
from orchestration.coding.contacts.events import event_place_near, is_intergovernmental, name_of_event
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.parties import (
    actor_after_by_or_of,
    clause_around,
    nearest_subject_before,
    objects_after,
    possessor_before,
    resolve_pronoun,
    subjects_before,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport
from orchestration.coding.contacts.reporting import build_report, hosted_meeting_report, visit_report
from orchestration.coding.contacts.status import score_confidence, status_of, window_of
from orchestration.coding.triggers import Trigger


def code_attend(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A state attending (or declining) a summit or conference hosted by another."""
    text = sentence.text
    word = trigger.text.lower()
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    place, event_name, event_match = memory.referenced_event(sentence, trigger.end, clause_end)
    if event_match is None:
        earlier = [m for m in EVENT_NOUN.finditer(text, 0, trigger.start) if not NOT_AN_EVENT.search(text[: m.start()])]
        if not earlier:
            return []
        place, event_name, event_match = memory.referenced_event(sentence, earlier[-1].start(), len(text))
    if place is None or not is_intergovernmental(event_name):
        return []
    host_country = place.country
    attendee = None
    if word.startswith("represent") and re.match(r"\s+by\b", text[trigger.end :], re.IGNORECASE):
        attendee = next((actor for actor in sentence.actors if trigger.end < actor.start <= trigger.end + 40), None)
    if attendee is None and word == "absence":
        attendee = possessor_before(sentence, trigger.start, memory.previous_persons) or actor_after_by_or_of(
            sentence, trigger.end, clause_end
        )
    if attendee is None and word == "absent":
        attendee = next(
            (
                actor
                for actor in reversed(sentence.actors)
                if actor.end <= trigger.start and trigger.start - actor.end <= 12
            ),
            None,
        )
    if attendee is None:
        attendee = nearest_subject_before(sentence, clause_start, trigger.start, exclude_country=host_country)
    if attendee is None and SINGLE_PRONOUN.search(text[clause_start : trigger.start]):
        attendee = resolve_pronoun(sentence, trigger.start, memory.previous_persons)
    if attendee is None and word.startswith(("speaking", "attending")) and trigger.start - clause_start <= 2:
        attendee = next((actor for actor in sentence.actors if actor.start > event_match.end()), None)
    if attendee is None or attendee.country == host_country:
        return []
    located = place if place.start >= 0 or place.city else None
    near_start = attendee.end if attendee.end <= trigger.start else trigger.start - 40
    declined = bool(DECLINED.search(text[max(clause_start, near_start) : trigger.end + 5]))
    status = (
        "declined" if declined else status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, attendee)
    )
    if status == "declined" and not declined:
        return []
    window = window_of(sentence, clause_start, len(text), trigger.start, trigger.end, status, memory.published)
    if window.is_empty:
        window = memory.event_window(place)
    confidence = score_confidence(
        verbal=True,
        named=bool(attendee.actor_id),
        explicit_place=place.start >= 0,
        dated=not window.is_empty,
        inherited=place.start < 0,
    )
    if declined:
        return [
            visit_report(
                memory.article_id,
                sentence,
                "declined",
                attendee,
                None,
                host_country,
                located,
                window,
                trigger.span,
                confidence,
            )
        ]
    host = memory.country_party(host_country)
    return [
        build_report(
            memory.article_id,
            sentence,
            "multilateral_meeting",
            status,
            host,
            attendee,
            attendee.country,
            {host_country, attendee.country},
            located,
            window,
            trigger.span,
            confidence,
            event_name,
        )
    ]


def code_event(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A summit, conference or meeting of states being held, with its host and members."""
    text = sentence.text
    if NOT_AN_EVENT.search(text[: trigger.start]):
        return []
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    name = name_of_event(text, trigger.start, trigger.end)
    if not is_intergovernmental(name):
        return []
    clause = text[clause_start:clause_end]
    before = text[max(clause_start, trigger.start - 60) : trigger.start]
    if EVENT_HOLDING_FUTURE.search(clause) or PLANNED_ADJECTIVE.search(before):
        status = "planned"
    elif EVENT_HOLDING_PAST.search(clause) or PAST_ADJECTIVE.search(before):
        status = "occurred"
    else:
        return []
    place = event_place_near(sentence, trigger.start, trigger.end, clause_end)
    if place is not None and not place.governed and text[place.end : trigger.start].strip() != "":
        place = None
    host_subject = HOST_SUBJECT.search(text[clause_start : trigger.start])
    host_country = place.country if place else None
    if host_subject:
        hosts = subjects_before(sentence, clause_start, clause_start + host_subject.start())
        if hosts:
            host_country = hosts[-1].country
    if host_country is None:
        return []
    participants = {host_country}
    if trigger.text.lower().startswith("meeting"):
        members = objects_after(sentence, trigger.end, clause_end)
        participants |= {member.country for member in members}
        for member in members:
            if NEIGHBOURS.match(text[member.end :]):
                participants |= memory.gazetteer.neighbours.get(member.country, frozenset())
        if len(participants) < 3:
            return []
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    host = memory.country_party(host_country, trigger.start, trigger.end)
    confidence = (
        score_confidence(
            verbal=False, named=False, explicit_place=place is not None, dated=not window.is_empty, inherited=False
        )
        - 0.1
    )
    return [
        hosted_meeting_report(
            memory.article_id,
            sentence,
            "multilateral_meeting",
            status,
            host,
            participants,
            place,
            window,
            trigger.span,
            confidence,
            name,
        )
    ]
