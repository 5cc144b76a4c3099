"""The table of trigger families and the handler that codes a trigger of each into reports.

Source: the families that `triggers.py` and `triggers_arabic.py` give their triggers. Every
family has one entry.
"""

from __future__ import annotations

from collections.abc import Callable

from orchestration.coding.contacts.arabic import code_arabic
from orchestration.coding.contacts.calls import code_phone
from orchestration.coding.contacts.guests import code_host, code_invite
from orchestration.coding.contacts.meetings import code_mediate, code_meet
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport
from orchestration.coding.contacts.summits import code_attend, code_event
from orchestration.coding.contacts.visits import code_send, code_visit
from orchestration.coding.triggers import Trigger

Handler = Callable[[ArticleMemory, PreparedSentence, Trigger], list[ContactReport | None]]

HANDLERS: dict[str, Handler] = {
    "phone": code_phone,
    "mediate": code_mediate,
    "invite": code_invite,
    "host": code_host,
    "send": code_send,
    "visit": code_visit,
    "attend": code_attend,
    "meet": code_meet,
    "event": code_event,
    "ar_visit": code_arabic,
    "ar_host": code_arabic,
    "ar_meet": code_arabic,
    "ar_phone": code_arabic,
}
