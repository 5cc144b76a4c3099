"""The contact coder: official contacts between states, as news language reports them.

Source: one clean article (its sentences, gazetteer mentions and publication date).
Grain of the result: one `ContactReport` per contact a sentence reports; `resolve.py`
merges the reports of one article and of many into real contacts.

Kinds (CAMEO / PLOVER in `contact_kinds.csv`):

- `visit`: an official travels to another state ("arrived in", "visited", "a visit to
  Iraq by ...", "sent a delegation to Damascus", "was received by ... in Baghdad", a
  meeting in one party's country). The traveller is the actor, the host country the
  counterpart.
- `phone_call`: "phone call", "telephoned", "spoke by phone", "called his counterpart".
- `third_location_meeting`: two states meet in a third ("held talks ... in Qatar").
- `multilateral_meeting`: three or more states meet ("Representatives of Türkiye, Jordan,
  Iraq, Lebanon and Syria met in Amman"), or a state takes part in a summit or conference
  hosted by another ("will represent Syria at the summit in Baghdad"). The host is the
  actor; `participant_countries` lists every state.
- `mediation`: "mediate between Syria and Iran", "Iraq's mediation".

Status: `declined` when the attendee will not or did not come ("will not attend",
"decided not to", "absent", "skips", "declined the invitation"); `planned` when the
contact is announced, expected, being arranged or an invitation ("will visit", "is
expected to", "upcoming", "invited ... to attend"); `occurred` otherwise. Cues count only
in the clause of the trigger, and a refusal only near its own actor.

Dates: the dating phrase nearest the trigger in its clause (else its sentence), resolved
against the publication date in the direction the status points (see `dates.py`).

Anaphora: "the call", "the event", "the summit", "his visit" without the missing party or
place take them from the last report of that kind in the article; "he"/"his" is the last
person named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from orchestration.coding.dates import EMPTY, DateExpression, DateWindow, find_date_expressions, resolve
from orchestration.coding.gazetteer import Gazetteer, Mention
from orchestration.coding.sentences import Sentence
from orchestration.coding.tokens import Tokens, fold
from orchestration.coding.triggers import Trigger, find_triggers
from orchestration.settings import MULTI_PARTY_KINDS

KINDS = ("visit", "phone_call", "third_location_meeting", "multilateral_meeting", "mediation")
STATUSES = ("occurred", "planned", "declined")

_DECLINED = re.compile(
    r"\b(?:did|does|do|will|would|could|can|was|were|is|are|has|have|had)\s*(?:not|n['’]t)\s+(?:be\s+able\s+to\s+|be\s+)?"
    r"(?:attend|attending|participate|participating|take\s+part|taking\s+part|come|coming|travel|travelling|visit|visiting|go|going|join|joining|make\s+it)\b"
    r"|\b(?:won['’]t|cannot|can['’]t)\s+(?:attend|participate|take\s+part|come|travel|visit|go|join|make\s+it)\b"
    r"|\bnot\s+to\s+(?:attend|participate|take\s+part|come|travel|visit|go|join)\b"
    r"|\bdeclin(?:ed|es|ing)\s+(?:(?:an?|the|his|her|their)\s+(?:\w+\s+)?invitation|to\s+(?:attend|visit|come|travel|participate|take\s+part|go|join))\b"
    r"|\brefus(?:ed|es|ing)\s+to\s+(?:attend|visit|come|travel|participate|take\s+part|go|join)\b"
    r"|\bturn(?:ed|s)?\s+down\s+(?:an?|the|his|her|their)\s+(?:\w+\s+)?invitation\b"
    r"|\b(?:skip|skips|skipped|skipping|absent|absence|boycott|boycotts|boycotted|boycotting)\b"
    r"|\b(?:to|will|would)\s+miss\b|\bmissed\b|\bmisses\b|\bstay(?:ed|s)?\s+away\b|\bpulled\s+out\s+of\b",
    re.IGNORECASE,
)
# Future, intention, expectation and arrangement: anywhere in the clause before the trigger
# (and just after it: "planned for Saturday", "scheduled for late April").
_PLANNED = re.compile(
    r"\b(?:will|shall|would|going\s+to)\b|['’]ll\b"
    r"|\b(?:expected|scheduled|slated|poised|due|set|planning|preparing|aiming|aimed|intends|intended|hopes|hoped|seeks|sought|plans|planned|plan)\s+to\b"
    r"|\b(?:is|are|was|were)\s+to\s+(?:visit|attend|meet|hold|host|travel|participate|take\s+part|represent|lead|head|arrive)\b"
    r"|\b(?:planned|scheduled|set)\s+for\b|\bnext\s+(?:week|month|year)\b|\blater\s+this\s+(?:week|month|year)\b|\bto\s+be\s+held\b"
    r"|\bwhether\b|\bsoon\b|\barrang(?:e|es|ed|ing)\b|\bpostpon(?:e|es|ed|ement)\b|\bdelayed\b|\bcancel(?:l)?ed\b|\bcalled\s+off\b"
    r"|\b(?:may|might|could)\s+(?:visit|attend|meet|travel|hold|host|come)\b|\bnot\s+yet\b|\binvit(?:e|es|ed|ing|ation)\b"
    r"|\bwith\s+[^,;]{3,80}?\s+to\s+(?:represent|attend|participate|take\s+part|lead|head)\b",
    re.IGNORECASE,
)
# Words that make the trigger noun itself a plan ("the upcoming summit", "his planned visit").
_PLANNED_ADJECTIVE = re.compile(
    r"\b(?:upcoming|forthcoming|planned|proposed|anticipated|expected|prospective|scheduled|next|possible|potential)\s+(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
_PAST_ADJECTIVE = re.compile(r"\b(?:previous|last|recent|latest|past)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_NEGATED_INVITATION = re.compile(r"\b(?:refus(?:ed|es|ing)|declin(?:ed|es|ing)|not|n['’]t|never)\s+(?:to\s+)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r";|\s[–—]\s|\s-\s|,\s+(?=(?:while|whereas|but|although|though|which|where|when|as|after|before|following|amid|according|in\s+a\s+statement|with\s+(?!his|her|their))\b)"
    r"|\s+but\s+(?!also)",
    re.IGNORECASE,
)
# "in", "to", "at" make a name the place of a contact; "from" (origin) and "of" do not.
_PLACE_PREPOSITIONS = frozenset({"in", "to", "at", "into", "inside", "via", "toward", "towards", "near", "through", "across", "within", "outside", "around"})
_NON_ACTOR_HEADS = re.compile(
    r"\b(?:shipments?|convoys?|batch(?:es)?|lorries|trucks|tankers?|aid|wheat|oil|fuel|cargo|families|detainees|prisoners|refugees"
    r"|returnees|individuals|people|civilians|fighters|militants|troops|weapons|goods|crude|pilgrims|tourists|workers)\b",
    re.IGNORECASE,
)
# A capital used as a noun modifier ("the Damascus administration", "the Baghdad summit").
_CAPITAL_AS_MODIFIER = re.compile(
    r"\s*(?:summit|conference|meeting|talks|forum|government|administration|authorities|leadership|embassy|airport|province|governorate"
    r"|countryside|office|bureau|correspondent|residents|crossing|road|camp|declaration|agreement|process|format|platform)\b",
    re.IGNORECASE,
)
_TOPIC_STOP = re.compile(
    r"\b(?:on|about|over|regarding|concerning|amid|after|following|to\s+discuss|to\s+congratulate|including|against|despite|since)\b",
    re.IGNORECASE,
)
_REPORTING_VERB = re.compile(
    r"\b(?:said|says|say|announced|announces|confirmed|confirms|told\s+[\w\s]{1,30}|reported|reports|stated|added|noted|declared|revealed|informed\s+[\w\s]{1,30})\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_OTHER_EVENT = re.compile(r"\b(?:after|following|since|amid|until|ouster|fall|death|war|invasion|offensive|elections?)\b", re.IGNORECASE)
_EVENT_HOLDING_PAST = re.compile(
    r"\b(?:began|opened|convened|concluded|ended|kicked\s+off|took\s+place|gathered|wrapped\s+up|was\s+held|were\s+held|held\s+in|hosted)\b",
    re.IGNORECASE,
)
_EVENT_HOLDING_FUTURE = re.compile(
    r"\b(?:will\s+(?:be\s+)?(?:host|hosted|held|hold|convene|convened|begin|open|take\s+place)|to\s+be\s+held|scheduled|set\s+to|is\s+to\s+be|upcoming|forthcoming|next|planned)\b",
    re.IGNORECASE,
)
_HOST_SUBJECT = re.compile(r"\b(?:host|hosts|hosted|hosting|will\s+host)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_LIST_GAP = re.compile(r"^\s*(?:,|and|or|&|,\s*and|,\s*or)\s*$")
_FOLLOWED_BY = re.compile(r"\bfollowed\s+by\b|\balong\s+with\b|\baccompanied\s+by\b", re.IGNORECASE)
_NEIGHBOURS = re.compile(r"\s*(?:and|,)\s+(?:its|their)\s+neighbo(?:u)?r(?:s|ing\s+countries|ing\s+states)\b", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|that|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PLURAL_SUBJECT = re.compile(r"\b(?:they|the\s+(?:two|three|four|five|six)\s+(?:countries|sides|states|nations|neighbou?rs)|both\s+sides)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_EVENT_NOUN = re.compile(r"\b(?:summits?|conferences?|forums?|ministerial|meetings?|events?|gatherings?)\b", re.IGNORECASE)
_NOT_AN_EVENT = re.compile(r"\b(?:press|news|video)\s+$", re.IGNORECASE)
_SINGLE_PRONOUN = re.compile(r"\b(?:he|she)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_POSSESSIVE_PRONOUN = re.compile(r"\b(?:his|her)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)

_MAX_DATE_DISTANCE = 90
_ANAPHORA_SENTENCES = 6
_OBJECT_REACH = 110


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


@dataclass(slots=True)
class _Event:
    """A summit, conference or meeting named in the article (for "the event", "the summit")."""

    sentence_number: int
    name: str
    place: Place
    window: DateWindow


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence with what the coder needs; offsets are relative to the sentence."""

    number: int
    offset: int
    text: str
    actors: tuple[Party, ...]
    places: tuple[Place, ...]
    persons: tuple[Party, ...]
    dates: tuple[DateExpression, ...]


