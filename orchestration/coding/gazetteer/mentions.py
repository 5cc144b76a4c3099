"""Finding the gazetteer's names in one text: the longest name at each word, its guards
(`needs_context`, `not_preceded_by`, `not_followed_by`, capitals), and role phrases
combined with their country qualifiers and titles.

Source: one text and its tokens. Grain: one `Mention` per name or role phrase found.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from orchestration.coding.gazetteer.model import Entry, Gazetteer, Mention
from orchestration.coding.tokens import Tokens

# Words that may stand between a country qualifier and a role ("Syria's new foreign
# minister", "Iraq's Shiite-led government") are any words but these, which end the phrase.
# Laid out as lines of words, not the formatter's one word a line.
# fmt: off
_PHRASE_BREAKERS = frozenset((
    "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "is", "was", "are",
    "were", "has", "have", "had", "will", "would", "said", "says", "say", "told", "the", "a", "an", "that",
    "which", "who", "whom", "whose", "as", "than", "after", "before", "during", "amid", "while", "since",
    "against", "between"
))
# fmt: on
_MAX_QUALIFIER_GAP = 3
_ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


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
            word[1:]
            if word not in first_tokens and word[:1] in _ARABIC_PROCLITICS and word[1:] in first_tokens
            else word
            for word in norms
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
    explicit = {e.actor_id for m in matches for e in m.entries if e.kind == "actor" and not e.needs_context}
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
    base = {
        "start": start,
        "end": end,
        "text": text[start:end],
        "token_start": first,
        "token_end": last,
        "possessive": tokens.possessive[last - 1],
    }
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
    if any(entry.kind == "actor" for entry in match.entries) and not any(
        entry.kind != "actor" for entry in match.entries
    ):
        return None
    for entry in match.entries:
        if entry.kind == "place":
            return Mention(
                **base,
                kind="place",
                countries=(entry.country,) if entry.country else (),
                city=entry.city,
                place_kind=entry.place_kind,
            )
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
    between any of them or before token `last`; never after an Arabic qualifier (it follows its role)."""
    if last - first > _MAX_QUALIFIER_GAP or not tokens.norms[first - 1].isascii():
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


def _qualifies_from_behind(gap: tuple[str, ...], country: Mention) -> bool:
    """ "President of (the) Syria"; an Arabic qualifier follows its role directly ("أمير قطر")."""
    if not gap:
        return not country.text.isascii()
    return gap[0] == "of" and gap[1:] in ((), ("the",))


# How far back (in words) "the minister" looks for the minister it repeats.
_ANTECEDENT_REACH = 400


def _antecedent(mentions: list[Mention], role: Mention, norms: tuple[str, ...]) -> Mention | None:
    """The last mention of the same role with one country, when `role` follows "the"."""
    if role.role_level == "honorific" or role.token_start == 0 or norms[role.token_start - 1] != "the":
        return None
    for earlier in reversed(mentions):
        if role.token_start - earlier.token_end > _ANTECEDENT_REACH:
            return None
        if earlier.kind in ("role", "person") and earlier.role == role.role and len(earlier.countries) == 1:
            return earlier
    return None


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
                if (
                    following is not None
                    and following.kind in ("person", "institution")
                    and following.token_start == role.token_end
                ):
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
            if (
                following is not None
                and following.kind in ("person", "institution")
                and following.token_start == atom.token_end
            ):
                atoms[position + 1] = _titled(following, atom, text)
                position += 1
                continue
            # "President of Syria", "the head of the Intelligence Service of Iraq", "الرئيس السوري".
            if (
                following is not None
                and following.kind == "country"
                and atom.role_level != "honorific"
                and _qualifies_from_behind(tuple(norms[atom.token_end : following.token_start]), following)
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
            # A role without a country names no one by itself ("Mr"), unless it is definite and
            # the article named that role before: "the president" after "US President Donald Trump".
            antecedent = _antecedent(mentions, atom, norms)
            if antecedent is not None:
                mentions.append(replace(atom, countries=antecedent.countries, actor_id=antecedent.actor_id))
            position += 1
            continue
        mentions.append(atom)
        position += 1
    return mentions
