"""The gazetteer: who and where the articles talk about, compiled from the seed CSVs.

Source: `dbt_project/seeds/gazetteer_*.csv` and `contact_kinds.csv`, edited by analysts
(see `docs/gazetteer.md`). Grain of the compiled matcher: one entry per matching form of a
name (an alias of an actor, a place, a country name, a demonym or a role term).

Matching works on tokens (see `tokens.py`), so hyphen and spacing variants of one name
are one key, and a name only ever matches whole words ("Sudanese" never contains
"Sudan", "Sudani" never matches inside "Sudanese"). At each word the longest known name
wins. Three guards keep names from matching by accident:

- an alias marked `needs_context` (a bare surname such as "Sudani", a mistranslation such
  as "Sharia") counts only when the article also names the actor unambiguously, or when a
  title or honorific stands right before it ("President Sharia", "Mr Sudani");
- `not_preceded_by` / `not_followed_by` list words that veto a match ("Sharia law",
  "Saddam Hussein" is not Fuad Hussein);
- a short alias written in capitals ("IS", "SDF", "US") only matches capitals.

A role phrase ("Iraqi Prime Minister", "Syria's new foreign minister", "the Iraqi and
Syrian foreign ministers", "his Syrian counterpart") becomes a mention with the
countries of its qualifiers; with a publication date, a role held by exactly one person
in the seeds names that person.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from orchestration.coding.tokens import Tokens, fold, tokenize

SEED_FILES = {
    "actors": "gazetteer_actors.csv",
    "aliases": "gazetteer_aliases.csv",
    "roles": "gazetteer_roles.csv",
    "places": "gazetteer_places.csv",
    "countries": "gazetteer_countries.csv",
    "demonyms": "gazetteer_demonyms.csv",
    "neighbours": "gazetteer_neighbours.csv",
    "outlets": "gazetteer_outlets.csv",
    "contact_kinds": "contact_kinds.csv",
}

ACTOR_KINDS = frozenset({"person", "institution", "group"})
ROLE_LEVELS = frozenset(
    {"head_of_state", "head_of_government", "minister", "intelligence_security", "delegation", "military", "other", "honorific"}
)
PLACE_KINDS = frozenset({"capital", "city", "crossing", "region", "camp"})

# Words that may stand between a country qualifier and a role ("Syria's new foreign
# minister", "Iraq's Shiite-led government") are any words but these, which end the phrase.
_PHRASE_BREAKERS = frozenset(
    "and or but of to in on at for with by from into is was are were has have had will would "
    "said says say told the a an that which who whom whose as than after before during amid "
    "while since against between".split()
)
_MAX_QUALIFIER_GAP = 3
_ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


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
    key_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> key lengths, longest first

    def actor_name(self, actor_id: str) -> str:
        return self.actors[actor_id][0].name

    def actor_kind(self, actor_id: str) -> str:
        return self.actors[actor_id][0].kind

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


def _read(seeds_dir: Path, name: str, required: list[str]) -> list[dict[str, str]]:
    path = seeds_dir / SEED_FILES[name]
    if not path.exists():
        raise GazetteerError(f"{path} is missing")
    frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise GazetteerError(f"{path.name} lacks columns {missing}")
    return [
        {key: (value.strip() if isinstance(value, str) else "") for key, value in row.items()}
        for row in frame.fill_null("").iter_rows(named=True)
    ]


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise GazetteerError(f"{where}: '{value}' is not a YYYY-MM-DD date") from error


def _flag(value: str, where: str) -> bool:
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise GazetteerError(f"{where}: '{value}' is not true/false")


def _country(value: str, where: str) -> str | None:
    if not value:
        return None
    if len(value) != 3 or not value.isalpha() or not value.isupper():
        raise GazetteerError(f"{where}: '{value}' is not an ISO 3166 alpha-3 code")
    return value


def _words(value: str) -> frozenset[str]:
    return frozenset(fold(word) for word in value.split(";") if word.strip())


def _keys(phrase: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(matching key, surface words) of a phrase, plus its forms without the article al-/el-.

    A surname is often written without its article ("Sharaa" for "al-Sharaa"), so every
    form that drops one "al"/"el" before a word of four letters or more is added.
    """
    tokens = tokenize(phrase)
    key = tuple(tokens.norms)
    surface = tuple(tokens.raws)
    if not key:
        return []
    forms = [(key, surface)]
    for position, word in enumerate(key[:-1]):
        if word in ("al", "el") and len(key[position + 1]) >= 4:
            forms.append((key[:position] + key[position + 1 :], surface[:position] + surface[position + 1 :]))
    return forms


