"""The cue patterns of the contact coder: the words around a trigger that decide its status,
its clause, its parties and the events it names.

Source: the language of news reports on diplomacy. Each pattern is matched on one sentence
or on a slice of it; all but `LIST_GAP` ignore case.
"""

from __future__ import annotations

import re

from orchestration.coding.start_test import with_start_test


def _cue(pattern: str) -> re.Pattern[str]:
    return with_start_test(re.compile(pattern, re.IGNORECASE))


# Refusal and absence: searched near the trigger's own actor only.
DECLINED = _cue(
    r"\b(?:did|does|do|will|would|could|can|was|were|is|are|has|have|had)\s*(?:not|n['’]t)\s+(?:be\s+able\s+to\s+|be\s+)?"
    r"(?:attend|attending|participate|participating|take\s+part|taking\s+part|come|coming|travel|travelling|visit|visiting|go|going|join|joining|make\s+it)\b"
    r"|\b(?:won['’]t|cannot|can['’]t)\s+(?:attend|participate|take\s+part|come|travel|visit|go|join|make\s+it)\b"
    r"|\bnot\s+to\s+(?:attend|participate|take\s+part|come|travel|visit|go|join)\b"
    r"|\bdeclin(?:ed|es|ing)\s+(?:(?:an?|the|his|her|their)\s+(?:\w+\s+)?invitation|to\s+(?:attend|visit|come|travel|participate|take\s+part|go|join))\b"
    r"|\brefus(?:ed|es|ing)\s+to\s+(?:attend|visit|come|travel|participate|take\s+part|go|join)\b"
    r"|\bturn(?:ed|s)?\s+down\s+(?:an?|the|his|her|their)\s+(?:\w+\s+)?invitation\b"
    r"|\b(?:skip|skips|skipped|skipping|absent|absence|boycott|boycotts|boycotted|boycotting)\b"
    r"|\b(?:to|will|would)\s+miss\b|\bmissed\b|\bmisses\b|\bstay(?:ed|s)?\s+away\b|\bpulled\s+out\s+of\b"
)
# Future, intention, expectation and arrangement: anywhere in the clause before the trigger
# (and just after it: "planned for Saturday", "scheduled for late April").
PLANNED = _cue(
    r"\b(?:will|shall|would|going\s+to)\b|['’]ll\b"
    r"|\b(?:expected|scheduled|slated|poised|due|set|planning|preparing|aiming|aimed|intends|intended|hopes|hoped|seeks|sought|plans|planned|plan)\s+to\b"
    r"|\b(?:is|are|was|were)\s+to\s+(?:visit|attend|meet|hold|host|travel|participate|take\s+part|represent|lead|head|arrive)\b"
    r"|\b(?:planned|scheduled|set)\s+for\b|\bnext\s+(?:week|month|year)\b|\blater\s+this\s+(?:week|month|year)\b|\bto\s+be\s+held\b"
    r"|\bwhether\b|\bsoon\b|\barrang(?:e|es|ed|ing)\b|\bpostpon(?:e|es|ed|ement)\b|\bdelayed\b|\bcancel(?:l)?ed\b|\bcalled\s+off\b"
    r"|\b(?:may|might|could)\s+(?:visit|attend|meet|travel|hold|host|come)\b|\bnot\s+yet\b|\binvit(?:e|es|ed|ing|ation)\b"
    r"|\bwith\s+[^,;]{3,80}?\s+to\s+(?:represent|attend|participate|take\s+part|lead|head)\b"
)
# Words that make the trigger noun itself a plan ("the upcoming summit", "his planned visit").
PLANNED_ADJECTIVE = _cue(
    r"\b(?:upcoming|forthcoming|planned|proposed|anticipated|expected|prospective|scheduled|next|possible|potential)\s+(?:[\w-]+\s+){0,4}$"
)
PAST_ADJECTIVE = _cue(r"\b(?:previous|last|recent|latest|past)\s+(?:[\w-]+\s+){0,4}$")
NEGATED_INVITATION = _cue(r"\b(?:refus(?:ed|es|ing)|declin(?:ed|es|ing)|not|n['’]t|never)\s+(?:to\s+)?$")
CLAUSE_BREAK = _cue(
    r";|\s[–—]\s|\s-\s|,\s+(?=(?:while|whereas|but|although|though|which|where|when|as|after|before|following|amid|according|in\s+a\s+statement|with\s+(?!his|her|their))\b)"
    r"|\s+but\s+(?!also)"
)
# A dash that opens an aside closed by the same dash ("al-Sharaa - also known as al-Golani - in
# Damascus"): the pair encloses a parenthesis, not a clause break.
DASH_ASIDE = re.compile(r"\s([-–—])\s(?:(?!\s[-–—]\s)[^;]){1,80}?\s\1\s")
# ", which shares a border with Syria," between a subject and its verb: an aside, not a clause of its own.
RELATIVE_ASIDE = _cue(r",\s+(?:which|who|whose)\s[^,;]{1,100}?,")
# "the call with Erdogan", "the talks between": a contact noun followed by its own parties.
NAMES_ITS_PARTIES = _cue(r"\s*(?:with|between)\b")
# A destination that is a region, not a state ("his visit to the Middle East"): no state after it is the destination.
REGION_DESTINATION = _cue(
    r"\b(?:to|in|of|across|around)\s+(?:the\s+)?(?:Middle\s+East|Gulf\s+(?:states|region|countries)|Gulf|region|Levant|Arab\s+world"
    r"|Europe|Asia|Africa|Balkans|Caucasus|abroad)\b"
)
# A verb between a visit noun and a place: the place belongs to another clause ("the visit is part of
# efforts ... in Syria"), not to the noun.
VERB_AFTER_VISIT_NOUN = _cue(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|says|comes|came|marks|marked|arrived|arrives|met|meets)\b"
)
# "the visiting Syrian president": the participle names the traveller, not the one visited.
VISITING_AS_ADJECTIVE_AFTER = _cue(r"\b(?:is|are|was|were|be|been|while|when|after|before|during|by|of)\s+$")
# "met ... during an official visit": the meeting was a visit of its subject.
DURING_A_VISIT = _cue(r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:an?|his|her|the)\s+(?:[\w-]+\s+){0,2}visit\b")
NON_ACTOR_HEADS = _cue(
    r"\b(?:shipments?|convoys?|batch(?:es)?|lorries|trucks|tankers?|aid|wheat|oil|fuel|cargo|families|detainees|prisoners|refugees"
    r"|returnees|individuals|people|civilians|fighters|militants|troops|weapons|goods|crude|pilgrims|tourists|workers)\b"
)
# A capital used as a noun modifier ("the Damascus administration", "the Baghdad summit").
CAPITAL_AS_MODIFIER = _cue(
    r"\s*(?:summit|conference|meeting|talks|forum|government|administration|authorities|leadership|embassy|airport|province|governorate"
    r"|countryside|office|bureau|correspondent|residents|crossing|road|camp|declaration|agreement|process|format|platform)\b"
)
TOPIC_STOP = _cue(
    r"\b(?:on|about|over|regarding|concerning|amid|after|following|to\s+discuss|to\s+congratulate|including|against|despite|since)\b"
    # A participle clause after a comma ("..., stressing the role of Iran") says what was said, not who met.
    r"|,\s+(?:\w+ly\s+)?\w{3,}ing\b"
)
REPORTING_VERB = _cue(
    r"\b(?:said|says|say|announced|announces|confirmed|confirms|told\s+[\w\s]{1,30}|reported|reports|stated|added|noted|declared|revealed|informed\s+[\w\s]{1,30})\s+(?:\w+\s+)?$"
)
OTHER_EVENT = _cue(r"\b(?:after|following|since|amid|until|ouster|fall|death|war|invasion|offensive|elections?)\b")
# A date that modifies the noun of another event ("the weekend ouster of Assad").
DATED_OTHER_EVENT = _cue(
    r"\s*(?:ouster|fall|death|war|invasion|offensive|elections?|attacks?|strikes?|collapse|coup)\b"
)
EVENT_HOLDING_PAST = _cue(
    r"\b(?:began|opened|convened|concluded|ended|kicked\s+off|took\s+place|gathered|wrapped\s+up|was\s+held|were\s+held|held\s+in|hosted)\b"
)
EVENT_HOLDING_FUTURE = _cue(
    r"\b(?:will\s+(?:be\s+)?(?:host|hosted|held|hold|convene|convened|begin|open|take\s+place)|to\s+be\s+held|scheduled|set\s+to|is\s+to\s+be|upcoming|forthcoming|next|planned)\b"
)
HOST_SUBJECT = _cue(r"\b(?:host|hosts|hosted|hosting|will\s+host)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}$")
LIST_GAP = re.compile(r"^\s*(?:,|and|or|&|,\s*and|,\s*or)\s*$")
FOLLOWED_BY = _cue(r"\bfollowed\s+by\b|\balong\s+with\b|\baccompanied\s+by\b")
NEIGHBOURS = _cue(r"\s*(?:and|,)\s+(?:its|their)\s+neighbo(?:u)?r(?:s|ing\s+countries|ing\s+states)\b")
DEFINITE = _cue(r"\b(?:the|this|that|his|her|their|its)\s+(?:[\w-]+\s+){0,2}$")
PLURAL_SUBJECT = _cue(
    r"\b(?:they|the\s+(?:two|three|four|five|six)\s+(?:countries|sides|states|nations|neighbou?rs)|both\s+sides)\s+(?:\w+\s+){0,3}$"
)
EVENT_NOUN = _cue(r"\b(?:summits?|conferences?|forums?|ministerial|meetings?|events?|gatherings?)\b")
NOT_AN_EVENT = _cue(r"\b(?:press|news|video)\s+$")
SINGLE_PRONOUN = _cue(r"\b(?:he|she)\s+(?:\w+\s+){0,3}$")
POSSESSIVE_PRONOUN = _cue(r"\b(?:his|her)\s+(?:[\w-]+\s+){0,2}$")
