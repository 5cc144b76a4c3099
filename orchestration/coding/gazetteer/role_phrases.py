"""Role phrases out of the names found in a text: a role term with the country qualifiers
before it ("Iraqi Prime Minister", "the Iraqi and Syrian foreign ministers", "Syria's new
foreign minister") or after it ("President of Syria", "أمير قطر"), and a title confirming the
person it stands before ("Foreign Minister Fuad Hussein").

Source: the mentions of `interpretation.py`, in order. Grain: one `Mention` per name or
role phrase.
"""

from __future__ import annotations

from dataclasses import replace

from orchestration.coding.gazetteer.model import Mention
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


def combine_role_phrases(atoms: list[Mention], tokens: Tokens, norms: tuple[str, ...], text: str) -> list[Mention]:
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