def _is_case_sensitive(surface: tuple[str, ...]) -> bool:
    """Short capitalised forms ("IS", "US", "SDF", "PM") match only as written."""
    letters = "".join(surface)
    return len(letters) <= 3 and letters.isupper()


def load_gazetteer(seeds_dir: Path) -> Gazetteer:
    """Read and check the seed CSVs in `seeds_dir` and compile the matcher."""
    index: dict[tuple[str, ...], list[Entry]] = defaultdict(list)

    def add(phrase: str, entry_for_surface, *, drop_article: bool = True) -> None:
        forms = _keys(phrase)
        for position, (key, surface) in enumerate(forms):
            if position > 0 and not drop_article:
                break
            entry = entry_for_surface(surface if _is_case_sensitive(surface) else None, position > 0)
            if entry not in index[key]:
                index[key].append(entry)

    role_levels: dict[str, str] = {}
    for row in _read(seeds_dir, "roles", ["term", "role", "role_level", "actor_kind"]):
        where = f"gazetteer_roles.csv, term '{row['term']}'"
        if row["role_level"] not in ROLE_LEVELS:
            raise GazetteerError(f"{where}: role_level '{row['role_level']}' is not one of {sorted(ROLE_LEVELS)}")
        role_levels.setdefault(row["role"], row["role_level"])

        def role_entry(surface, _dropped, row=row):
            return Entry("role", surface, role=row["role"], role_level=row["role_level"], actor_kind=row["actor_kind"])

        add(row["term"], role_entry, drop_article=False)

    actors: dict[str, list[ActorRole]] = defaultdict(list)
    for row in _read(seeds_dir, "actors", ["actor_id", "name", "kind", "country", "role", "role_level", "valid_from", "valid_to"]):
        where = f"gazetteer_actors.csv, actor '{row['actor_id']}'"
        if row["kind"] not in ACTOR_KINDS:
            raise GazetteerError(f"{where}: kind '{row['kind']}' is not one of {sorted(ACTOR_KINDS)}")
        if row["role_level"] not in ROLE_LEVELS:
            raise GazetteerError(f"{where}: role_level '{row['role_level']}' is not one of {sorted(ROLE_LEVELS)}")
        if row["role"] not in role_levels:
            raise GazetteerError(f"{where}: role '{row['role']}' is not a role of gazetteer_roles.csv")
        role = ActorRole(
            actor_id=row["actor_id"],
            name=row["name"],
            kind=row["kind"],
            country=_country(row["country"], where),
            role=row["role"],
            role_level=row["role_level"],
            valid_from=_date(row["valid_from"], where),
            valid_to=_date(row["valid_to"], where),
        )
        if actors[role.actor_id] and (actors[role.actor_id][0].country, actors[role.actor_id][0].kind) != (role.country, role.kind):
            raise GazetteerError(f"{where}: every row of one actor must share its country and kind")
        actors[role.actor_id].append(role)

    for row in _read(seeds_dir, "aliases", ["actor_id", "alias", "needs_context", "not_preceded_by", "not_followed_by"]):
        where = f"gazetteer_aliases.csv, alias '{row['alias']}'"
        if row["actor_id"] not in actors:
            raise GazetteerError(f"{where}: actor_id '{row['actor_id']}' is not in gazetteer_actors.csv")
        needs_context = _flag(row["needs_context"], where)
        before, after = _words(row["not_preceded_by"]), _words(row["not_followed_by"])

        def alias_entry(surface, dropped, row=row, needs_context=needs_context, before=before, after=after):
            return Entry(
                "actor",
                surface,
                actor_id=row["actor_id"],
                needs_context=needs_context or dropped,
                not_preceded_by=before,
                not_followed_by=after,
            )

        add(row["alias"], alias_entry)
    for actor_id, roles in actors.items():
        name = roles[0].name

        def name_entry(surface, dropped, actor_id=actor_id):
            return Entry("actor", surface, actor_id=actor_id, needs_context=dropped)

        add(name, name_entry)

    country_names: dict[str, str] = {}
    for row in _read(seeds_dir, "countries", ["country", "name", "match_case"]):
        where = f"gazetteer_countries.csv, name '{row['name']}'"
        code = _country(row["country"], where)
        country_names.setdefault(code, row["name"])
        exact = _flag(row["match_case"], where)
        for key, surface in _keys(row["name"])[:1]:
            entry = Entry("country", surface if exact or _is_case_sensitive(surface) else None, country=code)
            if entry not in index[key]:
                index[key].append(entry)

    demonyms: dict[str, list[str]] = defaultdict(list)
    for row in _read(seeds_dir, "demonyms", ["demonym", "country"]):
        code = _country(row["country"], f"gazetteer_demonyms.csv, demonym '{row['demonym']}'")
        demonyms[code].append(row["demonym"])
        add(row["demonym"], lambda surface, _dropped, code=code: Entry("demonym", surface, country=code), drop_article=False)

    capitals: list[tuple[str, str]] = []
    for row in _read(seeds_dir, "places", ["place", "city", "country", "kind"]):
        where = f"gazetteer_places.csv, place '{row['place']}'"
        if row["kind"] not in PLACE_KINDS:
            raise GazetteerError(f"{where}: kind '{row['kind']}' is not one of {sorted(PLACE_KINDS)}")
        code = _country(row["country"], where)
        city = row["city"] or None

        def place_entry(surface, _dropped, code=code, city=city, kind=row["kind"]):
            return Entry("place", surface, country=code, city=city, place_kind=kind)

        add(row["place"], place_entry)
        if row["kind"] == "capital" and city and (city, code) not in capitals:
            capitals.append((city, code))
    # "the Iraqi capital", "Jordan's capital", "the capital of Qatar" are the capital itself.
    names_by_country: dict[str, list[str]] = defaultdict(list)
    for key, entries in index.items():
        for entry in entries:
            if entry.kind == "country":
                names_by_country[entry.country].append(" ".join(key))
    for city, code in capitals:
        entry = Entry("place", None, country=code, city=city, place_kind="capital")
        for qualifier in [*demonyms.get(code, []), *names_by_country.get(code, [])]:
            words = tuple(tokenize(qualifier).norms)
            for key in (words + ("capital",), ("capital", "of") + words):
                if entry not in index[key]:
                    index[key].append(entry)

    neighbours: dict[str, set[str]] = defaultdict(set)
    for row in _read(seeds_dir, "neighbours", ["country", "neighbour"]):
        where = "gazetteer_neighbours.csv"
        neighbours[_country(row["country"], where)].add(_country(row["neighbour"], where))

    outlets = {row["domain"].lower(): row["outlet"] for row in _read(seeds_dir, "outlets", ["domain", "outlet"])}

    kinds: dict[str, ContactKind] = {}
    for row in _read(seeds_dir, "contact_kinds", ["kind", "cameo_code", "cameo_label", "plover_type", "plover_mode"]):
        if not (len(row["cameo_code"]) == 3 and row["cameo_code"].isdigit()):
            raise GazetteerError(f"contact_kinds.csv, kind '{row['kind']}': cameo_code '{row['cameo_code']}' is not a three-digit CAMEO code")
        kinds[row["kind"]] = ContactKind(row["kind"], row["cameo_code"], row["cameo_label"], row["plover_type"], row["plover_mode"] or None)

    holders: dict[tuple[str, str], list[ActorRole]] = defaultdict(list)
    for roles in actors.values():
        for role in roles:
            if role.country and role.kind == "person":
                holders[(role.country, role.role)].append(role)

    frozen_index = {key: tuple(entries) for key, entries in index.items()}
    key_lengths: dict[str, set[int]] = defaultdict(set)
    for key in frozen_index:
        key_lengths[key[0]].add(len(key))
    return Gazetteer(
        actors={actor_id: tuple(roles) for actor_id, roles in actors.items()},
        index=frozen_index,
        first_tokens=frozenset(key[0] for key in frozen_index),
        neighbours={code: frozenset(values) for code, values in neighbours.items()},
        contact_kinds=kinds,
        outlets=outlets,
        country_names=country_names,
        holders_by_role={key: tuple(values) for key, values in holders.items()},
        key_lengths={word: tuple(sorted(lengths, reverse=True)) for word, lengths in key_lengths.items()},
    )


