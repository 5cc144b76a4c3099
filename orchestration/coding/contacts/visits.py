"""The handlers of triggers of travel to another state: visits and arrivals, delegations sent,
guests received and invitations.

Source: one prepared sentence and one trigger of the `visit`, `send`, `host` or `invite` family.
Grain: `visit` reports (and the summit an invitation is to).
"""

from __future__ import annotations

import re
from dataclasses import replace

from orchestration.coding.contacts.cues import DECLINED, DEFINITE, FOLLOWED_BY, NEGATED_INVITATION, SINGLE_PRONOUN
from orchestration.coding.contacts.events import is_intergovernmental
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.parties import (
    actor_after_by_or_of,
    actors_in,
    clause_around,
    objects_after,
    place_after,
    place_of_clause,
    possessor_before,
    resolve_pronoun,
    subjects_before,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport, Place
from orchestration.coding.contacts.reporting import build_report
from orchestration.coding.contacts.status import score_confidence, status_of, window_of
from orchestration.coding.triggers import Trigger


def code_visit(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """The traveller and the place or host visited; "his visit" without a place is the last visit of that traveller."""
    word = trigger.text.lower()
    text = sentence.text
    clause_start, clause_end = clause_around(text, trigger.start, trigger.end)
    before = text[: trigger.start]
    nominal = word in ("visit", "visits", "trip", "trips", "tour", "arrival") and not re.search(
        r"\b(?:will|to|would|may|might|could|can|shall|not|also|then)\s+$", before, re.IGNORECASE
    )
    place = None
    host_actor = None
    if not nominal and word.startswith(("visit", "tour")):
        # "visited Tehran", "will visit Erdogan": the verb's object is where or whom the
        # traveller visits.
        direct_place = next((p for p in sentence.places if 0 <= p.start - trigger.end <= 2), None)
        direct_actor = next((actor for actor in sentence.actors if 0 <= actor.start - trigger.end <= 5), None)
        if direct_place is not None:
            place = replace(direct_place, governed=True)
        elif direct_actor is not None and direct_actor.kind in ("country", "capital"):
            city = direct_actor.name if direct_actor.kind == "capital" else None
            place = Place(direct_actor.start, direct_actor.end, city, direct_actor.country, direct_actor.name, True)
        else:
            host_actor = direct_actor
    if place is None and host_actor is None:
        place = place_after(sentence, trigger.end, clause_end)
    traveller = None
    if nominal:
        traveller = possessor_before(sentence, trigger.start, memory.previous_persons) or actor_after_by_or_of(
            sentence, trigger.end, clause_end
        )
    destination = place.country if place else (host_actor.country if host_actor else None)
    if traveller is None:
        subjects = subjects_before(sentence, clause_start, trigger.start, exclude_country=destination)
        traveller = subjects[-1] if subjects else None
    if traveller is None and SINGLE_PRONOUN.search(text[clause_start : trigger.start]):
        traveller = resolve_pronoun(sentence, trigger.start, memory.previous_persons)
    if traveller is None and nominal:
        traveller = next(
            (actor for actor in actors_in(sentence, clause_start, clause_end) if actor.country != destination), None
        )
    if traveller is None:
        return []
    inherited = False
    status = None
    if destination is None:
        previous = memory.last_report(sentence, ("visit",), lambda report: report.actor.country == traveller.country)
        if previous is None or (not DEFINITE.search(before) and not re.search(r"['’]s?\s+(?:[\w-]+\s+){0,2}$", before)):
            return []
        destination = previous.counterpart_country
        place = (
            Place(-1, -1, previous.location_city, previous.location_country, "", False)
            if previous.location_country
            else None
        )
        status, inherited = previous.status, True
    if traveller.country == destination:
        return []
    host = host_actor or next(
        (
            actor
            for actor in actors_in(sentence, clause_start, clause_end)
            if actor.country == destination and actor.kind not in ("country", "capital")
        ),
        None,
    )
    if status is None:
        status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, traveller)
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=not nominal,
        named=bool(traveller.actor_id),
        explicit_place=place is not None and not inherited,
        dated=not window.is_empty,
        inherited=inherited,
    )
    reports = [
        build_report(
            memory.article_id,
            sentence,
            "visit",
            status,
            traveller,
            host,
            destination,
            set(),
            place,
            window,
            trigger.span,
            confidence,
            inherited=inherited,
        )
    ]
    followed = FOLLOWED_BY.search(text, trigger.end, clause_end)
    if followed and word.startswith("arriv"):
        for other in actors_in(sentence, followed.end(), clause_end):
            if other.country not in (destination, traveller.country) and other.kind in ("person", "role"):
                reports.append(
                    build_report(
                        memory.article_id,
                        sentence,
                        "visit",
                        status,
                        other,
                        host,
                        destination,
                        set(),
                        place,
                        window,
                        (followed.start(), other.end),
                        confidence - 0.1,
                    )
                )
    return reports


