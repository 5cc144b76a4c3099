"""The handlers of Arabic cues: who the parties are in verb-first order, where the contact
took place, and whether it happened, is planned or was refused.

Source: one prepared Arabic sentence and a trigger of `triggers_arabic.py`. Grain: at most
one `ContactReport` per trigger.

Parties: a capital or a name after "في" is a place, except as the destination of a visit.
A verb's subject is the name right before it ("ترامب يلتقي ...") or else the first
name after it; its object is the next name of another state. A noun's party is the name
before it when a light verb carries it ("أجرى الرئيس ... اتصالا هاتفيا مع ..."), else the
name right after it (the genitive: "زيارة الرئيس التركي إلى بغداد"); a pronoun suffix
("زيارته لدمشق") leaves it to the first name of the sentence of another state.
Kind: a meeting or a reception in the state of one party is a visit of the other to it; in
a third state it is a third-location meeting; a meeting with no place named is not coded.
"""

from __future__ import annotations

from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport, Party, Place
from orchestration.coding.contacts.reporting import build_report, visit_report
from orchestration.coding.contacts.status import score_confidence, window_of
from orchestration.coding.cues_arabic import (
    NEGATIONS,
    PHONE_ADVERBS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    PLANNED_AFTER,
    PLANNED_BEFORE,
    REACH_BREAKERS,
    REFUSALS,
    VERB_PARTICLES,
)
from orchestration.coding.tokens import fold, tokenize
from orchestration.coding.triggers import Trigger
from orchestration.coding.triggers_arabic import CueReading, read_trigger, stems_of

# A full stop inside a sentence is one the splitter missed ("روبيو.وكان"): it ends the clause too.
_CLAUSE_ENDS = "؛;."
_WORDS_BEFORE_FOR_STATUS = 6
_GENITIVE_REACH = 2  # words between a noun and the name that depends on it
_PLACE_PHRASE_CHARACTERS = 30  # enough for "في العاصمة" before a name


def _words(text: str) -> list[str]:
    return tokenize(text).norms


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    clause_start = max(text.rfind(mark, 0, start) for mark in _CLAUSE_ENDS) + 1
    ends = [position for mark in _CLAUSE_ENDS if (position := text.find(mark, end)) >= 0]
    return clause_start, min(ends, default=len(text))


def _status(text: str, clause_start: int, clause_end: int, trigger: Trigger, reading: CueReading) -> str:
    """Declined after a negation or a refusal; planned by the future prefix, a word of
    schedule before the cue, or a time to come after it in its clause; else occurred."""
    before = [stems_of(word) for word in _words(text[clause_start : trigger.start])[-_WORDS_BEFORE_FOR_STATUS:]]
    if any(stems & REFUSALS for stems in before) or (before and before[-1] & NEGATIONS):
        return "declined"
    after = [stems_of(word) for word in _words(text[trigger.end : clause_end])]
    if reading.future or any(stems & PLANNED_BEFORE for stems in before):
        return "planned"
    if any(stems & PLANNED_AFTER for stems in after):
        return "planned"
    return "occurred"


def _breaks_reach(word: str) -> bool:
    return word in REACH_BREAKERS or (len(word) > 1 and word[0] == fold("و") and word[1:] in REACH_BREAKERS)


def _reach_end(text: str, start: int, clause_end: int) -> int:
    """Where the names that a cue governs end: at a word that begins another event."""
    tokens = tokenize(text[start:clause_end])
    return next(
        (start + tokens.starts[index] for index, word in enumerate(tokens.norms) if _breaks_reach(word)), clause_end
    )


def _reach_start(text: str, clause_start: int, start: int) -> int:
    """Where the names that may be a noun's subject begin: after the last word that begins another event."""
    tokens = tokenize(text[clause_start:start])
    breakers = [clause_start + tokens.ends[index] for index, word in enumerate(tokens.norms) if _breaks_reach(word)]
    return breakers[-1] if breakers else clause_start


def _other_state(parties: list[Party], start: int, end: int, not_country: str | None) -> Party | None:
    return next(
        (party for party in parties if start <= party.start < end and party.country != not_country),
        None,
    )


def _in_place_phrase(text: str, party: Party) -> bool:
    """Is the name the place of something ("في الرياض", "في العاصمة السعودية") rather than a party?"""
    words = _words(text[max(0, party.start - _PLACE_PHRASE_CHARACTERS) : party.start])
    while words and words[-1] in PLACE_NOUNS:
        words.pop()
    return bool(words) and words[-1] in PLACE_PREPOSITIONS


