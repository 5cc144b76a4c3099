"""The contact coder's reading of one article: sentence by sentence, each trigger to its
handler, and the reports of one sentence merged.

Source: one clean article (its tokens, sentences, gazetteer mentions and publication date).
Grain of the result: one `ContactReport` per contact a sentence reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from orchestration.coding.contacts.handlers import HANDLERS
from orchestration.coding.contacts.memory import ArticleMemory
from orchestration.coding.contacts.prepared import PreparedSentence, persons_named, prepare_sentence
from orchestration.coding.contacts.records import ContactReport
from orchestration.coding.gazetteer import Gazetteer, Mention
from orchestration.coding.sentences import Sentence
from orchestration.coding.tokens import Tokens, has_arabic
from orchestration.coding.triggers import Trigger, find_triggers, first_word_positions
from orchestration.coding.triggers_arabic import find_arabic_triggers


def code_sentence(memory: ArticleMemory, sentence: PreparedSentence, triggers: list[Trigger]) -> list[ContactReport]:
    """The reports of one sentence's triggers, one per contact, in the order of the sentence."""
    memory.remember_events(sentence)
    found: list[ContactReport] = []
    for trigger in triggers:
        for report in HANDLERS[trigger.family](memory, sentence, trigger):
            if report is not None:
                found.append(report)
    memory.remember_persons(sentence.persons)
    # Two triggers of one sentence often report one contact ("visit ..., where he met"):
    # keep the surest report and complete it with the other's date and place.
    unique: dict[tuple, ContactReport] = {}
    for report in sorted(found, key=lambda report: -report.confidence):
        key = (report.kind, report.country_set, report.status, report.actor.country)
        kept = unique.get(key)
        if kept is None:
            unique[key] = report
            continue
        if kept.window.is_empty and not report.window.is_empty:
            kept = replace(kept, window=report.window)
        if report.location_country is not None and (
            kept.location_country is None
            or (kept.location_country == report.location_country and kept.location_city is None)
        ):
            kept = replace(kept, location_city=report.location_city, location_country=report.location_country)
        unique[key] = kept
    # "the summit in Baghdad" adds nothing to "X will represent Syria at the summit in Baghdad".
    meetings = [report for report in unique.values() if report.kind == "multilateral_meeting"]
    coded = sorted(
        (
            report
            for report in unique.values()
            if not any(
                other is not report
                and other.actor.country == report.actor.country
                and report.country_set < other.country_set
                for other in meetings
            )
        ),
        key=lambda report: report.char_start,
    )
    memory.reports.extend(coded)
    return coded


def code_article(
    article_id: str,
    text: str,
    tokens: Tokens,
    sentences: list[Sentence],
    mentions: list[Mention],
    published: dt.date | None,
    gazetteer: Gazetteer,
) -> list[ContactReport]:
    """Every contact the sentences of one article report (repeated sentences are skipped).

    `tokens` and `mentions` are those of the whole article `text`.
    """
    memory = ArticleMemory(article_id, published, gazetteer)
    reports: list[ContactReport] = []
    first_words = first_word_positions(tokens)
    in_arabic = has_arabic(text)
    position = 0
    for sentence in sentences:
        while position < len(mentions) and mentions[position].start < sentence.char_start:
            position += 1
        cursor = position
        while cursor < len(mentions) and mentions[cursor].end <= sentence.char_end:
            cursor += 1
        inside = mentions[position:cursor]
        if sentence.is_repeated_paragraph:
            continue
        first_token = tokens.index_at_or_after(sentence.char_start)
        last_token = tokens.index_at_or_after(sentence.char_end)
        triggers = find_triggers(text, tokens, first_token, last_token, sentence.char_start, first_words)
        if in_arabic and has_arabic(sentence.text):
            triggers += find_arabic_triggers(text, tokens, first_token, last_token, sentence.char_start)
        if triggers:
            reports.extend(code_sentence(memory, prepare_sentence(sentence, inside, gazetteer), triggers))
        else:
            memory.remember_persons(persons_named(inside, gazetteer))
    return reports