def _preceding_words(text: str, position: int, count: int = 3) -> list[str]:
    return re.findall(r"[\w'’-]+", text[max(0, position - 40) : position].lower())[-count:]


def _governed(text: str, position: int) -> bool:
    """Is a name at `position` the object of a preposition of place ("in the Iraqi capital")?"""
    words = _preceding_words(text, position, 3)
    for word in reversed(words):
        if word in _PLACE_PREPOSITIONS:
            return True
        if word not in ("the", "neighbouring", "neighboring", "nearby", "northern", "southern", "eastern", "western", "central"):
            return False
    return False


def _prepare(sentence: Sentence, mentions: list[Mention], gazetteer: Gazetteer) -> _Sentence:
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
            in_list = previous_place is not None and previous_place.governed and bool(_LIST_GAP.match(text[previous_place.end : start]))
            if governed or in_list:
                place = Place(start, end, mention.city, country, mention.text, True)
                places.append(place)
                previous_place = place
                continue
            if mention.kind == "country":
                actors.append(Party(country, None, gazetteer.country_names.get(country, mention.text), start, end, "country"))
                previous_place = None
                continue
            if mention.place_kind == "capital" and not _CAPITAL_AS_MODIFIER.match(text[end:]):
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
            if mention.kind == "person":
                persons.append(party)
    dates = tuple(expression for expression in find_date_expressions(text) if not expression.bounds_something_else)
    return _Sentence(sentence.sentence_number, offset, text, tuple(actors), tuple(places), tuple(persons), dates)


