"""The words of Arabic news that report contacts between officials, and the words around
them that make a contact planned or negated.

Source: the language of Arabic news reports on diplomacy (Modern Standard Arabic). Grain:
one `ArabicCue` per word or phrase, written here as it is printed and folded on loading
(`tokens.fold`: hamza forms to ا, ة to ه, no diacritics), so that a table row covers its
spelling variants.

Families, and the order of their parties (Arabic puts the verb first, its subject after it):

- visit: the subject travels to the object ("زار الرئيس ... دمشق", "وصل ... إلى دمشق");
- host: the subject receives the object, a guest ("استقبل الرئيس ... وزير الخارجية ...");
- meet: the subject and the object meet or hold talks ("التقى", "مباحثات", "بحث ... مع");
- phone: the subject and the object speak by telephone ("اتصال هاتفي", "تلقى اتصالا").

A verb names its subject after it; a noun names its party in the genitive right after it
("زيارة الرئيس التركي إلى بغداد") or by a pronoun suffix ("زيارته لدمشق"), whose owner is
the subject of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.coding.tokens import fold


@dataclass(frozen=True, slots=True)
class ArabicCue:
    family: str
    is_verb: bool


def _table(rows: dict[str, tuple[str, bool]]) -> dict[tuple[str, ...], ArabicCue]:
    return {tuple(fold(word) for word in phrase.split()): ArabicCue(*cue) for phrase, cue in rows.items()}


_VERB, _NOUN = True, False

CUES = _table(
    {
        "زار": ("visit", _VERB),
        "يزور": ("visit", _VERB),
        "تزور": ("visit", _VERB),
        "زيارة": ("visit", _NOUN),
        "زيارات": ("visit", _NOUN),
        "جولة": ("visit", _NOUN),
        "وصل": ("visit", _VERB),
        "وصلت": ("visit", _VERB),
        "يصل": ("visit", _VERB),
        "تصل": ("visit", _VERB),
        "توجه إلى": ("visit", _VERB),
        "يتوجه إلى": ("visit", _VERB),
        "وصول": ("visit", _NOUN),
        "استقبل": ("host", _VERB),
        "استقبلت": ("host", _VERB),
        "يستقبل": ("host", _VERB),
        "تستقبل": ("host", _VERB),
        "استضاف": ("host", _VERB),
        "استضافت": ("host", _VERB),
        "يستضيف": ("host", _VERB),
        "تستضيف": ("host", _VERB),
        "التقى": ("meet", _VERB),
        "التقت": ("meet", _VERB),
        "يلتقي": ("meet", _VERB),
        "تلتقي": ("meet", _VERB),
        "اجتمع": ("meet", _VERB),
        "اجتمعت": ("meet", _VERB),
        "يجتمع": ("meet", _VERB),
        "تجتمع": ("meet", _VERB),
        "بحث": ("meet", _VERB),
        "بحثت": ("meet", _VERB),
        "يبحث": ("meet", _VERB),
        "تبحث": ("meet", _VERB),
        "لقاء": ("meet", _NOUN),
        "اجتماع": ("meet", _NOUN),
        "مباحثات": ("meet", _NOUN),
        "محادثات": ("meet", _NOUN),
        "مشاورات": ("meet", _NOUN),
        "اتصال هاتفي": ("phone", _NOUN),
        "اتصالا هاتفيا": ("phone", _NOUN),
        "مكالمة هاتفية": ("phone", _NOUN),
        "اتصالا": ("phone", _NOUN),
        "هاتف": ("phone", _VERB),
        "يهاتف": ("phone", _VERB),
    }
)
# "اتصالا" alone is a call only after "تلقى" or "أجرى" ("تلقى اتصالا من"); elsewhere it may be
# any contact or link.
CUES_ONLY_AFTER = {("اتصالا",): frozenset(fold(word) for word in ("تلقى", "أجرى", "يتلقى", "يجري", "تلقت", "أجرت"))}

# After a verb of talks, the talks were by telephone ("بحث هاتفيا مع", "تباحثا عبر الهاتف").
PHONE_ADVERBS = frozenset(fold(word) for word in ("هاتفيا", "الهاتف", "هاتفي"))

# Attached to the front of a word, in this order: a conjunction, a preposition, the article
# (whose alif is not written after ل: "للمباحثات").
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
_ARTICLES = ("", "ال")
PROCLITICS = tuple(
    sorted(
        (
            {c + p + a for c in _CONJUNCTIONS for p in _PREPOSITIONS for a in _ARTICLES}
            | {c + "لل" for c in _CONJUNCTIONS}
        )
        - {""},
        key=len,
        reverse=True,
    )
)
# A verb takes a conjunction only: "البحث" is the noun "research", not the verb "بحث".
VERB_PROCLITICS = frozenset(_CONJUNCTIONS)
# The future prefix of an imperfect verb ("سيزور", "ستستقبل").
FUTURE_PREFIX = "س"
IMPERFECT_PREFIXES = frozenset("يتنا")
# Attached to the end of a noun: its owner ("زيارته", "his visit"); ة is written ت before them.
PRONOUN_SUFFIXES = tuple(fold(suffix) for suffix in ("هما", "هم", "ها", "ه"))

# Words before a cue that make it a plan: future, schedule, intention, hope, invitation
# (read with their clitics off: "ومن المقرر", "تطلعه").
PLANNED_BEFORE = frozenset(
    fold(word)
    for word in (
        "سوف",
        "المقرر",
        "المنتظر",
        "المتوقع",
        "يعتزم",
        "تعتزم",
        "ينوي",
        "تنوي",
        "يرتقب",
        "يتوقع",
        "يزمع",
        "يتطلع",
        "تتطلع",
        "تطلع",
        "يأمل",
        "تأمل",
        "دعوة",
        "دعا",
        "دعت",
        "يدعو",
        "تلبية",
    )
)
# Words after a cue that make it a plan: a noun's own adjective ("الزيارة المرتقبة") or a
# time to come ("غدا", "الأسبوع المقبل", "قريبا").
PLANNED_AFTER = frozenset(
    fold(word) for word in ("المرتقبة", "المرتقب", "المقبلة", "المقبل", "القادمة", "القادم", "المزمعة", "غدا", "قريبا")
)
# Negation right before a verb ("لم يزر", "لن يزور"), or a refusal before the cue.
NEGATIONS = frozenset(fold(word) for word in ("لم", "لن", "لا"))
# Particles that may stand between a subject and its verb ("أمير قطر قد زار").
VERB_PARTICLES = frozenset(fold(word) for word in ("قد", "لقد"))
REFUSALS = frozenset(fold(word) for word in ("رفض", "يرفض", "رفضت", "اعتذر", "اعتذرت", "نفى", "نفت", "ينفي"))
# Jussive forms after "لم" drop a weak letter: "لم يزر" for "يزور".
JUSSIVE = {
    fold("يزر"): fold("يزور"),
    fold("تزر"): fold("تزور"),
    fold("يلتق"): fold("يلتقي"),
    fold("تلتق"): fold("تلتقي"),
}

# "في" before a name makes it the place of the contact, not a party to it ("في الرياض").
PLACE_PREPOSITIONS = frozenset({fold("في")})
# Nouns that may stand between "في" and the name of a place ("في العاصمة السورية").
PLACE_NOUNS = frozenset(fold(word) for word in ("العاصمة", "عاصمة", "مدينة", "المدينة"))
# Words that end the reach of a cue over the names after it: another event begins.
REACH_BREAKERS = frozenset(
    fold(word)
    for word in ("منذ", "بعد", "قبل", "عقب", "حيث", "الذي", "التي", "الذين", "إن", "أن", "قال", "كان", "بشأن")
)
