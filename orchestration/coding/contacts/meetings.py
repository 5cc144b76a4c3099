"""The handlers of triggers of meetings between states ("met", "held talks", "talks between")
and of mediation.

Source: one prepared sentence and one trigger of the `meet` or `mediate` family. Grain: `visit`,
`third_location_meeting`, `multilateral_meeting` and `mediation` reports.
"""

from __future__ import annotations

import re

from orchestration.coding.contacts.cues import DURING_A_VISIT, PLURAL_SUBJECT, SINGLE_PRONOUN
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.parties import (
    actors_in,
    clause_around,
    demonym_country,
    nearest_subject_before,
    objects_after,
    place_of_clause,
    possessor_before,
    resolve_pronoun,
    subjects_before,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport, Party, Place
from orchestration.coding.contacts.reporting import build_report, hosted_meeting_report
from orchestration.coding.contacts.status import score_confidence, status_of, window_of
from orchestration.coding.triggers import Trigger


def _kind_for_meeting(
    parties: list[Party], location_country: str | None, during_a_visit: bool
) -> tuple[str, Party, Party | None] | None:
    """Visit, third-location or multilateral meeting from who met and where; a meeting "during a
    visit" with no place named is a visit of the first party (the subject) to the second."""
    countries = list(dict.fromkeys(party.country for party in parties))
    if len(countries) >= 3:
        host = next((party for party in parties if party.country == location_country), parties[0])
        return "multilateral_meeting", host, None
    if len(countries) == 2:
        first = next(party for party in parties if party.country == countries[0])
        second = next(party for party in parties if party.country == countries[1])
        if location_country in countries:
            traveller, host = (second, first) if location_country == countries[0] else (first, second)
            return "visit", traveller, host
        if location_country is not None:
            return "third_location_meeting", first, second
        delegations = [party for party in (first, second) if party.is_delegation]
        if len(delegations) == 1:
            traveller = delegations[0]
            return "visit", traveller, second if traveller is first else first
        if during_a_visit:
            return "visit", first, second
        return None
    if len(countries) == 1 and location_country and location_country != countries[0]:
        return "visit", parties[0], None
    return None


def code_meet(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A meeting of the parties of its clause: a visit, a third-location or a multilateral meeting by who met where."""
    text = sentence.text
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    lowered = trigger.text.lower()
    between = bool(re.search(r"\b(?:between|brought\s+together)\b", lowered))
    verbal = bool(
        re.match(
            r"(?:met|meet|meets|held|hold|holds|holding|had|conducted|conduct|concluded|began|begin|opened|during|in\s+their|at\s+their|brought|sat|gathering)\b",
            lowered,
        )
    )
    subjects = [] if between else subjects_before(sentence, clause_start, trigger.start)
    plural = PLURAL_SUBJECT.search(text[clause_start : trigger.start])
    if not between and plural and (not subjects or subjects[-1].end <= clause_start + plural.start()):
        return _inherited_meeting(memory, sentence, trigger, clause_start, clause_end)
    if (
        not subjects
        and not between
        and (
            SINGLE_PRONOUN.search(text[max(clause_start, trigger.start - 30) : trigger.start])
            or re.search(r"\b(?:where|when)\s+(?:he|she)\s+$", text[: trigger.start], re.IGNORECASE)
        )
    ):
        pronoun = resolve_pronoun(sentence, trigger.start, memory.previous_persons)
        subjects = [pronoun] if pronoun else []
    objects = objects_after(sentence, trigger.end, clause_end)
    parties = subjects + [party for party in objects if party not in subjects]
    place = place_of_clause(sentence, clause_start, clause_end, trigger.end)
    # "was in Damascus in April 2023, when he met Assad": the clause happens where its antecedent does.
    if place is None and re.search(
        r"\b(?:where|when)\b", text[max(0, trigger.start - 25) : trigger.start], re.IGNORECASE
    ):
        place = next((p for p in reversed(sentence.places) if p.governed and p.end <= trigger.start), None)
    if place is None and not verbal:
        # "discussions between Iraq, Turkey and Syria": talk of talks, with no time or place.
        return []
    during_a_visit = bool(DURING_A_VISIT.search(text, trigger.end, clause_end))
    decided = _kind_for_meeting(parties, place.country if place else None, during_a_visit)
    if decided is None:
        return []
    kind, actor, counterpart = decided
    status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, actor)
    if status == "declined":
        return []
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=lowered in ("met", "meet", "meets"),
        named=any(party.actor_id for party in parties),
        explicit_place=place is not None,
        dated=not window.is_empty,
        inherited=False,
    )
    if kind == "multilateral_meeting":
        host_country = place.country if place else actor.country
        host = next((party for party in parties if party.country == host_country), memory.country_party(host_country))
        participants = {party.country for party in parties} | {host_country}
        return [
            hosted_meeting_report(
                memory.article_id, sentence, kind, status, host, participants, place, window, trigger.span, confidence
            )
        ]
    counterpart_country = place.country if kind == "visit" and place else counterpart.country if counterpart else None
    return [
        build_report(
            memory.article_id,
            sentence,
            kind,
            status,
            actor,
            counterpart,
            counterpart_country,
            set(),
            place,
            window,
            trigger.span,
            confidence,
        )
    ]


def _inherited_meeting(
    memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger, clause_start: int, clause_end: int
) -> list[ContactReport | None]:
    """ "they aimed to hold a first meeting in Jordan": the parties of the last meeting named."""
    previous = memory.last_report(sentence, ("multilateral_meeting", "third_location_meeting"))
    if previous is None:
        return []
    place = place_of_clause(sentence, clause_start, clause_end, trigger.end)
    status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, None)
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    participants = set(previous.participant_countries) | ({place.country} if place else set())
    confidence = score_confidence(
        verbal=False, named=False, explicit_place=place is not None, dated=not window.is_empty, inherited=True
    )
    return [
        build_report(
            memory.article_id,
            sentence,
            previous.kind,
            status,
            previous.actor,
            previous.counterpart,
            previous.counterpart_country,
            participants,
            place,
            window,
            trigger.span,
            confidence,
            inherited=True,
        )
    ]


def code_mediate(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A mediator between two or more other states."""
    text = sentence.text
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    mediator = None
    adjective = re.search(r"\b([\w-]+)\s+$", text[: trigger.start])
    if adjective:
        code = demonym_country(adjective.group(1), memory.gazetteer)
        if code:
            mediator = memory.country_party(code, adjective.start(1), adjective.end(1))
    if mediator is None:
        mediator = possessor_before(sentence, trigger.start, memory.previous_persons)
    if mediator is None:
        mediator = nearest_subject_before(sentence, clause_start, trigger.start)
    if mediator is None:
        return []
    between = re.compile(r"\bbetween\s+", re.IGNORECASE).search(text, trigger.end, clause_end)
    if between:
        parties = [
            actor for actor in objects_after(sentence, between.end(), clause_end) if actor.country != mediator.country
        ]
        parties += [
            Party(place.country, None, place.text, place.start, place.end, "country")
            for place in sentence.places
            if between.end() <= place.start < clause_end and place.country != mediator.country
        ]
    else:
        # "Iran has requested Iraq's mediation to reestablish dialogue with the Syrian leadership"
        opening = next(
            (actor for actor in actors_in(sentence, clause_start, trigger.start) if actor.country != mediator.country),
            None,
        )
        parties = ([opening] if opening else []) + [
            actor for actor in objects_after(sentence, trigger.end, clause_end) if actor.country != mediator.country
        ]
    return mediation_between(memory, sentence, trigger, mediator, parties, None, clause_start, clause_end)


def mediation_between(
    memory: ArticleMemory,
    sentence: PreparedSentence,
    trigger: Trigger,
    mediator: Party,
    parties: list[Party],
    place: Place | None,
    clause_start: int,
    clause_end: int,
) -> list[ContactReport | None]:
    """The mediation of `mediator` between the states of `parties` (none unless two or more)."""
    countries = {party.country for party in parties}
    if len(countries) < 2:
        return []
    status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, mediator)
    if status == "declined":
        return []
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=True,
        named=bool(mediator.actor_id),
        explicit_place=place is not None,
        dated=not window.is_empty,
        inherited=False,
    )
    first = min(parties, key=lambda party: party.start)
    return [
        build_report(
            memory.article_id,
            sentence,
            "mediation",
            status,
            mediator,
            first,
            first.country,
            countries | {mediator.country},
            place,
            window,
            trigger.span,
            confidence,
        )
    ]
