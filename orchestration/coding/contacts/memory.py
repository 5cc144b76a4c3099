"""What the contact coder remembers of one article while it reads it in order: the reports
so far, the events named and the persons named, for anaphora ("the call", "the summit",
"his visit", "he").

Source: the prepared sentences of one article, in order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from orchestration.coding.contacts.cues import EVENT_HOLDING_FUTURE, EVENT_NOUN, NOT_AN_EVENT, PLANNED
from orchestration.coding.contacts.events import NamedEvent, event_place_near, name_of_event
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport, Party, Place
from orchestration.coding.contacts.status import window_of
from orchestration.coding.dates import EMPTY, DateWindow
from orchestration.coding.gazetteer import Gazetteer

# How many sentences back "the call" or "his visit" may refer (twice that for an event).
_ANAPHORA_SENTENCES = 6


class ArticleMemory:
    """The article being coded, and what its earlier sentences reported and named."""

    def __init__(self, article_id: str, published: dt.date | None, gazetteer: Gazetteer):
        self.article_id = article_id
        self.published = published
        self.gazetteer = gazetteer
        self.reports: list[ContactReport] = []
        self.events: list[NamedEvent] = []
        self.previous_persons: list[Party] = []

    def country_party(self, country: str, start: int = -1, end: int = -1) -> Party:
        """A state as a party, by its name in the gazetteer."""
        return Party(country, None, self.gazetteer.country_names.get(country, country), start, end, "country")

    def remember_persons(self, persons: list[Party] | tuple[Party, ...]) -> None:
        self.previous_persons.extend(persons)

    def remember_events(self, sentence: PreparedSentence) -> None:
        """Record the events a sentence names with their place, for "the event", "the summit" later on."""
        for match in EVENT_NOUN.finditer(sentence.text):
            if NOT_AN_EVENT.search(sentence.text[: match.start()]):
                continue
            place = event_place_near(sentence, match.start(), match.end(), len(sentence.text))
            if place is None:
                continue
            upcoming = EVENT_HOLDING_FUTURE.search(sentence.text) or PLANNED.search(sentence.text)
            window = window_of(
                sentence,
                0,
                len(sentence.text),
                match.start(),
                match.end(),
                "planned" if upcoming else "occurred",
                self.published,
            )
            self.events.append(
                NamedEvent(sentence.number, name_of_event(sentence.text, match.start(), match.end()), place, window)
            )

    def referenced_event(
        self, sentence: PreparedSentence, start: int, end: int
    ) -> tuple[Place | None, str | None, re.Match | None]:
        """The event a trigger refers to: named in [start, end), with its place, or the last one."""
        match = next(
            (
                m
                for m in EVENT_NOUN.finditer(sentence.text, start, end)
                if not NOT_AN_EVENT.search(sentence.text[: m.start()])
            ),
            None,
        )
        if match is None:
            return None, None, None
        place = event_place_near(sentence, match.start(), match.end(), end)
        name = name_of_event(sentence.text, match.start(), match.end())
        if place is not None:
            return place, name, match
        recent = [event for event in self.events if sentence.number - event.sentence_number <= 2 * _ANAPHORA_SENTENCES]
        if recent:
            event = recent[-1]
            return replace(event.place, start=-1, end=-1), event.name, match
        return None, name, match

    def event_window(self, place: Place) -> DateWindow:
        """The dates of the last dated event named in the country of `place`."""
        for event in reversed(self.events):
            if event.place.country == place.country and not event.window.is_empty:
                return event.window
        return EMPTY

    def last_report(
        self,
        sentence: PreparedSentence,
        kinds: tuple[str, ...],
        predicate: Callable[[ContactReport], bool] = lambda _report: True,
    ) -> ContactReport | None:
        """The latest report of one of `kinds` within reach of anaphora that `predicate` accepts."""
        return next(
            (
                report
                for report in reversed(self.reports)
                if report.kind in kinds
                and sentence.number - report.sentence_number <= _ANAPHORA_SENTENCES
                and predicate(report)
            ),
            None,
        )