@dataclass(slots=True)
class _Match:
    first: int
    last: int  # exclusive token index
    entries: tuple[Entry, ...]


def _raw_matches(tokens: Tokens, gazetteer: Gazetteer, has_arabic: bool) -> list[_Match]:
    """Longest known name at each word, left to right (names never overlap)."""
    norms = tokens.norms
    first_tokens = gazetteer.first_tokens
    if has_arabic:
        # Arabic clitics attach to the word ("وبغداد", "and Baghdad").
        norms = tuple(
            word[1:] if word not in first_tokens and word[:1] in _ARABIC_PROCLITICS and word[1:] in first_tokens else word for word in norms
        )
    index = gazetteer.index
    lengths_by_first = gazetteer.key_lengths
    raws = tokens.raws
    matches: list[_Match] = []
    count = len(norms)
    covered = 0
    for position in [position for position, word in enumerate(norms) if word in first_tokens]:
        if position < covered:
            continue
        lengths = lengths_by_first[norms[position]]
        reach = position + 1
        while reach < count and reach - position < lengths[0] and tokens.joined_to_previous(reach):
            reach += 1
        for length in lengths:
            end = position + length
            if end > reach:
                continue
            entries = index.get(tuple(norms[position:end]))
            if not entries:
                continue
            surface = tuple(raws[position:end])
            usable = tuple(entry for entry in entries if entry.surface is None or entry.surface == surface)
            if usable:
                matches.append(_Match(position, end, usable))
                covered = end
                break
    return matches