def code_send(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A delegation or envoy sent by a state to a place."""
    text = sentence.text
    clause_start, clause_end = clause_around(text, trigger.start, trigger.end)
    to = re.compile(r"\bto\s+", re.IGNORECASE).search(text, trigger.end, clause_end)
    if to is None:
        return []
    place = place_after(sentence, to.start(), clause_end, 60)
    if place is None:
        return []
    sent = [actor for actor in actors_in(sentence, trigger.end, place.start) if actor.country != place.country]
    senders = subjects_before(sentence, clause_start, trigger.start, exclude_country=place.country)
    if not senders and re.search(r"\b(?:it|they)\s+$", text[: trigger.start], re.IGNORECASE):
        senders = [actor for actor in sentence.actors if actor.end <= trigger.start and actor.country != place.country][
            -1:
        ]
    traveller = sent[0] if sent else (senders[-1] if senders else None)
    if traveller is None:
        return []
    status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, traveller)
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    host = next((actor for actor in actors_in(sentence, place.end, clause_end) if actor.country == place.country), None)
    confidence = score_confidence(
        verbal=True, named=bool(traveller.actor_id), explicit_place=True, dated=not window.is_empty, inherited=False
    )
    return [
        build_report(
            memory.article_id,
            sentence,
            "visit",
            status,
            traveller,
            host,
            place.country,
            set(),
            place,
            window,
            trigger.span,
            confidence,
        )
    ]


def code_host(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A guest received, hosted or welcomed by a host ("was received by" the other way round)."""
    text = sentence.text
    clause_start, clause_end = clause_around(text, trigger.start, trigger.end)
    # "the summit will be hosted by Baghdad", "hosted talks between ...": an event, not a guest.
    if re.search(
        r"\b(?:summit|conference|forum|meeting|talks)\b(?:\s+\w+){0,4}\s+$",
        text[max(0, trigger.start - 45) : trigger.start],
        re.IGNORECASE,
    ):
        return []
    if re.match(
        r"\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:talks|meetings?|summit|conference|negotiations|discussions|forum)\b",
        text[trigger.end :],
        re.IGNORECASE,
    ):
        return []
    passive = re.search(r"\b(?:was|were|is|are|been|being)\s+$", text[: trigger.start], re.IGNORECASE) and re.match(
        r"\s+by\b", text[trigger.end :], re.IGNORECASE
    )
    if passive:
        guests = subjects_before(sentence, clause_start, trigger.start)
        guest = guests[-1] if guests else None
        host = next(iter(actors_in(sentence, trigger.end, min(clause_end, trigger.end + 80))), None)
    else:
        hosts = subjects_before(sentence, clause_start, trigger.start)
        host = hosts[-1] if hosts else None
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
        build_report(
            memory.article_id,
            sentence,
            "visit",
            status,
            guest,
            host,
            destination,
            set(),
            place,
            window,
            trigger.span,
            confidence,
        )
    ]


def code_invite(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A planned visit of the invitee to the inviter's country or the event invited to (declined when refused)."""
    text = sentence.text
    if NEGATED_INVITATION.search(text[max(0, trigger.start - 25) : trigger.start]):
        return []
    clause_start, clause_end = clause_around(text, trigger.start, trigger.end)
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
            subjects = subjects_before(
                sentence, clause_start, trigger.start, exclude_country=inviter.country if inviter else None
            )
            invitee = subjects[-1] if subjects else None
    else:
        inviters = subjects_before(sentence, clause_start, trigger.start)
        inviter = inviters[-1] if inviters else None
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
        build_report(
            memory.article_id,
            sentence,
            "visit",
            status,
            invitee,
            inviter,
            destination,
            set(),
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
