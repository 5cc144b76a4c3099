"""Who and where around a trigger: its clause, its subject and objects, the owner of a
trigger noun, the person a pronoun stands for and the place named after it.

Source: one prepared sentence; offsets are relative to it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from orchestration.coding.contacts.cues import (
    CLAUSE_BREAK,
    LIST_GAP,
    NON_ACTOR_HEADS,
    POSSESSIVE_PRONOUN,
    REGION_DESTINATION,
    TOPIC_STOP,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import Party, Place
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.tokens import fold

_OBJECT_REACH = 110


def clause_around(sentence: PreparedSentence, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end] of the sentence: between the nearest clause breaks."""
    text = sentence.text
    clause_start, clause_end = 0, len(text)
    asides = sentence.asides
    for match in CLAUSE_BREAK.finditer(text):
        if any(aside_start <= match.start() < aside_end for aside_start, aside_end in asides):
            continue
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


def actors_in(sentence: PreparedSentence, start: int, end: int) -> list[Party]:
    return [actor for actor in sentence.actors if start <= actor.start < end]


def place_after(sentence: PreparedSentence, position: int, limit: int, reach: int = 120) -> Place | None:
    """The first place after `position` (within `reach` characters) named after a preposition,
    unless a region ("to the Middle East") comes first."""
    region = REGION_DESTINATION.search(sentence.text, position, limit)
    for place in sentence.places:
        if place.governed and position <= place.start < limit and place.start - position <= reach:
            return None if region and region.start() < place.start else place
    return None


_RELATIVE_WHERE = re.compile(r"\s*where\b", re.IGNORECASE)


def antecedent_place(sentence: PreparedSentence, clause_start: int) -> Place | None:
    """ "flying in from Saudi Arabia, where he made his first trip abroad": a clause opened by
    "where" happens at the place or state named right before it."""
    if not _RELATIVE_WHERE.match(sentence.text, clause_start):
        return None

    def right_before(end: int) -> bool:
        return end <= clause_start and not sentence.text[end:clause_start].strip(" ,")

    place = next((place for place in sentence.places if right_before(place.end)), None)
    if place is not None:
        return place
    state = next(
        (actor for actor in sentence.actors if actor.kind in ("country", "capital") and right_before(actor.end)),
        None,
    )
    if state is None:
        return None
    city = state.name if state.kind == "capital" else None
    return Place(state.start, state.end, city, state.country, state.name, True)


def place_of_clause(sentence: PreparedSentence, start: int, end: int, around: int) -> Place | None:
    after = place_after(sentence, around, end)
    if after:
        return after
    # "met with A, B's minister, C and D, in Damascus": a place that closes the clause, however long the list.
    closing = next(
        (
            place
            for place in sentence.places
            if place.governed and around <= place.start < end and not sentence.text[place.end : end].strip(" .,;:")
        ),
        None,
    )
    if closing:
        return closing
    before = [place for place in sentence.places if place.governed and start <= place.start < around]
    return before[-1] if before else None


def resolve_pronoun(sentence: PreparedSentence, position: int, previous_persons: list[Party]) -> Party | None:
    """ "he", "his": the last person named before, in this sentence or an earlier one
    (a person from an earlier sentence has no offsets in this one)."""
    before = [person for person in sentence.persons if person.end <= position]
    if before:
        return before[-1]
    return replace(previous_persons[-1], start=-1, end=-1) if previous_persons else None


def subjects_before(
    sentence: PreparedSentence, clause_start: int, trigger_start: int, exclude_country: str | None = None
) -> list[Party]:
    """The subject of the trigger: the nearest actor before it in its clause, with any actors
    coordinated with it ("X and Y held talks"), unless it only qualifies a non-actor noun
    ("the first shipment of wheat provided by the Iraqi government arrived")."""
    asides = [(start, end) for start, end in sentence.asides if end <= trigger_start]
    candidates = [
        actor
        for actor in actors_in(sentence, clause_start, trigger_start)
        if actor.country != exclude_country and not any(start <= actor.start < end for start, end in asides)
    ]
    if not candidates:
        return []
    chosen = [candidates[-1]]
    lead = sentence.text[clause_start : chosen[0].start]
    if NON_ACTOR_HEADS.search(lead) and re.search(r"\b(?:by|of|from)\s+(?:the\s+)?$", lead, re.IGNORECASE):
        return []
    for earlier in reversed(candidates[:-1]):
        # One role phrase of two states ("the Iraqi and Syrian foreign ministers") or a list.
        if earlier.start == chosen[0].start or LIST_GAP.match(sentence.text[earlier.end : chosen[0].start]):
            chosen.insert(0, earlier)
        else:
            break
    return chosen


def nearest_subject_before(
    sentence: PreparedSentence, clause_start: int, trigger_start: int, exclude_country: str | None = None
) -> Party | None:
    """The one actor of the trigger's subject nearest to it (the last of those coordinated)."""
    subjects = subjects_before(sentence, clause_start, trigger_start, exclude_country)
    return subjects[-1] if subjects else None


def objects_after(sentence: PreparedSentence, position: int, clause_end: int) -> list[Party]:
    """Actors after the trigger up to the topic of the talks ("... on border security")."""
    limit = min(clause_end, position + _OBJECT_REACH)
    stop = TOPIC_STOP.search(sentence.text, position, limit)
    if stop:
        limit = stop.start()
    return actors_in(sentence, position, limit)


def possessor_before(sentence: PreparedSentence, trigger_start: int, previous_persons: list[Party]) -> Party | None:
    """ "Shatri's visit", "his second visit", "Iraq's mediation": who the trigger noun belongs to."""
    for actor in reversed(sentence.actors):
        if (
            actor.end <= trigger_start
            and trigger_start - actor.end <= 30
            and re.match(r"^['’]s?\s+(?:[\w-]+\s+){0,2}$", sentence.text[actor.end : trigger_start])
        ):
            return actor
    pronoun = POSSESSIVE_PRONOUN.search(sentence.text[max(0, trigger_start - 40) : trigger_start])
    if pronoun:
        return resolve_pronoun(
            sentence, trigger_start - 40 + pronoun.start() if trigger_start >= 40 else pronoun.start(), previous_persons
        )
    return None


def actor_after_by_or_of(sentence: PreparedSentence, position: int, limit: int) -> Party | None:
    """ "a visit to Iraq by X", "the visit of X to Y": the actor after "by" or "of"."""
    for match in re.finditer(r"\b(?:by|of)\s+", sentence.text[position:limit], re.IGNORECASE):
        start = position + match.end()
        for actor in sentence.actors:
            if start <= actor.start <= start + 60 and actor.start < limit:
                return actor
    return None


def demonym_country(word: str, gazetteer: Gazetteer) -> str | None:
    for entry in gazetteer.index.get((fold(word),), ()):
        if entry.kind in ("demonym", "country") and entry.country:
            return entry.country
    return None
