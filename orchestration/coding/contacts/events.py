"""Summits, conferences and meetings named in a sentence: their name, their place and
whether states meet there (what "the event" and "the summit" later refer to).

Source: one prepared sentence; offsets are relative to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.coding.contacts.parties import place_after
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import Place
from orchestration.coding.dates import DateWindow

_HOSTED_BY = re.compile(r"(?:\s+\w+){0,3}\s+hosted\s+by\s+", re.IGNORECASE)


@dataclass(slots=True)
class NamedEvent:
    """A summit, conference or meeting named in the article (for "the event", "the summit")."""

    sentence_number: int
    name: str
    place: Place
    window: DateWindow


def name_of_event(text: str, start: int, end: int) -> str:
    """ "34th Arab League summit", "World Governments Summit": the noun at [start, end) with its modifiers."""
    before = re.search(r"((?:[A-Z0-9][\w'’-]*\s+|of\s+|the\s+){0,6})$", text[:start])
    name = ((before.group(1) if before else "") + text[start:end]).strip()
    return re.sub(r"^(?:the|The)\s+", "", name)


def is_intergovernmental(name: str | None) -> bool:
    """Summits and ministerials meet states; a think-tank or press conference does not."""
    lowered = (name or "").lower()
    return not any(word in lowered for word in ("think tank", "press", "news", "academic", "business", "investment"))


def event_place_near(sentence: PreparedSentence, start: int, end: int, limit: int) -> Place | None:
    """Where the event named at [start, end) is held: a place just after it (before `limit`),
    its host ("hosted by Baghdad") or a place just before it ("the Baghdad summit")."""
    after = place_after(sentence, end, limit, 40)
    if after:
        return after
    hosted = _HOSTED_BY.match(sentence.text, end)
    if hosted:
        host = next(
            (
                actor
                for actor in sentence.actors
                if actor.start == hosted.end() and actor.kind in ("capital", "country")
            ),
            None,
        )
        if host is not None:
            return Place(
                host.start, host.end, host.name if host.kind == "capital" else None, host.country, host.name, True
            )
    return next((place for place in reversed(sentence.places) if place.end <= start and start - place.end <= 3), None)
