"""The report of one contact by one sentence: who took part, and the quote it rests on.

Source: what a handler found in one prepared sentence. Grain: one `ContactReport`, or
none when the contact has not two states (a multi-party one: not one).
"""

from __future__ import annotations

from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import MULTI_PARTY_KINDS, ContactReport, Party, Place
from orchestration.coding.dates import DateWindow


def build_report(
    article_id: str,
    sentence: PreparedSentence,
    kind: str,
    status: str,
    actor: Party,
    counterpart: Party | None,
    counterpart_country: str | None,
    participants: set[str],
    place: Place | None,
    window: DateWindow,
    span: tuple[int, int],
    confidence: float,
    event_name: str | None = None,
    inherited: bool = False,
) -> ContactReport | None:
    if kind in MULTI_PARTY_KINDS:
        participants = {country for country in participants if country}
        if not participants:
            return None
    else:
        if not counterpart_country or counterpart_country == actor.country:
            return None
        participants = {actor.country, counterpart_country}
    # The quote covers the trigger and the parties and place named in this sentence;
    # what a report takes from an earlier sentence is not part of it.
    spans = [span]
    if not inherited:
        spans += [(party.start, party.end) for party in (actor, counterpart) if party is not None and party.start >= 0]
        if place is not None and place.start >= 0:
            spans.append((place.start, place.end))
    quote_start = max(0, min(start for start, _ in spans))
    quote_end = min(len(sentence.text), max(end for _, end in spans))
    return ContactReport(
        article_id=article_id,
        sentence_number=sentence.number,
        sentence=sentence.text,
        char_start=sentence.offset + quote_start,
        char_end=sentence.offset + quote_end,
        kind=kind,
        status=status,
        actor=actor,
        counterpart=counterpart,
        counterpart_country=counterpart_country,
        participant_countries=tuple(sorted(participants)),
        location_city=place.city if place else None,
        location_country=place.country if place else None,
        window=window,
        confidence=confidence,
        event_name=event_name,
        inherited=inherited,
    )


def visit_report(
    article_id: str,
    sentence: PreparedSentence,
    status: str,
    traveller: Party,
    host: Party | None,
    destination: str | None,
    place: Place | None,
    window: DateWindow,
    span: tuple[int, int],
    confidence: float,
    inherited: bool = False,
) -> ContactReport | None:
    """The `visit` report of `traveller` to `destination`, received by `host` when one is named."""
    return build_report(
        article_id,
        sentence,
        "visit",
        status,
        traveller,
        host,
        destination,
        set(),
        place,
        window,
        span,
        confidence,
        inherited=inherited,
    )


def hosted_meeting_report(
    article_id: str,
    sentence: PreparedSentence,
    kind: str,
    status: str,
    host: Party,
    participants: set[str],
    place: Place | None,
    window: DateWindow,
    span: tuple[int, int],
    confidence: float,
    event_name: str | None = None,
) -> ContactReport | None:
    """The report of a meeting of `participants` with `host` as its actor; its counterpart
    country is the first of the other participants."""
    counterpart_country = next(iter(sorted(participants - {host.country})), None)
    return build_report(
        article_id,
        sentence,
        kind,
        status,
        host,
        None,
        counterpart_country,
        participants,
        place,
        window,
        span,
        confidence,
        event_name,
    )