def _parties(sentence: PreparedSentence, trigger: Trigger, reading: CueReading) -> tuple[Party, Party] | None:
    text = sentence.text
    clause_start, clause_end = _clause(text, trigger.start, trigger.end)
    parties = [
        party
        for party in sentence.actors
        if clause_start <= party.start
        and party.end <= clause_end
        and (reading.cue.family == "visit" or not (party.kind == "capital" or _in_place_phrase(text, party)))
    ]
    reach = _reach_end(text, trigger.end, clause_end)
    right_before = [
        party
        for party in parties
        if party.end <= trigger.start
        and all(word in VERB_PARTICLES for word in _words(text[party.end : trigger.start]))
    ]
    if reading.cue.is_verb:
        subject = right_before[-1] if right_before else _other_state(parties, trigger.end, clause_end, None)
        if subject is None:
            return None
        second = _other_state(parties, max(trigger.end, subject.end), reach, subject.country)
        return (subject, second) if second else None
    after = [party for party in parties if trigger.end <= party.start < reach]
    subject_start = _reach_start(text, clause_start, trigger.start)
    before = [party for party in parties if subject_start <= party.start and party.end <= trigger.start]
    if before and not reading.owned:
        # The subject of a light verb ("أجرى الرئيس ... مباحثات مع ..."): the other party follows the noun.
        second = _other_state(parties, trigger.end, reach, before[0].country)
        return (before[0], second) if second else None
    genitive = (
        after[0]
        if after and not reading.owned and len(_words(text[trigger.end : after[0].start])) <= _GENITIVE_REACH
        else None
    )
    if genitive is not None:
        second = _other_state(parties, genitive.end, reach, genitive.country)
        return (genitive, second) if second else None
    second = after[0] if after else None
    if second is None:
        return None
    owner = _other_state(parties, clause_start, trigger.start, second.country) or _other_state(
        parties, second.end, clause_end, second.country
    )
    return (owner, second) if owner else None


def _place(sentence: PreparedSentence, trigger: Trigger) -> Place | None:
    """The city the clause names nearest after the cue and within its reach, else before it."""
    text = sentence.text
    clause_start, clause_end = _clause(text, trigger.start, trigger.end)
    reach = _reach_end(text, trigger.end, clause_end)
    cities = [place for place in sentence.places if place.city and clause_start <= place.start < reach]
    after = [place for place in cities if place.start >= trigger.end]
    return after[0] if after else (cities[-1] if cities else None)


def _report(
    memory: ArticleMemory,
    sentence: PreparedSentence,
    trigger: Trigger,
    kind: str,
    first: Party,
    second: Party,
    place: Place | None,
    reading: CueReading,
) -> ContactReport | None:
    text = sentence.text
    clause_start, clause_end = _clause(text, trigger.start, trigger.end)
    status = _status(text, clause_start, clause_end, trigger, reading)
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=reading.cue.is_verb,
        named=first.kind == "person" or second.kind == "person",
        explicit_place=place is not None,
        dated=not window.is_empty,
        inherited=False,
    )
    if kind == "visit":
        return visit_report(
            memory.article_id, sentence, status, first, second, second.country, place, window, trigger.span, confidence
        )
    return build_report(
        memory.article_id,
        sentence,
        kind,
        status,
        first,
        second,
        second.country,
        set(),
        place,
        window,
        trigger.span,
        confidence,
    )


def _by_phone(text: str, trigger: Trigger) -> bool:
    """Were the talks of a verb held by telephone ("بحث ... هاتفيا مع ...")?"""
    clause_end = _clause(text, trigger.start, trigger.end)[1]
    return any(
        stems_of(word) & PHONE_ADVERBS for word in _words(text[trigger.end : _reach_end(text, trigger.end, clause_end)])
    )


def _meeting_kind(first: Party, second: Party, place: Place | None) -> tuple[str, Party, Party] | None:
    """A meeting in one party's state is the other's visit; in a third state, a third-location meeting."""
    if place is None:
        return None
    if place.country == first.country:
        return "visit", second, first
    if place.country == second.country:
        return "visit", first, second
    return "third_location_meeting", first, second


def code_arabic(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """The contact an Arabic cue reports, by its family."""
    reading = read_trigger(sentence.text, trigger)
    # A cue read inside a name is part of the name ("فيصل" is not "ف" + "يصل").
    inside_a_name = any(party.start <= trigger.start < party.end for party in sentence.actors)
    parties = _parties(sentence, trigger, reading) if reading and not inside_a_name else None
    if reading is None or parties is None:
        return []
    first, second = parties
    family = reading.cue.family
    place = _place(sentence, trigger)
    if family == "meet" and _by_phone(sentence.text, trigger):
        family = "phone"
    if family == "phone":
        return [_report(memory, sentence, trigger, "phone_call", first, second, None, reading)]
    if family == "visit":
        destination_place = place if place is not None and place.country == second.country else None
        return [_report(memory, sentence, trigger, "visit", first, second, destination_place, reading)]
    # A host receives a guest: the guest travels, unless both meet in a third state.
    if family == "host" and (place is None or place.country == first.country):
        return [_report(memory, sentence, trigger, "visit", second, first, place, reading)]
    meeting = _meeting_kind(first, second, place)
    if meeting is None:
        return []
    kind, actor, counterpart = meeting
    return [_report(memory, sentence, trigger, kind, actor, counterpart, place, reading)]