def find_mentions(text: str, tokens: Tokens, gazetteer: Gazetteer, reference_date: dt.date | None) -> list[Mention]:
    """Every actor, role phrase, country and place named in `text`, in order.

    `reference_date` (the publication date) picks the holder of a role phrase; without it
    only roles that a single person ever held in the seeds name a person.
    """
    matches = _raw_matches(tokens, gazetteer, has_arabic=not text.isascii() and _ARABIC_LETTER.search(text) is not None)
    explicit = {
        entry.actor_id
        for match in matches
        for entry in match.entries
        if entry.kind == "actor" and not entry.needs_context
    }
    norms = tokens.norms
    atoms: list[Mention] = []
    last_explicit_position: dict[str, int] = {}
    previous: Mention | None = None
    for match in matches:
        atom = _interpret(match, tokens, gazetteer, explicit, last_explicit_position, previous, text, reference_date)
        if atom is None:
            continue
        if atom.actor_id and not any(e.needs_context for e in match.entries if e.actor_id == atom.actor_id):
            last_explicit_position[atom.actor_id] = atom.token_start
        atoms.append(atom)
        previous = atom
    mentions = _combine(atoms, tokens, norms, text)
    for mention in mentions:
        if mention.kind == "role" and mention.actor_id is None and len(mention.countries) == 1 and mention.role:
            mention.actor_id = gazetteer.role_holder(mention.countries[0], mention.role, reference_date)
    return mentions


def _interpret(
    match: _Match,
    tokens: Tokens,
    gazetteer: Gazetteer,
    explicit: set[str],
    last_explicit_position: dict[str, int],
    previous: Mention | None,
    text: str,
    reference_date: dt.date | None,
) -> Mention | None:
    first, last = match.first, match.last
    start, end = tokens.starts[first], tokens.ends[last - 1]
    before = tokens.norms[first - 1] if first > 0 else ""
    after = tokens.norms[last] if last < len(tokens.norms) else ""
    titled = previous is not None and previous.kind == "role" and previous.token_end == first
    base = dict(
        start=start,
        end=end,
        text=text[start:end],
        token_start=first,
        token_end=last,
        possessive=tokens.possessive[last - 1],
    )
    candidates = []
    for entry in match.entries:
        if entry.kind != "actor":
            continue
        if before in entry.not_preceded_by or after in entry.not_followed_by:
            continue
        if entry.needs_context and entry.actor_id not in explicit and not titled:
            continue
        candidates.append(entry)
    if candidates:
        if len({entry.actor_id for entry in candidates}) > 1:
            licensed = [entry for entry in candidates if entry.actor_id in explicit] or candidates
            candidates = sorted(licensed, key=lambda entry: -last_explicit_position.get(entry.actor_id, -1))
        actor_id = candidates[0].actor_id
        roles = gazetteer.actors[actor_id]
        held = next((role for role in roles if reference_date and role.holds_on(reference_date)), roles[-1])
        return Mention(
            **base,
            kind=held.kind,
            actor_id=actor_id,
            countries=(held.country,) if held.country else (),
            role=held.role,
            role_level=held.role_level,
            titled=titled,
        )
    if any(entry.kind == "actor" for entry in match.entries) and not any(entry.kind != "actor" for entry in match.entries):
        return None
    for entry in match.entries:
        if entry.kind == "place":
            return Mention(**base, kind="place", countries=(entry.country,) if entry.country else (), city=entry.city, place_kind=entry.place_kind)
    for entry in match.entries:
        if entry.kind == "role":
            return Mention(**base, kind="role", role=entry.role, role_level=entry.role_level)
    for entry in match.entries:
        if entry.kind in ("country", "demonym"):
            only_demonym = all(other.kind == "demonym" for other in match.entries)
            return Mention(**base, kind="country", countries=(entry.country,), is_demonym=only_demonym)
    return None


