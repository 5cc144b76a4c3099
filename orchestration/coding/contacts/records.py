"""The records of the contact coder: the parties and places of a contact, and the report
one sentence gives of it (grain: one `ContactReport` per contact a sentence reports)."""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.coding.dates import DateWindow
from orchestration.settings import MULTI_PARTY_KINDS

KINDS = ("visit", "phone_call", "third_location_meeting", "multilateral_meeting", "mediation")
STATUSES = ("occurred", "planned", "declined")
__all__ = ["KINDS", "MULTI_PARTY_KINDS", "STATUSES", "ContactReport", "Party", "Place"]


@dataclass(frozen=True, slots=True)
class Party:
    """A party to a contact: a named actor, a role phrase or a state."""

    country: str
    actor_id: str | None
    name: str
    start: int
    end: int
    kind: str

    @property
    def is_delegation(self) -> bool:
        return self.kind == "delegation"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a contact happens, as one sentence names it (offsets -1: taken from an earlier one)."""

    start: int
    end: int
    city: str | None
    country: str
    text: str
    governed: bool  # after a preposition of place ("in", "to", "at" ...)


@dataclass(frozen=True, slots=True)
class ContactReport:
    """One contact as one sentence of one article reports it."""

    article_id: str
    sentence_number: int
    char_start: int
    char_end: int
    sentence: str
    kind: str
    status: str
    actor: Party
    counterpart: Party | None
    counterpart_country: str | None
    participant_countries: tuple[str, ...]
    location_city: str | None
    location_country: str | None
    window: DateWindow
    confidence: float
    event_name: str | None = None
    inherited: bool = False

    @property
    def country_set(self) -> frozenset[str]:
        return frozenset(self.participant_countries)