def _persons(sentence: Sentence, mentions: list[Mention], gazetteer: Gazetteer) -> list[Party]:
    """The people a sentence names (what "he" and "his" may refer to later)."""
    return [
        Party(mention.countries[0], mention.actor_id, gazetteer.actor_name(mention.actor_id), -1, -1, "person")
        for mention in mentions
        if mention.kind == "person" and mention.actor_id and len(mention.countries) == 1
    ]


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: between the nearest clause breaks."""
    clause_start, clause_end = 0, len(text)
    for match in _CLAUSE_BREAK.finditer(text):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


def _actors_in(sentence: _Sentence, start: int, end: int) -> list[Party]:
    return [actor for actor in sentence.actors if start <= actor.start < end]


def _place_after(sentence: _Sentence, position: int, limit: int, reach: int = 120) -> Place | None:
    """The first place after `position` (within `reach` characters) named after a preposition."""
    for place in sentence.places:
        if place.governed and position <= place.start < limit and place.start - position <= reach:
            return place
    return None


def _place_of_clause(sentence: _Sentence, start: int, end: int, around: int) -> Place | None:
    after = _place_after(sentence, around, end)
    if after:
        return after
    before = [place for place in sentence.places if place.governed and start <= place.start < around]
    return before[-1] if before else None


def _resolve_pronoun(sentence: _Sentence, position: int, previous_persons: list[Party]) -> Party | None:
    """"he", "his": the last person named before, in this sentence or an earlier one
    (a person from an earlier sentence has no offsets in this one)."""
    before = [person for person in sentence.persons if person.end <= position]
    if before:
        return before[-1]
    return replace(previous_persons[-1], start=-1, end=-1) if previous_persons else None


def _subjects_before(sentence: _Sentence, clause_start: int, trigger_start: int, exclude_country: str | None = None) -> list[Party]:
    """The subject of the trigger: the nearest actor before it in its clause, with any actors
    coordinated with it ("X and Y held talks"), unless it only qualifies a non-actor noun
    ("the first shipment of wheat provided by the Iraqi government arrived")."""
    candidates = [actor for actor in _actors_in(sentence, clause_start, trigger_start) if actor.country != exclude_country]
    if not candidates:
        return []
    chosen = [candidates[-1]]
    lead = sentence.text[clause_start : chosen[0].start]
    if _NON_ACTOR_HEADS.search(lead) and re.search(r"\b(?:by|of|from)\s+(?:the\s+)?$", lead, re.IGNORECASE):
        return []
    for earlier in reversed(candidates[:-1]):
        # One role phrase of two states ("the Iraqi and Syrian foreign ministers") or a list.
        if earlier.start == chosen[0].start or _LIST_GAP.match(sentence.text[earlier.end : chosen[0].start]):
            chosen.insert(0, earlier)
        else:
            break
    return chosen


def _objects_after(sentence: _Sentence, position: int, clause_end: int) -> list[Party]:
    """Actors after the trigger up to the topic of the talks ("... on border security")."""
    limit = min(clause_end, position + _OBJECT_REACH)
    stop = _TOPIC_STOP.search(sentence.text, position, limit)
    if stop:
        limit = stop.start()
    return _actors_in(sentence, position, limit)


def _possessor_before(sentence: _Sentence, trigger_start: int, previous_persons: list[Party]) -> Party | None:
    """"Shatri's visit", "his second visit", "Iraq's mediation": who the trigger noun belongs to."""
    for actor in reversed(sentence.actors):
        if actor.end <= trigger_start and trigger_start - actor.end <= 30:
            if re.match(r"^['’]s?\s+(?:[\w-]+\s+){0,2}$", sentence.text[actor.end : trigger_start]):
                return actor
    pronoun = _POSSESSIVE_PRONOUN.search(sentence.text[max(0, trigger_start - 40) : trigger_start])
    if pronoun:
        return _resolve_pronoun(sentence, trigger_start - 40 + pronoun.start() if trigger_start >= 40 else pronoun.start(), previous_persons)
    return None


def _actor_after_by_or_of(sentence: _Sentence, position: int, limit: int) -> Party | None:
    """"a visit to Iraq by X", "the visit of X to Y": the actor after "by" or "of"."""
    for match in re.finditer(r"\b(?:by|of)\s+", sentence.text[position:limit], re.IGNORECASE):
        start = position + match.end()
        for actor in sentence.actors:
            if start <= actor.start <= start + 60 and actor.start < limit:
                return actor
    return None


def _status(sentence: _Sentence, clause_start: int, clause_end: int, trigger_start: int, trigger_end: int, actor: Party | None) -> str:
    """Declined near its actor and trigger, planned in the clause up to just after the trigger, else occurred."""
    near_start = max(clause_start, actor.end if actor and actor.end <= trigger_start else trigger_start - 60)
    if _DECLINED.search(sentence.text[near_start : min(clause_end, trigger_end + 40)]):
        return "declined"
    if _PLANNED.search(sentence.text[clause_start : min(clause_end, trigger_end + 25)]):
        return "planned"
    if _PLANNED_ADJECTIVE.search(sentence.text[max(clause_start, trigger_start - 60) : trigger_start]):
        return "planned"
    return "occurred"


def _window(
    sentence: _Sentence,
    clause_start: int,
    clause_end: int,
    trigger_start: int,
    trigger_end: int,
    status: str,
    published: dt.date | None,
) -> DateWindow:
    """The window of the dating phrase nearest the trigger that dates the trigger itself.

    A date of a reporting verb ("said on Monday"), or of another event between it and
    the trigger ("after the ouster of Assad in December"), is not the contact's date.
    """
    direction = "past" if status == "occurred" else "future"
    best: tuple[int, DateWindow] | None = None
    text = sentence.text
    for expression in sentence.dates:
        if expression.end <= trigger_start:
            distance = trigger_start - expression.end
            between = text[expression.end : trigger_start]
            lead = text[max(0, expression.start - 60) : expression.start]
            lead = lead[lead.rfind(",") + 1 :]
            if _OTHER_EVENT.search(lead) or re.search(r"[;:]", between):
                continue
        elif expression.start >= trigger_end:
            distance = expression.start - trigger_end
            between = text[trigger_end : expression.start]
            if _OTHER_EVENT.search(between):
                continue
        else:
            distance = 0
        if expression.end <= trigger_start and expression.start - clause_start <= 12:
            # "On Thursday, Dec. 26, 2024, an Iraqi delegation ... visited Damascus"
            distance = min(distance, 10)
        if distance > _MAX_DATE_DISTANCE or not clause_start - 40 <= expression.start <= clause_end + 5:
            continue
        if _REPORTING_VERB.search(text[max(0, expression.start - 60) : expression.start]):
            continue
        window = resolve(expression, published, direction)
        if published is not None and not window.is_empty:
            if status == "occurred" and window.date_from > published:
                continue
            if status != "occurred" and window.date_to < published:
                continue
        score = distance + (0 if clause_start <= expression.start < clause_end else 100)
        if best is None or score < best[0]:
            best = (score, window)
    return best[1] if best else EMPTY


def _confidence(*, verbal: bool, named: bool, explicit_place: bool, dated: bool, inherited: bool) -> float:
    score = 0.55 + (0.15 if verbal else 0.0) + (0.1 if named else 0.0) + (0.1 if explicit_place else 0.0) + (0.05 if dated else 0.0)
    if inherited:
        score -= 0.2
    return round(min(max(score, 0.05), 0.99), 2)


def _kind_for_meeting(parties: list[Party], location_country: str | None) -> tuple[str, Party, Party | None] | None:
    """Visit, third-location or multilateral meeting from who met and where."""
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
        return None
    if len(countries) == 1 and location_country and location_country != countries[0]:
        return "visit", parties[0], None
    return None


def _event_name(text: str, match: re.Match) -> str:
    """"34th Arab League summit", "World Governments Summit": the noun with its modifiers."""
    before = re.search(r"((?:[A-Z0-9][\w'’-]*\s+|of\s+|the\s+){0,6})$", text[: match.start()])
    name = ((before.group(1) if before else "") + match.group()).strip()
    return re.sub(r"^(?:the|The)\s+", "", name)


def _is_intergovernmental(name: str | None) -> bool:
    """Summits and ministerials meet states; a think-tank or press conference does not."""
    lowered = (name or "").lower()
    return not any(word in lowered for word in ("think tank", "press", "news", "academic", "business", "investment"))


class _Coder:
    """Codes the sentences of one article in order, remembering what anaphora needs."""

    def __init__(self, article_id: str, published: dt.date | None, gazetteer: Gazetteer):
        self.article_id = article_id
        self.published = published
        self.gazetteer = gazetteer
        self.reports: list[ContactReport] = []
        self.events: list[_Event] = []
        self.previous_persons: list[Party] = []

    def _country_party(self, country: str, start: int = -1, end: int = -1) -> Party:
        return Party(country, None, self.gazetteer.country_names.get(country, country), start, end, "country")

    def _report(
        self,
        sentence: _Sentence,
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
            article_id=self.article_id,
            sentence_number=sentence.number,
            char_start=sentence.offset + quote_start,
            char_end=sentence.offset + quote_end,
            sentence=sentence.text,
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

    def code_sentence(self, sentence: _Sentence, triggers: list[Trigger]) -> list[ContactReport]:
        self._remember_events(sentence)
        found: list[ContactReport] = []
        for match in triggers:
            for report in getattr(self, f"_{match.lastgroup}")(sentence, match):
                if report is not None:
                    found.append(report)
        self.previous_persons.extend(sentence.persons)
        # Two triggers of one sentence often report one contact ("visit ..., where he met"):
        # keep the surest report and complete it with the other's date and place.
        unique: dict[tuple, ContactReport] = {}
        for report in sorted(found, key=lambda report: -report.confidence):
            key = (report.kind, report.country_set, report.status, report.actor.country)
            kept = unique.get(key)
            if kept is None:
                unique[key] = report
                continue
            if kept.window.is_empty and not report.window.is_empty:
                kept = replace(kept, window=report.window)
            if report.location_country is not None and (
                kept.location_country is None or (kept.location_country == report.location_country and kept.location_city is None)
            ):
                kept = replace(kept, location_city=report.location_city, location_country=report.location_country)
            unique[key] = kept
        # "the summit in Baghdad" adds nothing to "X will represent Syria at the summit in Baghdad".
        meetings = [report for report in unique.values() if report.kind == "multilateral_meeting"]
        coded = sorted(
            (
                report
                for report in unique.values()
                if not any(
                    other is not report and other.actor.country == report.actor.country and report.country_set < other.country_set
                    for other in meetings
                )
            ),
            key=lambda report: report.char_start,
        )
        self.reports.extend(coded)
        return coded

    def remember_persons(self, persons: list[Party]) -> None:
        self.previous_persons.extend(persons)

    # Events named in the article, for "the event", "the summit" later on --------------

    def _event_place_near(self, sentence: _Sentence, match: re.Match, limit: int) -> Place | None:
        after = _place_after(sentence, match.end(), limit, 40)
        if after:
            return after
        hosted = re.compile(r"(?:\s+\w+){0,3}\s+hosted\s+by\s+", re.IGNORECASE).match(sentence.text, match.end())
        if hosted:
            host = next((actor for actor in sentence.actors if actor.start == hosted.end() and actor.kind in ("capital", "country")), None)
            if host is not None:
                return Place(host.start, host.end, host.name if host.kind == "capital" else None, host.country, host.name, True)
        return next((place for place in reversed(sentence.places) if place.end <= match.start() and match.start() - place.end <= 3), None)

    def _remember_events(self, sentence: _Sentence) -> None:
        for match in _EVENT_NOUN.finditer(sentence.text):
            if _NOT_AN_EVENT.search(sentence.text[: match.start()]):
                continue
            place = self._event_place_near(sentence, match, len(sentence.text))
            if place is None:
                continue
            upcoming = _EVENT_HOLDING_FUTURE.search(sentence.text) or _PLANNED.search(sentence.text)
            window = _window(sentence, 0, len(sentence.text), match.start(), match.end(), "planned" if upcoming else "occurred", self.published)
            self.events.append(_Event(sentence.number, _event_name(sentence.text, match), place, window))

    def _referenced_event(self, sentence: _Sentence, start: int, end: int) -> tuple[Place | None, str | None, re.Match | None]:
        """The event a trigger refers to: named in [start, end), with its place, or the last one."""
        match = next((m for m in _EVENT_NOUN.finditer(sentence.text, start, end) if not _NOT_AN_EVENT.search(sentence.text[: m.start()])), None)
        if match is None:
            return None, None, None
        place = self._event_place_near(sentence, match, end)
        name = _event_name(sentence.text, match)
        if place is not None:
            return place, name, match
        recent = [event for event in self.events if sentence.number - event.sentence_number <= 2 * _ANAPHORA_SENTENCES]
        if recent:
            event = recent[-1]
            return replace(event.place, start=-1, end=-1), event.name, match
        return None, name, match

    def _event_window(self, place: Place) -> DateWindow:
        for event in reversed(self.events):
            if event.place.country == place.country and not event.window.is_empty:
                return event.window
        return EMPTY

    def _last_report(self, sentence: _Sentence, kinds: tuple[str, ...], predicate=lambda report: True) -> ContactReport | None:
        return next(
            (
                report
                for report in reversed(self.reports)
                if report.kind in kinds and sentence.number - report.sentence_number <= _ANAPHORA_SENTENCES and predicate(report)
            ),
            None,
        )

    # Families ---------------------------------------------------------------------------

    def _phone(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        clause_start, clause_end = _clause(sentence.text, match.start(), match.end())
        subjects = _subjects_before(sentence, clause_start, match.start())
        objects = _objects_after(sentence, match.end(), clause_end)
        if match.group().lower().startswith("called") and not [o for o in objects if o.start - match.end() <= 45]:
            return []
        parties = subjects + [party for party in objects if party not in subjects]
        people = [party for party in _actors_in(sentence, clause_start, clause_end) if party.kind not in ("country", "capital")]
        if len({party.country for party in parties}) < 2 and len({party.country for party in people}) >= 2:
            # "Lavrov and Fidan discussed Syria by telephone": the callers, not the topic.
            parties = people
        countries = list(dict.fromkeys(party.country for party in parties))
        if len(countries) >= 2:
            actor = parties[0]
            counterpart = next(party for party in parties if party.country != actor.country)
            status = _status(sentence, clause_start, clause_end, match.start(), match.end(), actor)
            inherited = False
        else:
            previous = self._last_report(sentence, ("phone_call",), lambda report: not countries or countries[0] in report.country_set)
            if previous is None or not (_DEFINITE.search(sentence.text[: match.start()]) or match.group().lower().startswith(("the", "this", "during"))):
                return []
            actor, counterpart, status, inherited = previous.actor, previous.counterpart, previous.status, True
        if status == "declined":
            status = "planned"
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        confidence = _confidence(
            verbal=True, named=bool(actor.actor_id or (counterpart and counterpart.actor_id)), explicit_place=False,
            dated=not window.is_empty, inherited=inherited,
        )
        counterpart_country = counterpart.country if counterpart else None
        return [self._report(sentence, "phone_call", status, actor, counterpart, counterpart_country, set(), None, window, match.span(), confidence, inherited=inherited)]

    def _visit(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        word = match.group().lower()
        text = sentence.text
        clause_start, clause_end = _clause(text, match.start(), match.end())
        before = text[: match.start()]
        nominal = word in ("visit", "visits", "trip", "trips", "tour", "arrival") and not re.search(
            r"\b(?:will|to|would|may|might|could|can|shall|not|also|then)\s+$", before, re.IGNORECASE
        )
        place = None
        host_actor = None
        if not nominal and word.startswith(("visit", "tour")):
            # "visited Tehran", "will visit Erdogan": the verb's object is where or whom the
            # traveller visits.
            direct_place = next((p for p in sentence.places if 0 <= p.start - match.end() <= 2), None)
            direct_actor = next((actor for actor in sentence.actors if 0 <= actor.start - match.end() <= 5), None)
            if direct_place is not None:
                place = replace(direct_place, governed=True)
            elif direct_actor is not None and direct_actor.kind in ("country", "capital"):
                city = direct_actor.name if direct_actor.kind == "capital" else None
                place = Place(direct_actor.start, direct_actor.end, city, direct_actor.country, direct_actor.name, True)
            else:
                host_actor = direct_actor
        if place is None and host_actor is None:
            place = _place_after(sentence, match.end(), clause_end)
        traveller = None
        if nominal:
            traveller = _possessor_before(sentence, match.start(), self.previous_persons) or _actor_after_by_or_of(sentence, match.end(), clause_end)
        destination = place.country if place else (host_actor.country if host_actor else None)
        if traveller is None:
            subjects = _subjects_before(sentence, clause_start, match.start(), exclude_country=destination)
            traveller = subjects[-1] if subjects else None
        if traveller is None and _SINGLE_PRONOUN.search(text[clause_start : match.start()]):
            traveller = _resolve_pronoun(sentence, match.start(), self.previous_persons)
        if traveller is None and nominal:
            traveller = next((actor for actor in _actors_in(sentence, clause_start, clause_end) if actor.country != destination), None)
        if traveller is None:
            return []
        inherited = False
        status = None
        if destination is None:
            previous = self._last_report(sentence, ("visit",), lambda report: report.actor.country == traveller.country)
            if previous is None or not _DEFINITE.search(before) and not re.search(r"['’]s?\s+(?:[\w-]+\s+){0,2}$", before):
                return []
            destination = previous.counterpart_country
            place = Place(-1, -1, previous.location_city, previous.location_country, "", False) if previous.location_country else None
            status, inherited = previous.status, True
        if traveller.country == destination:
            return []
        host = host_actor or next(
            (actor for actor in _actors_in(sentence, clause_start, clause_end) if actor.country == destination and actor.kind not in ("country", "capital")),
            None,
        )
        if status is None:
            status = _status(sentence, clause_start, clause_end, match.start(), match.end(), traveller)
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        confidence = _confidence(
            verbal=not nominal, named=bool(traveller.actor_id), explicit_place=place is not None and not inherited,
            dated=not window.is_empty, inherited=inherited,
        )
        reports = [self._report(sentence, "visit", status, traveller, host, destination, set(), place, window, match.span(), confidence, inherited=inherited)]
        followed = _FOLLOWED_BY.search(text, match.end(), clause_end)
        if followed and word.startswith("arriv"):
            for other in _actors_in(sentence, followed.end(), clause_end):
                if other.country not in (destination, traveller.country) and other.kind in ("person", "role"):
                    reports.append(
                        self._report(sentence, "visit", status, other, host, destination, set(), place, window, (followed.start(), other.end), confidence - 0.1)
                    )
        return reports

    def _send(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        text = sentence.text
        clause_start, clause_end = _clause(text, match.start(), match.end())
        to = re.compile(r"\bto\s+", re.IGNORECASE).search(text, match.end(), clause_end)
        if to is None:
            return []
        place = _place_after(sentence, to.start(), clause_end, 60)
        if place is None:
            return []
        sent = [actor for actor in _actors_in(sentence, match.end(), place.start) if actor.country != place.country]
        senders = _subjects_before(sentence, clause_start, match.start(), exclude_country=place.country)
        if not senders and re.search(r"\b(?:it|they)\s+$", text[: match.start()], re.IGNORECASE):
            senders = [actor for actor in sentence.actors if actor.end <= match.start() and actor.country != place.country][-1:]
        traveller = sent[0] if sent else (senders[-1] if senders else None)
        if traveller is None:
            return []
        status = _status(sentence, clause_start, clause_end, match.start(), match.end(), traveller)
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        host = next((actor for actor in _actors_in(sentence, place.end, clause_end) if actor.country == place.country), None)
        confidence = _confidence(verbal=True, named=bool(traveller.actor_id), explicit_place=True, dated=not window.is_empty, inherited=False)
        return [self._report(sentence, "visit", status, traveller, host, place.country, set(), place, window, match.span(), confidence)]

    def _host(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        text = sentence.text
        clause_start, clause_end = _clause(text, match.start(), match.end())
        # "the summit will be hosted by Baghdad", "hosted talks between ...": an event, not a guest.
        if re.search(r"\b(?:summit|conference|forum|meeting|talks)\b(?:\s+\w+){0,4}\s+$", text[max(0, match.start() - 45) : match.start()], re.IGNORECASE):
            return []
        if re.match(r"\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:talks|meetings?|summit|conference|negotiations|discussions|forum)\b", text[match.end() :], re.IGNORECASE):
            return []
        passive = re.search(r"\b(?:was|were|is|are|been|being)\s+$", text[: match.start()], re.IGNORECASE) and re.match(
            r"\s+by\b", text[match.end() :], re.IGNORECASE
        )
        if passive:
            guests = _subjects_before(sentence, clause_start, match.start())
            guest = guests[-1] if guests else None
            host = next(iter(_actors_in(sentence, match.end(), min(clause_end, match.end() + 80))), None)
        else:
            hosts = _subjects_before(sentence, clause_start, match.start())
            host = hosts[-1] if hosts else None
            guest = next(
                (
                    actor
                    for actor in _actors_in(sentence, match.end(), min(clause_end, match.end() + 60))
                    if (host is None or actor.country != host.country) and len(text[match.end() : actor.start].split()) <= 2
                ),
                None,
            )
        if guest is None or host is None or guest.country == host.country or guest.kind == "country" and not passive:
            return []
        place = _place_of_clause(sentence, clause_start, clause_end, match.end())
        destination = place.country if place else host.country
        if guest.country == destination:
            return []
        status = _status(sentence, clause_start, clause_end, match.start(), match.end(), host)
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        confidence = _confidence(verbal=True, named=bool(guest.actor_id or host.actor_id), explicit_place=place is not None, dated=not window.is_empty, inherited=False)
        return [self._report(sentence, "visit", status, guest, host, destination, set(), place, window, match.span(), confidence)]

    def _meet(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        text = sentence.text
        clause_start, clause_end = _clause(text, match.start(), match.end())
        lowered = match.group().lower()
        between = bool(re.search(r"\b(?:between|brought\s+together)\b", lowered))
        verbal = bool(re.match(r"(?:met|meet|meets|held|hold|holds|holding|had|conducted|conduct|concluded|began|begin|opened|during|in\s+their|at\s+their|brought|sat|gathering)\b", lowered))
        subjects = [] if between else _subjects_before(sentence, clause_start, match.start())
        plural = _PLURAL_SUBJECT.search(text[clause_start : match.start()])
        if not between and plural and (not subjects or subjects[-1].end <= clause_start + plural.start()):
            return self._inherited_meeting(sentence, match, clause_start, clause_end)
        if not subjects and not between:
            if _SINGLE_PRONOUN.search(text[max(clause_start, match.start() - 30) : match.start()]) or re.search(r"\bwhere\s+(?:he|she)\s+$", text[: match.start()], re.IGNORECASE):
                pronoun = _resolve_pronoun(sentence, match.start(), self.previous_persons)
                subjects = [pronoun] if pronoun else []
        objects = _objects_after(sentence, match.end(), clause_end)
        parties = subjects + [party for party in objects if party not in subjects]
        place = _place_of_clause(sentence, clause_start, clause_end, match.end())
        if place is None and re.search(r"\bwhere\b", text[max(0, match.start() - 25) : match.start()], re.IGNORECASE):
            place = next((p for p in reversed(sentence.places) if p.governed and p.end <= match.start()), None)
        if place is None and not verbal:
            # "discussions between Iraq, Turkey and Syria": talk of talks, with no time or place.
            return []
        decided = _kind_for_meeting(parties, place.country if place else None)
        if decided is None:
            return []
        kind, actor, counterpart = decided
        status = _status(sentence, clause_start, clause_end, match.start(), match.end(), actor)
        if status == "declined":
            return []
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        confidence = _confidence(
            verbal=lowered in ("met", "meet", "meets"), named=any(party.actor_id for party in parties),
            explicit_place=place is not None, dated=not window.is_empty, inherited=False,
        )
        if kind == "multilateral_meeting":
            host_country = place.country if place else actor.country
            host = next((party for party in parties if party.country == host_country), self._country_party(host_country))
            participants = {party.country for party in parties} | {host_country}
            counterpart_country = next(iter(sorted(participants - {host_country})), None)
            return [self._report(sentence, kind, status, host, None, counterpart_country, participants, place, window, match.span(), confidence)]
        counterpart_country = place.country if kind == "visit" and place else counterpart.country if counterpart else None
        return [self._report(sentence, kind, status, actor, counterpart, counterpart_country, set(), place, window, match.span(), confidence)]

    def _inherited_meeting(self, sentence: _Sentence, match: re.Match, clause_start: int, clause_end: int) -> list[ContactReport | None]:
        """"they aimed to hold a first meeting in Jordan": the parties of the last meeting named."""
        previous = self._last_report(sentence, ("multilateral_meeting", "third_location_meeting"))
        if previous is None:
            return []
        place = _place_of_clause(sentence, clause_start, clause_end, match.end())
        status = _status(sentence, clause_start, clause_end, match.start(), match.end(), None)
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        participants = set(previous.participant_countries) | ({place.country} if place else set())
        confidence = _confidence(verbal=False, named=False, explicit_place=place is not None, dated=not window.is_empty, inherited=True)
        return [
            self._report(
                sentence, previous.kind, status, previous.actor, previous.counterpart, previous.counterpart_country, participants,
                place, window, match.span(), confidence, inherited=True,
            )
        ]

    def _mediate(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        text = sentence.text
        clause_start, clause_end = _clause(text, match.start(), match.end())
        mediator = None
        adjective = re.search(r"\b([\w-]+)\s+$", text[: match.start()])
        if adjective:
            code = _demonym_country(adjective.group(1), self.gazetteer)
            if code:
                mediator = self._country_party(code, adjective.start(1), adjective.end(1))
        if mediator is None:
            mediator = _possessor_before(sentence, match.start(), self.previous_persons)
        if mediator is None:
            subjects = _subjects_before(sentence, clause_start, match.start())
            mediator = subjects[-1] if subjects else None
        if mediator is None:
            return []
        between = re.compile(r"\bbetween\s+", re.IGNORECASE).search(text, match.end(), clause_end)
        if between:
            parties = [actor for actor in _objects_after(sentence, between.end(), clause_end) if actor.country != mediator.country]
            parties += [
                Party(place.country, None, place.text, place.start, place.end, "country")
                for place in sentence.places
                if between.end() <= place.start < clause_end and place.country != mediator.country
            ]
        else:
            # "Iran has requested Iraq's mediation to reestablish dialogue with the Syrian leadership"
            opening = next((actor for actor in _actors_in(sentence, clause_start, match.start()) if actor.country != mediator.country), None)
            parties = ([opening] if opening else []) + [actor for actor in _objects_after(sentence, match.end(), clause_end) if actor.country != mediator.country]
        countries = set(party.country for party in parties)
        if len(countries) < 2:
            return []
        status = _status(sentence, clause_start, clause_end, match.start(), match.end(), mediator)
        if status == "declined":
            return []
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        confidence = _confidence(verbal=True, named=bool(mediator.actor_id), explicit_place=False, dated=not window.is_empty, inherited=False)
        first = min(parties, key=lambda party: party.start)
        return [self._report(sentence, "mediation", status, mediator, first, first.country, countries | {mediator.country}, None, window, match.span(), confidence)]

    def _invite(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        text = sentence.text
        if _NEGATED_INVITATION.search(text[max(0, match.start() - 25) : match.start()]):
            return []
        clause_start, clause_end = _clause(text, match.start(), match.end())
        word = match.group().lower()
        if word.startswith("invitation"):
            inviter = _possessor_before(sentence, match.start(), self.previous_persons)
            source = re.compile(r"\s*from\s+", re.IGNORECASE).match(text, match.end())
            if source:
                inviter = next((actor for actor in sentence.actors if source.end() <= actor.start <= source.end() + 30), inviter)
            recipient = re.compile(r"\s*(?:for|to)\s+", re.IGNORECASE).match(text, match.end())
            invitee = next((actor for actor in sentence.actors if recipient.end() <= actor.start <= recipient.end() + 40), None) if recipient else None
            if invitee is None:
                subjects = _subjects_before(sentence, clause_start, match.start(), exclude_country=inviter.country if inviter else None)
                invitee = subjects[-1] if subjects else None
        else:
            inviters = _subjects_before(sentence, clause_start, match.start())
            inviter = inviters[-1] if inviters else None
            invitee = next(
                (actor for actor in _objects_after(sentence, match.end(), min(clause_end, match.end() + 50)) if inviter is None or actor.country != inviter.country),
                None,
            )
        if invitee is None or inviter is None or invitee.country == inviter.country:
            return []
        place, event_name, event_match = self._referenced_event(sentence, match.end(), len(text))
        if place is None:
            place = _place_after(sentence, match.end(), clause_end)
        destination = place.country if place else inviter.country
        if destination == invitee.country:
            return []
        status = "declined" if _DECLINED.search(text[match.end() :]) else "planned"
        window = _window(sentence, clause_start, len(text), match.start(), match.end(), status, self.published)
        if window.is_empty and place is not None and event_match is not None:
            window = self._event_window(place)
        located = place if place is not None and place.start >= 0 or place is not None and place.city else None
        confidence = _confidence(verbal=True, named=bool(invitee.actor_id), explicit_place=place is not None and place.start >= 0, dated=not window.is_empty, inherited=False)
        reports = [self._report(sentence, "visit", status, invitee, inviter, destination, set(), located, window, match.span(), confidence)]
        if event_match is not None and status == "planned" and re.search(r"\b(?:summit|conference|forum|ministerial)\b", event_name or "", re.IGNORECASE) and _is_intergovernmental(event_name):
            host = self._country_party(destination)
            reports.append(
                self._report(
                    sentence, "multilateral_meeting", "planned", host, invitee, invitee.country, {destination, invitee.country},
                    located, window, match.span(), confidence - 0.1, event_name,
                )
            )
        return reports

    def _attend(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        text = sentence.text
        word = match.group().lower()
        clause_start, clause_end = _clause(text, match.start(), match.end())
        place, event_name, event_match = self._referenced_event(sentence, match.end(), clause_end)
        if event_match is None:
            earlier = [m for m in _EVENT_NOUN.finditer(text, 0, match.start()) if not _NOT_AN_EVENT.search(text[: m.start()])]
            if not earlier:
                return []
            place, event_name, event_match = self._referenced_event(sentence, earlier[-1].start(), len(text))
        if place is None or not _is_intergovernmental(event_name):
            return []
        host_country = place.country
        attendee = None
        if word.startswith("represent") and re.match(r"\s+by\b", text[match.end() :], re.IGNORECASE):
            attendee = next((actor for actor in sentence.actors if match.end() < actor.start <= match.end() + 40), None)
        if attendee is None and word == "absence":
            attendee = _possessor_before(sentence, match.start(), self.previous_persons) or _actor_after_by_or_of(sentence, match.end(), clause_end)
        if attendee is None and word == "absent":
            attendee = next((actor for actor in reversed(sentence.actors) if actor.end <= match.start() and match.start() - actor.end <= 12), None)
        if attendee is None:
            subjects = _subjects_before(sentence, clause_start, match.start(), exclude_country=host_country)
            attendee = subjects[-1] if subjects else None
        if attendee is None and _SINGLE_PRONOUN.search(text[clause_start : match.start()]):
            attendee = _resolve_pronoun(sentence, match.start(), self.previous_persons)
        if attendee is None and word.startswith(("speaking", "attending")) and match.start() - clause_start <= 2:
            attendee = next((actor for actor in sentence.actors if actor.start > event_match.end()), None)
        if attendee is None or attendee.country == host_country:
            return []
        located = place if place.start >= 0 or place.city else None
        near_start = attendee.end if attendee.end <= match.start() else match.start() - 40
        declined = bool(_DECLINED.search(text[max(clause_start, near_start) : match.end() + 5]))
        status = "declined" if declined else _status(sentence, clause_start, clause_end, match.start(), match.end(), attendee)
        if status == "declined" and not declined:
            return []
        window = _window(sentence, clause_start, len(text), match.start(), match.end(), status, self.published)
        if window.is_empty:
            window = self._event_window(place)
        confidence = _confidence(verbal=True, named=bool(attendee.actor_id), explicit_place=place.start >= 0, dated=not window.is_empty, inherited=place.start < 0)
        if declined:
            return [self._report(sentence, "visit", "declined", attendee, None, host_country, set(), located, window, match.span(), confidence)]
        host = self._country_party(host_country)
        return [
            self._report(
                sentence, "multilateral_meeting", status, host, attendee, attendee.country, {host_country, attendee.country},
                located, window, match.span(), confidence, event_name,
            )
        ]

    def _event(self, sentence: _Sentence, match: re.Match) -> list[ContactReport | None]:
        """A summit, conference or meeting of states being held, with its host and members."""
        text = sentence.text
        if _NOT_AN_EVENT.search(text[: match.start()]):
            return []
        clause_start, clause_end = _clause(text, match.start(), match.end())
        name = _event_name(text, match)
        if not _is_intergovernmental(name):
            return []
        clause = text[clause_start:clause_end]
        before = text[max(clause_start, match.start() - 60) : match.start()]
        if _EVENT_HOLDING_FUTURE.search(clause) or _PLANNED_ADJECTIVE.search(before):
            status = "planned"
        elif _EVENT_HOLDING_PAST.search(clause) or _PAST_ADJECTIVE.search(before):
            status = "occurred"
        else:
            return []
        place = self._event_place_near(sentence, match, clause_end)
        if place is not None and not place.governed and not text[place.end : match.start()].strip() == "":
            place = None
        host_subject = _HOST_SUBJECT.search(text[clause_start : match.start()])
        host_country = place.country if place else None
        if host_subject:
            hosts = _subjects_before(sentence, clause_start, clause_start + host_subject.start())
            if hosts:
                host_country = hosts[-1].country
        if host_country is None:
            return []
        participants = {host_country}
        if match.group().lower().startswith("meeting"):
            members = _objects_after(sentence, match.end(), clause_end)
            participants |= {member.country for member in members}
            for member in members:
                if _NEIGHBOURS.match(text[member.end :]):
                    participants |= self.gazetteer.neighbours.get(member.country, frozenset())
            if len(participants) < 3:
                return []
        window = _window(sentence, clause_start, clause_end, match.start(), match.end(), status, self.published)
        host = self._country_party(host_country, match.start(), match.end())
        confidence = _confidence(verbal=False, named=False, explicit_place=place is not None, dated=not window.is_empty, inherited=False) - 0.1
        counterpart_country = next(iter(sorted(participants - {host_country})), None)
        return [self._report(sentence, "multilateral_meeting", status, host, None, counterpart_country, participants, place, window, match.span(), confidence, name)]


def _demonym_country(word: str, gazetteer: Gazetteer) -> str | None:
    for entry in gazetteer.index.get((fold(word),), ()):
        if entry.kind in ("demonym", "country") and entry.country:
            return entry.country
    return None


def code_article(
    article_id: str,
    text: str,
    tokens: Tokens,
    sentences: list[Sentence],
    mentions: list[Mention],
    published: dt.date | None,
    gazetteer: Gazetteer,
) -> list[ContactReport]:
    """Every contact the sentences of one article report (repeated sentences are skipped).

    `tokens` and `mentions` are those of the whole article `text`.
    """
    coder = _Coder(article_id, published, gazetteer)
    reports: list[ContactReport] = []
    position = 0
    for sentence in sentences:
        while position < len(mentions) and mentions[position].start < sentence.char_start:
            position += 1
        cursor = position
        while cursor < len(mentions) and mentions[cursor].end <= sentence.char_end:
            cursor += 1
        inside = mentions[position:cursor]
        if sentence.is_repeated_paragraph:
            continue
        first_token = tokens.index_at_or_after(sentence.char_start)
        last_token = tokens.index_at_or_after(sentence.char_end)
        triggers = find_triggers(text, tokens, first_token, last_token, sentence.char_start)
        if triggers:
            reports.extend(coder.code_sentence(_prepare(sentence, inside, gazetteer), triggers))
        else:
            coder.remember_persons(_persons(sentence, inside, gazetteer))
    return reports
