"""Compiling the gazetteer from the seed CSVs, with every row checked.

Source: `dbt_project/seeds/gazetteer_*.csv` and `contact_kinds.csv`. Grain of the result:
one `Entry` per matching form of a name; an invalid row raises `GazetteerError` naming
its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import polars as pl

from orchestration.coding.gazetteer.model import (
    ACTOR_KINDS,
    PLACE_KINDS,
    ROLE_LEVELS,
    ActorRole,
    ContactKind,
    Entry,
    Gazetteer,
    GazetteerError,
)
from orchestration.coding.tokens import fold, tokenize

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
    for row in _read(
        seeds_dir, "actors", ["actor_id", "name", "kind", "country", "role", "role_level", "valid_from", "valid_to"]
    ):
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
        if actors[role.actor_id] and (actors[role.actor_id][0].country, actors[role.actor_id][0].kind) != (
            role.country,
            role.kind,
        ):
            raise GazetteerError(f"{where}: every row of one actor must share its country and kind")
        if role.valid_from and role.valid_to and role.valid_to < role.valid_from:
            raise GazetteerError(f"{where}: the role {role.role} ends before it begins")
        if any(other.valid_from == role.valid_from for other in actors[role.actor_id]):
            # actor_id and valid_from are the key of a role period (dim_actor.actor_role_key).
            raise GazetteerError(f"{where}: two roles of one actor begin on {row['valid_from'] or 'no date'}")
        actors[role.actor_id].append(role)

    for row in _read(
        seeds_dir, "aliases", ["actor_id", "alias", "needs_context", "not_preceded_by", "not_followed_by"]
    ):
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
        add(
            row["demonym"],
            lambda surface, _dropped, code=code: Entry("demonym", surface, country=code),
            drop_article=False,
        )

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
            for key in ((*words, "capital"), ("capital", "of", *words)):
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
            raise GazetteerError(
                f"contact_kinds.csv, kind '{row['kind']}': cameo_code '{row['cameo_code']}' is not a three-digit CAMEO code"
            )
        kinds[row["kind"]] = ContactKind(
            row["kind"], row["cameo_code"], row["cameo_label"], row["plover_type"], row["plover_mode"] or None
        )

    holders: dict[tuple[str, str], list[ActorRole]] = defaultdict(list)
    for roles in actors.values():
        for role in roles:
            if role.country and role.kind == "person":
                holders[(role.country, role.role)].append(role)

    frozen_index = {key: tuple(entries) for key, entries in index.items()}
    long_key_lengths: dict[tuple[str, str], set[int]] = defaultdict(set)
    for key in frozen_index:
        if len(key) > 1:
            long_key_lengths[key[:2]].add(len(key))
    return Gazetteer(
        actors={actor_id: tuple(roles) for actor_id, roles in actors.items()},
        index=frozen_index,
        first_tokens=frozenset(key[0] for key in frozen_index),
        neighbours={code: frozenset(values) for code, values in neighbours.items()},
        contact_kinds=kinds,
        outlets=outlets,
        country_names=country_names,
        holders_by_role={key: tuple(values) for key, values in holders.items()},
        long_key_lengths={words: tuple(sorted(lengths, reverse=True)) for words, lengths in long_key_lengths.items()},
        person_roles=frozenset(
            entry.role
            for entries in frozen_index.values()
            for entry in entries
            if entry.kind == "role" and entry.actor_kind == "person" and entry.role_level != "honorific"
        ),
    )
