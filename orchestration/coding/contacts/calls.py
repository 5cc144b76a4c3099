"""The handler of phone-call triggers ("phone call", "telephoned", "called his counterpart").

Source: one prepared sentence and one trigger of the `phone` family. Grain: `phone_call` reports.
"""

from __future__ import annotations

from orchestration.coding.contacts.cues import DEFINITE, NAMES_ITS_PARTIES, TOPIC_STOP
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.parties import (
    actors_in,
    clause_around,
    objects_after,
    subjects_before,
)
from orchestration.coding.contacts.prepared import PreparedSentence
from orchestration.coding.contacts.records import ContactReport
from orchestration.coding.contacts.reporting import build_report
from orchestration.coding.contacts.status import score_confidence, status_of, window_of
from orchestration.coding.triggers import Trigger


def code_phone(memory: ArticleMemory, sentence: PreparedSentence, trigger: Trigger) -> list[ContactReport | None]:
    """A call between the parties of its clause, or "the call" of the last one reported."""
    clause_start, clause_end = clause_around(sentence, trigger.start, trigger.end)
    subjects = subjects_before(sentence, clause_start, trigger.start)
    objects = objects_after(sentence, trigger.end, clause_end)
    if trigger.text.lower().startswith("called") and not [o for o in objects if o.start - trigger.end <= 45]:
        return []
    parties = subjects + [party for party in objects if party not in subjects]
    topic = TOPIC_STOP.search(sentence.text, trigger.end, clause_end)
    people = [
        party
        for party in actors_in(sentence, clause_start, topic.start() if topic else clause_end)
        if party.kind not in ("country", "capital")
    ]
    if len({party.country for party in parties}) < 2 and len({party.country for party in people}) >= 2:
        # "Lavrov and Fidan discussed Syria by telephone": the callers, not the topic.
        parties = people
    countries = list(dict.fromkeys(party.country for party in parties))
    definite = bool(DEFINITE.search(sentence.text[: trigger.start])) or trigger.text.lower().startswith(
        ("the", "this", "during")
    )
    if definite and not subjects and not NAMES_ITS_PARTIES.match(sentence.text, trigger.end):
        # "During the call, Erdogan condemned Israel": the call told before; who is named after it is its talk.
        previous = memory.last_report(sentence, ("phone_call",))
        if previous is not None:
            countries = []
    if len(countries) >= 2:
        actor = parties[0]
        counterpart = next(party for party in parties if party.country != actor.country)
        status = status_of(sentence, clause_start, clause_end, trigger.start, trigger.end, actor)
        inherited = False
    else:
        previous = memory.last_report(
            sentence, ("phone_call",), lambda report: not countries or countries[0] in report.country_set
        )
        if previous is None or not definite:
            return []
        actor, counterpart, status, inherited = previous.actor, previous.counterpart, previous.status, True
    if status == "declined":
        status = "planned"
    window = window_of(sentence, clause_start, clause_end, trigger.start, trigger.end, status, memory.published)
    confidence = score_confidence(
        verbal=True,
        named=bool(actor.actor_id or (counterpart and counterpart.actor_id)),
        explicit_place=False,
        dated=not window.is_empty,
        inherited=inherited,
    )
    counterpart_country = counterpart.country if counterpart else None
    return [
        build_report(
            memory.article_id,
            sentence,
            "phone_call",
            status,
            actor,
            counterpart,
            counterpart_country,
            set(),
            None,
            window,
            trigger.span,
            confidence,
            inherited=inherited,
        )
    ]
