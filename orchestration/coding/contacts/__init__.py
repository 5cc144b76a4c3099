"""The contact coder: official contacts between states, as news language reports them.

Source: one clean article (its sentences, gazetteer mentions and publication date).
Grain of the result: one `ContactReport` per contact a sentence reports; `resolve/`
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
against the publication date in the direction the status points (see `dates/`).

Anaphora: "the call", "the event", "the summit", "his visit" without the missing party or
place take them from the last report of that kind in the article; "he"/"his" is the last
person named.

Modules: `cues` (the patterns), `prepared` (a sentence's parties and places), `parties`
(who and where around a trigger), `status` (status, dates, confidence), `events` (events
named), `memory` (what the article said before), `handlers` (the table of trigger families
and their handlers in `calls`, `visits`, `meetings`, `summits`), `reporting` (one report),
`coder` (one article). Arabic sentences are coded by `arabic` from the cues of
`triggers_arabic` (verb first, its subject after it; see `cues_arabic`).
"""

from orchestration.coding.contacts.coder import code_article
from orchestration.coding.contacts.records import KINDS, MULTI_PARTY_KINDS, STATUSES, ContactReport, Party, Place

__all__ = ["KINDS", "MULTI_PARTY_KINDS", "STATUSES", "ContactReport", "Party", "Place", "code_article"]
