"""Finding the gazetteer's names in one text: the names at each word (`matching.py`), what
each stands for (`interpretation.py`), and role phrases combined with their country
qualifiers and titles (`role_phrases.py`).

Source: one text and its tokens. Grain: one `Mention` per name or role phrase found.
"""

from __future__ import annotations

import datetime as dt

from orchestration.coding.gazetteer.interpretation import interpret
from orchestration.coding.gazetteer.matching import name_matches
from orchestration.coding.gazetteer.model import Gazetteer, Mention
from orchestration.coding.gazetteer.role_phrases import combine_role_phrases
from orchestration.coding.tokens import Tokens, has_arabic


def find_mentions(text: str, tokens: Tokens, gazetteer: Gazetteer, reference_date: dt.date | None) -> list[Mention]:
    """Every actor, role phrase, country and place named in `text`, in order.

    `reference_date` (the publication date) picks the holder of a role phrase; without it
    only roles that a single person ever held in the seeds name a person.
    """
    matches = name_matches(tokens, gazetteer, has_arabic=has_arabic(text))
    explicit = {e.actor_id for m in matches for e in m.entries if e.kind == "actor" and not e.needs_context}
    atoms: list[Mention] = []
    last_explicit_position: dict[str, int] = {}
    previous: Mention | None = None
    for match in matches:
        atom = interpret(match, tokens, gazetteer, explicit, last_explicit_position, previous, text, reference_date)
        if atom is None:
            continue
        if atom.actor_id and not any(e.needs_context for e in match.entries if e.actor_id == atom.actor_id):
            last_explicit_position[atom.actor_id] = atom.token_start
        atoms.append(atom)
        previous = atom
    mentions = combine_role_phrases(atoms, tokens, tokens.norms, text)
    for mention in mentions:
        if mention.kind == "role" and mention.actor_id is None and len(mention.countries) == 1 and mention.role:
            mention.actor_id = gazetteer.role_holder(mention.countries[0], mention.role, reference_date)
    return mentions
