"""One sentence made ready for the contact coder: its gazetteer mentions sorted into parties
(who) and places (where), and its dating phrases.

Source: a `Sentence` with the gazetteer mentions inside it. Offsets of the result are
relative to the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.coding.contacts.cues import CAPITAL_AS_MODIFIER, DASH_ASIDE, LIST_GAP, RELATIVE_ASIDE
from orchestration.coding.contacts.records import Party, Place
from orchestration.coding.dates import DateExpression, find_date_expressions
from orchestration.coding.gazetteer import Gazetteer, Mention
from orchestration.coding.sentences import Sentence

# "in", "to", "at" make a name the place of a contact; "from" (origin) and "of" do not.
_PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "to",
        "at",
        "into",
        "inside",
        "via",
        "toward",
        "towards",
        "near",
        "through",
        "across",
        "within",
        "outside",
        "around",
    }
)


@dataclass(slots=True)
class PreparedSentence:
    """A sentence with what the coder needs; offsets are relative to the sentence."""

    number: int
    offset: int
    text: str
    actors: tuple[Party, ...]
    places: tuple[Place, ...]
    persons: tuple[Party, ...]
    found_dates: tuple[DateExpression, ...] | None = field(default=None, repr=False, compare=False)
    found_asides: tuple[tuple[int, int], ...] | None = field(default=None, repr=False, compare=False)

    @property
    def dates(self) -> tuple[DateExpression, ...]:
        """The dating phrases of the sentence, found when a rule first asks: nearly a third of the
        sentences with a trigger are never dated (their trigger codes no contact)."""
        if self.found_dates is None:
            self.found_dates = tuple(
                expression for expression in find_date_expressions(self.text) if not expression.bounds_something_else
            )
        return self.found_dates

    @property
    def asides(self) -> tuple[tuple[int, int], ...]:
        """The spans of asides: between paired dashes, and relative clauses closed by a comma.
        Every trigger of the sentence asks for them: they are found once, when first asked."""
        if self.found_asides is None:
            self.found_asides = tuple(
                (aside.start(), aside.end())
                for cue in (DASH_ASIDE, RELATIVE_ASIDE)
                for aside in cue.finditer(self.text)
            )
        return self.found_asides


def _preceding_words(text: str, position: int, count: int = 3) -> list[str]:
    return re.findall(r"[\w'’-]+", text[max(0, position - 40) : position].lower())[-count:]


def _governed(text: str, position: int) -> bool:
    """Is a name at `position` the object of a preposition of place ("in the Iraqi capital")?"""
    words = _preceding_words(text, position, 3)
    for word in reversed(words):
        if word in _PLACE_PREPOSITIONS:
            return True
        if word not in (
            "the",
            "neighbouring",
            "neighboring",
            "nearby",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
        ):
            return False
    return False


def prepare_sentence(sentence: Sentence, mentions: list[Mention], gazetteer: Gazetteer) -> PreparedSentence:
    """Sort a sentence's mentions into parties (who) and places (where)."""
    text = sentence.text
    offset = sentence.char_start
    actors: list[Party] = []
    places: list[Place] = []
    persons: list[Party] = []
    previous_place: Place | None = None
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        if mention.kind in ("place", "country") and not (mention.kind == "country" and mention.is_demonym):
            if not mention.countries:
                continue
            country = mention.countries[0]
            governed = _governed(text, start)
            in_list = (
                previous_place is not None
                and previous_place.governed
                and bool(LIST_GAP.match(text[previous_place.end : start]))
            )
            if governed or in_list:
                place = Place(start, end, mention.city, country, mention.text, True)
                places.append(place)
                previous_place = place
                continue
            if mention.kind == "country":
                actors.append(
                    Party(country, None, gazetteer.country_names.get(country, mention.text), start, end, "country")
                )
                previous_place = None
                continue
            if mention.place_kind == "capital" and not CAPITAL_AS_MODIFIER.match(text[end:]):
                actors.append(Party(country, None, mention.text, start, end, "capital"))
            places.append(Place(start, end, mention.city, country, mention.text, False))
            continue
        if not mention.is_actor or mention.kind == "country":
            continue
        kind = "delegation" if mention.kind == "role" and mention.role_level == "delegation" else mention.kind
        name = gazetteer.actor_name(mention.actor_id) if mention.actor_id and mention.kind != "role" else mention.text
        for country in mention.countries:
            party = Party(country, mention.actor_id if len(mention.countries) == 1 else None, name, start, end, kind)
            actors.append(party)
            if _names_a_person(mention, gazetteer):
                persons.append(party)
    return PreparedSentence(sentence.sentence_number, offset, text, tuple(actors), tuple(places), tuple(persons))


def _names_a_person(mention: Mention, gazetteer: Gazetteer) -> bool:
    """A person's name or a role one person holds ("Syria's interim president", "a top US
    diplomat"): what "he" and "his" may stand for."""
    return mention.kind == "person" or (mention.kind == "role" and mention.role in gazetteer.person_roles)


def persons_named(mentions: list[Mention], gazetteer: Gazetteer) -> list[Party]:
    """The people a sentence names (what "he" and "his" may refer to later)."""
    return [
        Party(mention.countries[0], mention.actor_id, gazetteer.actor_name(mention.actor_id), -1, -1, "person")
        for mention in mentions
        if _names_a_person(mention, gazetteer) and mention.actor_id and len(mention.countries) == 1
    ]
