"""The handlers of triggers of travel told from the host's side: guests received and invitations
(the traveller's side, visits and delegations sent, is `visits.py`).

Source: one prepared sentence and one trigger of the `host` or `invite` family.
Grain: `visit` reports of the guest, and the summit an invitation is to.
"""

from __future__ import annotations

import re

from orchestration.coding.contacts.cues import DECLINED, NEGATED_INVITATION
from orchestration.coding.contacts.events import is_intergovernmental
from orchestration.coding.contacts.meetings import mediation_between
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.parties import (
    actors_in,
    clause_around,
    nearest_subject_before,
    objects_after,
    place_after,
    place_of_clause,
    possessor_before,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport
from orchestration.coding.contacts.reporting import build_report, visit_report
from orchestration.coding.contacts.status import score_confidence, status_of, window_of
from orchestration.coding.triggers import Trigger


def code_host(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A guest received, hosted or welcomed by a host ("was received by" the other way round)."""
    text = sentence.text
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    # "the summit will be hosted by Baghdad", "hosted talks between ...": an event, not a guest;
    # talks (not a summit) between two other states that a third hosts are its mediation.
    event = re.search(
        r"\b(summit|conference|forum|meeting|talks)\b(?:\s+\w+){0,4}\s+$",
        text[max(0, trigger.start - 45) : trigger.start],
        re.IGNORECASE,
    ) or re.match(
        r"\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?(talks|meetings?|summit|conference|negotiations|discussions|forum)\b",
        text[trigger.end :],
        re.IGNORECASE,
    )
    if event:
        if event.group(1).lower() in ("summit", "conference", "forum"):
            return []
        return _hosted_talks(memory, sentence, trigger, clause_start, clause_end)
    if re.match(r",\s*$", text[max(0, trigger.start - 2) : trigger.start]) and re.match(
        r"\s+by\b", text[trigger.end :]
    ):
        # "X met Y in Riyadh, hosted by the Saudi crown prince": the meeting the clause before tells.
        return _hosted_talks(memory, sentence, trigger, 0, clause_end)
    passive = re.search(r"\b(?:was|were|is|are|been|being)\s+$", text[: trigger.start], re.IGNORECASE) and re.match(
        r"\s+by\b", text[trigger.end :], re.IGNORECASE
    )
    if passive:
        guest = nearest_subject_before(sentence, clause_start, trigger.start)
        host = next(iter(actors_in(sentence, trigger.end, min(clause_end, trigger.end + 80))), None)
    else:
        host = nearest_subject_before(sentence, clause_start, trigger.start)
        guest = next(
            (
                actor
                for actor in actors_in(sentence, trigger.end, min(clause_end, trigger.end + 60))
                if (host is None or actor.country != host.country) and len(text[trigger.end : actor.start].split()) <= 2
            ),
            None,
        )
    if guest is None or host is None or guest.country == host.country or (guest.kind == "country" and not passive):
        return []
    place = place_of_clause(sentence, clause_start, clause_end, trigger.end)
    destination = place.country if place else host.country
    if guest.country == destination:
        return []
    status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, host)
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=True,
        named=bool(guest.actor_id or host.actor_id),
        explicit_place=place is not None,
        dated=not window.is_empty,
        inherited=False,
    )
    return [
        visit_report(
            memory.article_id, sentence, status, guest, host, destination, place, window, trigger.span, confidence
        )
    ]


def _hosted_talks(
    memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger, clause_start: int, clause_end: int
) -> list[ContactReport | None]:
    """Talks that a state hosts between two others: its mediation between them.

    The host is the subject ("Oman hosted talks between ...") or the actor after "by" ("...,
    hosted by the emir"); the parties are the other states of the sentence up to the clause's end.
    """
    text = sentence.text
    by = re.match(r"\s+by\s+", text[trigger.end :])
    if by:
        host = next(iter(actors_in(sentence, trigger.end + by.end(), min(clause_end, trigger.end + 80))), None)
    else:
        host = nearest_subject_before(sentence, clause_start, trigger.start)
    if host is None:
        return []
    parties = [
        actor
        for actor in actors_in(sentence, clause_start, clause_end)
        if actor.country != host.country and not (by and actor.start > trigger.end)
    ]
    place = place_of_clause(sentence, clause_start, clause_end, trigger.end)
    if place is not None and place.country != host.country:
        return []
    return mediation_between(memory, sentence, trigger, host, parties, place, clause_start, clause_end)


def code_invite(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A planned visit of the invitee to the inviter's country or the event invited to (declined when refused)."""
    text = sentence.text
    if NEGATED_INVITATION.search(text[max(0, trigger.start - 25) : trigger.start]):
        return []
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    word = trigger.text.lower()
    if word.startswith("invitation"):
        inviter = possessor_before(sentence, trigger.start, memory.previous_persons)
        source = re.compile(r"\s*from\s+", re.IGNORECASE).match(text, trigger.end)
        if source:
            inviter = next(
                (actor for actor in sentence.actors if source.end() <= actor.start <= source.end() + 30), inviter
            )
        recipient = re.compile(r"\s*(?:for|to)\s+", re.IGNORECASE).match(text, trigger.end)
        invitee = (
            next((actor for actor in sentence.actors if recipient.end() <= actor.start <= recipient.end() + 40), None)
            if recipient
            else None
        )
        if invitee is None:
            invitee = nearest_subject_before(
                sentence, clause_start, trigger.start, exclude_country=inviter.country if inviter else None
            )
    else:
        inviter = nearest_subject_before(sentence, clause_start, trigger.start)
        invitee = next(
            (
                actor
                for actor in objects_after(sentence, trigger.end, min(clause_end, trigger.end + 50))
                if inviter is None or actor.country != inviter.country
            ),
            None,
        )
    if invitee is None or inviter is None or invitee.country == inviter.country:
        return []
    place, event_name, event_match = memory.referenced_event(sentence, trigger.end, len(text))
    if place is None:
        place = place_after(sentence, trigger.end, clause_end)
    destination = place.country if place else inviter.country
    if destination == invitee.country:
        return []
    status = "declined" if DECLINED.search(text[trigger.end :]) else "planned"
    window = window_of(sentence, clause_start, len(text), trigger.start, trigger.end, status, memory.published)
    if window.is_empty and place is not None and event_match is not None:
        window = memory.event_window(place)
    located = place if (place is not None and place.start >= 0) or (place is not None and place.city) else None
    confidence = score_confidence(
        verbal=True,
        named=bool(invitee.actor_id),
        explicit_place=place is not None and place.start >= 0,
        dated=not window.is_empty,
        inherited=False,
    )
    reports = [
        visit_report(
            memory.article_id,
            sentence,
            status,
            invitee,
            inviter,
            destination,
            located,
            window,
            trigger.span,
            confidence,
        )
    ]
    if (
        event_match is not None
        and status == "planned"
        and re.search(r"\b(?:summit|conference|forum|ministerial)\b", event_name or "", re.IGNORECASE)
        and is_intergovernmental(event_name)
    ):
        host = memory.country_party(destination)
        reports.append(
            build_report(
                memory.article_id,
                sentence,
                "multilateral_meeting",
                "planned",
                host,
                invitee,
                invitee.country,
                {destination, invitee.country},
                located,
                window,
                trigger.span,
                confidence - 0.1,
                event_name,
            )
        )
    return reports
