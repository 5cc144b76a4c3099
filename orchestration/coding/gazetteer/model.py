"""The compiled gazetteer and what it finds: kinds, the entries of the
matcher, the `Gazetteer` itself and one `Mention` of a name in a text.

Grain: one `Entry` per matching form of a name; one `Mention` per name found in a text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ACTOR_KINDS = frozenset({"person", "institution", "group"})
ROLE_LEVELS = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "minister",
        "intelligence_security",
        "delegation",
        "military",
        "other",
        "honorific",
    }
)
PLACE_KINDS = frozenset({"capital", "city", "crossing", "region", "camp"})


class GazetteerError(ValueError):
    """A seed file is missing a column or holds a value the matcher cannot use."""


@dataclass(frozen=True, slots=True)
class ActorRole:
    """One period during which an actor held one role (grain of `gazetteer_actors.csv`)."""

    actor_id: str
    name: str
    kind: str
    country: str | None
    role: str
    role_level: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class ContactKind:
    kind: str
    cameo_code: str
    cameo_label: str
    plover_type: str
    plover_mode: str | None


@dataclass(frozen=True, slots=True)
class Entry:
    """What one matching form stands for."""

    kind: str  # actor | place | country | demonym | role
    surface: tuple[str, ...] | None = None  # the exact words, for forms matched case-sensitively
    actor_id: str | None = None
    needs_context: bool = False
    not_preceded_by: frozenset[str] = frozenset()
    not_followed_by: frozenset[str] = frozenset()
    country: str | None = None
    city: str | None = None
    place_kind: str | None = None
    role: str | None = None
    role_level: str | None = None
    actor_kind: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """The compiled seeds: a token-sequence index plus the tables the coder looks up."""

    actors: dict[str, tuple[ActorRole, ...]]
    index: dict[tuple[str, ...], tuple[Entry, ...]]
    first_tokens: frozenset[str]
    neighbours: dict[str, frozenset[str]]
    contact_kinds: dict[str, ContactKind]
    outlets: dict[str, str]
    country_names: dict[str, str]
    holders_by_role: dict[tuple[str, str], tuple[ActorRole, ...]] = field(default_factory=dict)
    # The first two words of each name of several words -> the lengths of those names, longest first.
    long_key_lengths: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    person_roles: frozenset[str] = frozenset()  # roles one person holds ("foreign_minister", "envoy")

    def actor_name(self, actor_id: str) -> str:
        return self.actors[actor_id][0].name

    def actor_country(self, actor_id: str) -> str | None:
        return self.actors[actor_id][0].country

    def outlet_for_host(self, host: str) -> str | None:
        """The outlet of a page's host name: the longest listed domain the host ends with."""
        host = host.lower().removeprefix("www.")
        parts = host.split(".")
        for start in range(len(parts) - 1):
            outlet = self.outlets.get(".".join(parts[start:]))
            if outlet:
                return outlet
        return None

    def role_holder(self, country: str, role: str, day: dt.date | None) -> str | None:
        """The actor who held `role` for `country` on `day`, when exactly one did.

        Without a date, only a role that one person alone ever held in the seeds resolves.
        """
        holders = self.holders_by_role.get((country, role), ())
        if day is not None:
            holders = tuple(holder for holder in holders if holder.holds_on(day))
        ids = {holder.actor_id for holder in holders}
        return next(iter(ids)) if len(ids) == 1 else None


@dataclass(slots=True)
class Mention:
    """One name found in an article: an actor, a role phrase, a country or a place."""

    start: int
    end: int
    text: str
    kind: str  # person | institution | group | role | country | place
    token_start: int
    token_end: int
    actor_id: str | None = None
    countries: tuple[str, ...] = ()
    role: str | None = None
    role_level: str | None = None
    city: str | None = None
    place_kind: str | None = None
    is_demonym: bool = False
    possessive: bool = False
    titled: bool = False

    @property
    def country(self) -> str | None:
        return self.countries[0] if len(self.countries) == 1 else None

    @property
    def is_actor(self) -> bool:
        """Can take part in a contact between states (groups and country-less names cannot)."""
        return self.kind in ("person", "institution", "role", "country") and bool(self.countries)
