"""The handlers of triggers of travel told from the traveller's side: visits and arrivals, and
delegations sent (the host's side, guests received and invitations, is `guests.py`).

Source: one prepared sentence and one trigger of the `visit` or `send` family.
Grain: `visit` reports.
"""

from __future__ import annotations

import re
from dataclasses import replace

from orchestration.coding.contacts.cues import (
    DEFINITE,
    FOLLOWED_BY,
    LIST_GAP,
    SINGLE_PRONOUN,
    VERB_AFTER_VISIT_NOUN,
    VISITING_AS_ADJECTIVE_AFTER,
)
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.parties import (
    actor_after_by_or_of,
    actors_in,
    antecedent_place,
    clause_around,
    demonym_country,
    nearest_subject_before,
    place_after,
    place_of_clause,
    possessor_before,
    resolve_pronoun,
    subjects_before,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport, Party, Place
from orchestration.coding.contacts.reporting import visit_report
from orchestration.coding.contacts.status import score_confidence, status_of, window_of
from orchestration.coding.triggers import Trigger


def code_visit(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """The traveller and the place or host visited; "his visit" without a place is the last visit of that traveller."""
    word = trigger.text.lower()
    text = sentence.text
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    before = text[: trigger.start]
    nominal = word in ("visit", "visits", "trip", "trips", "tour", "arrival") and not re.search(
        r"\b(?:will|to|would|may|might|could|can|shall|not|also|then)\s+$", before, re.IGNORECASE
    )
    place = None
    host_actor = None
    if word == "visiting" and not VISITING_AS_ADJECTIVE_AFTER.search(before):
        guest = next((actor for actor in sentence.actors if actor.start >= trigger.end), None)
        gap = text[trigger.end : guest.start].strip() if guest is not None else ""
        # "the visiting Jordanian King": a demonym may stand between the participle and the guest.
        if gap and (guest is None or demonym_country(gap, memory.gazetteer) != guest.country):
            guest = None
        if guest is not None and guest.kind in ("person", "role", "delegation"):
            return _visiting_guest(memory, sentence, trigger, guest, clause_start, clause_end)
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
        if nominal and place is not None and VERB_AFTER_VISIT_NOUN.search(text, trigger.end, place.start):
            place = None
    if place is None and host_actor is None:
        place = antecedent_place(sentence, clause_start)
    traveller = None
    if nominal:
        traveller = possessor_before(sentence, trigger.start, memory.previous_persons) or actor_after_by_or_of(
            sentence, trigger.end, clause_end
        )
    destination = place.country if place else (host_actor.country if host_actor else None)
    if traveller is None:
        traveller = nearest_subject_before(sentence, clause_start, trigger.start, exclude_country=destination)
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
        visit_report(
            memory.article_id,
            sentence,
            status,
            traveller,
            host,
            destination,
            place,
            window,
            trigger.span,
            confidence,
            inherited=inherited,
        )
    ]
    if place is not None and not nominal and not inherited:
        # "has been to Jordan and Turkiye", "visited Qatar, Saudi Arabia and Lebanon": one visit per destination.
        reports += [
            visit_report(
                memory.article_id,
                sentence,
                status,
                traveller,
                None,
                listed.country,
                listed,
                window,
                trigger.span,
                confidence - 0.1,
            )
            for listed in _listed_after(sentence, place, clause_end)
            if listed.country not in (traveller.country, destination)
        ]
    followed = FOLLOWED_BY.search(text, trigger.end, clause_end)
    if followed and word.startswith("arriv"):
        for other in actors_in(sentence, followed.end(), clause_end):
            if other.country not in (destination, traveller.country) and other.kind in ("person", "role"):
                reports.append(
                    visit_report(
                        memory.article_id,
                        sentence,
                        status,
                        other,
                        host,
                        destination,
                        place,
                        window,
                        (followed.start(), other.end),
                        confidence - 0.1,
                    )
                )
    return reports


def _listed_after(sentence: PreparedSentence, first: Place, clause_end: int) -> list[Place]:
    """The places that follow `first` in one list ("Jordan, Qatar and Turkiye")."""
    listed, previous = [], first
    for place in sentence.places:
        if place.start < previous.end or place.start >= clause_end:
            continue
        if not LIST_GAP.match(sentence.text[previous.end : place.start]):
            break
        listed.append(place)
        previous = place
    return listed


def _visiting_guest(
    memory: ArticleMemory,
    sentence: PreparedSentence,
    trigger: Trigger,
    guest: Party,
    clause_start: int,
    clause_end: int,
) -> list[ContactReport | None]:
    """ "welcomed the visiting Syrian president in Amman": the guest travelled to the place
    of the clause, or else to the state of the host named before it."""
    place = place_of_clause(sentence, clause_start, clause_end, trigger.end)
    host = next(
        (
            actor
            for actor in reversed(actors_in(sentence, clause_start, trigger.start))
            if actor.country != guest.country and actor.kind not in ("country", "capital")
        ),
        None,
    )
    destination = place.country if place and place.country != guest.country else host.country if host else None
    if destination is None:
        return []
    status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, guest)
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=False,
        named=bool(guest.actor_id),
        explicit_place=place is not None,
        dated=not window.is_empty,
        inherited=False,
    )
    host = host if host and host.country == destination else None
    return [
        visit_report(
            memory.article_id, sentence, status, guest, host, destination, place, window, trigger.span, confidence
        )
    ]


def code_send(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A delegation or envoy sent by a state to a place."""
    text = sentence.text
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
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
        visit_report(
            memory.article_id, sentence, status, traveller, host, place.country, place, window, trigger.span, confidence
        )
    ]
