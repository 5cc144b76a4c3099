"""What one name found in a text stands for: the actor, place, role or country among the
entries of its words, after the guards (`needs_context`, `not_preceded_by`,
`not_followed_by`) and, for an alias of several actors, the one the article named last.

Source: one `NameMatch` with the tokens and text it was found in. Grain: one `Mention` per
match that stands for something.
"""

from __future__ import annotations

import datetime as dt

from orchestration.coding.gazetteer.matching import NameMatch
from orchestration.coding.gazetteer.model import Gazetteer, Mention
from orchestration.coding.tokens import Tokens


def interpret(
    match: NameMatch,
    tokens: Tokens,
    gazetteer: Gazetteer,
    explicit: set[str],
    last_explicit_position: dict[str, int],
    previous: Mention | None,
    text: str,
    reference_date: dt.date | None,
) -> Mention | None:
    """The mention `match` makes, or None when its guards veto every entry.

    `explicit` holds the actors the article names unambiguously, `last_explicit_position`
    the token where each was last named, `previous` the mention before this one.
    """
    first, last = match.first, match.last
    entries = match.entries
    start, end = tokens.starts[first], tokens.ends[last - 1]
    titled = previous is not None and previous.kind == "role" and previous.token_end == first
    possessive = tokens.possessive[last - 1]
    has_actor = has_other = False
    for entry in entries:
        if entry.kind == "actor":
            has_actor = True
        else:
            has_other = True
    if has_actor:
        before = tokens.norms[first - 1] if first > 0 else ""
        after = tokens.norms[last] if last < len(tokens.norms) else ""
        candidates = [
            entry
            for entry in entries
            if entry.kind == "actor"
            and before not in entry.not_preceded_by
            and after not in entry.not_followed_by
            and (not entry.needs_context or entry.actor_id in explicit or titled)
        ]
        if candidates:
            if len({entry.actor_id for entry in candidates}) > 1:
                licensed = [entry for entry in candidates if entry.actor_id in explicit] or candidates
                candidates = sorted(licensed, key=lambda entry: -last_explicit_position.get(entry.actor_id, -1))
            actor_id = candidates[0].actor_id
            roles = gazetteer.actors[actor_id]
            held = next((role for role in roles if reference_date and role.holds_on(reference_date)), roles[-1])
            return Mention(
                start,
                end,
                text[start:end],
                held.kind,
                first,
                last,
                actor_id=actor_id,
                countries=(held.country,) if held.country else (),
                role=held.role,
                role_level=held.role_level,
                possessive=possessive,
                titled=titled,
            )
        if not has_other:
            return None
    for entry in entries:
        if entry.kind == "place":
            return Mention(
                start,
                end,
                text[start:end],
                "place",
                first,
                last,
                countries=(entry.country,) if entry.country else (),
                city=entry.city,
                place_kind=entry.place_kind,
                possessive=possessive,
            )
    for entry in entries:
        if entry.kind == "role":
            return Mention(
                start,
                end,
                text[start:end],
                "role",
                first,
                last,
                role=entry.role,
                role_level=entry.role_level,
                possessive=possessive,
            )
    for entry in entries:
        if entry.kind in ("country", "demonym"):
            # When this entry is a country's name, they are not all demonyms: no need to look further.
            only_demonym = entry.kind == "demonym" and all(other.kind == "demonym" for other in entries)
            return Mention(
                start,
                end,
                text[start:end],
                "country",
                first,
                last,
                countries=(entry.country,),
                is_demonym=only_demonym,
                possessive=possessive,
            )
    return None