def _plain_words_between(tokens: Tokens, first: int, last: int) -> bool:
    """True when tokens first..last-1 are at most a few ordinary words, without punctuation
    between any of them or before token `last`."""
    if last - first > _MAX_QUALIFIER_GAP:
        return False
    if any(tokens.norms[position] in _PHRASE_BREAKERS for position in range(first, last)):
        return False
    return all(tokens.joined_to_previous(position) for position in range(first, last + 1))


def _titled(person: Mention, title: Mention, text: str) -> Mention:
    """The person with the title before the name ("Iraqi Foreign Minister Fuad Hussein")."""
    person.titled = True
    person.start, person.token_start = title.start, title.token_start
    person.text = text[person.start : person.end]
    return person


def _combine(atoms: list[Mention], tokens: Tokens, norms: tuple[str, ...], text: str) -> list[Mention]:
    """Merge qualifiers, role terms and names into mentions.

    "Iraqi" + "Prime Minister" is a role mention of IRQ; "Foreign Minister" + "Fuad Hussein"
    is the person (the title only confirms); "the Iraqi and Syrian foreign ministers" is
    one role mention of both countries; "President of Syria" qualifies from behind.
    """
    mentions: list[Mention] = []
    position = 0
    count = len(atoms)
    while position < count:
        atom = atoms[position]
        if atom.kind == "country":
            qualifiers = [atom]
            cursor = position + 1
            # "Iraqi and Syrian foreign ministers": a second qualifier joined by "and".
            if (
                cursor < count
                and atoms[cursor].kind == "country"
                and atoms[cursor].token_start == atom.token_end + 1
                and norms[atom.token_end] in ("and", "&")
            ):
                qualifiers.append(atoms[cursor])
                cursor += 1
            role_atom = atoms[cursor] if cursor < count else None
            if (
                role_atom is not None
                and role_atom.kind == "role"
                and role_atom.role_level != "honorific"
                and _plain_words_between(tokens, qualifiers[-1].token_end, role_atom.token_start)
            ):
                role = Mention(
                    start=qualifiers[0].start,
                    end=role_atom.end,
                    text=text[qualifiers[0].start : role_atom.end],
                    kind="role",
                    token_start=qualifiers[0].token_start,
                    token_end=role_atom.token_end,
                    countries=tuple(dict.fromkeys(code for qualifier in qualifiers for code in qualifier.countries)),
                    role=role_atom.role,
                    role_level=role_atom.role_level,
                    possessive=role_atom.possessive,
                )
                position = cursor + 1
                following = atoms[position] if position < count else None
                if following is not None and following.kind in ("person", "institution") and following.token_start == role.token_end:
                    mentions.append(_titled(following, role, text))
                    position += 1
                    continue
                mentions.append(role)
                continue
            mentions.append(atom)
            position += 1
            continue
        if atom.kind == "role":
            following = atoms[position + 1] if position + 1 < count else None
            if following is not None and following.kind in ("person", "institution") and following.token_start == atom.token_end:
                atoms[position + 1] = _titled(following, atom, text)
                position += 1
                continue
            # "President of Syria", "the head of the Intelligence Service of Iraq".
            if (
                following is not None
                and following.kind == "country"
                and atom.role_level != "honorific"
                and following.token_start in (atom.token_end + 1, atom.token_end + 2)
                and norms[atom.token_end] == "of"
                and (following.token_start == atom.token_end + 1 or norms[atom.token_end + 1] == "the")
            ):
                mentions.append(
                    Mention(
                        start=atom.start,
                        end=following.end,
                        text=text[atom.start : following.end],
                        kind="role",
                        token_start=atom.token_start,
                        token_end=following.token_end,
                        countries=following.countries,
                        role=atom.role,
                        role_level=atom.role_level,
                        possessive=following.possessive,
                    )
                )
                position += 2
                continue
            # A role without a country ("the Prime Minister", "Mr") names no one by itself.
            position += 1
            continue
        mentions.append(atom)
        position += 1
    return mentions
