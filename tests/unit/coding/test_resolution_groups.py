"""Resolution splits into groups that never affect each other: resolving the reports of each group
alone gives the contacts, ids included, of resolving them all at once. Checked on reports drawn
at random (kinds, states, people, places, statuses, narrow, wide, conflicting and undated
windows, some naming a month) and on the labelled articles, read back from their stored form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.coding.contacts import ContactReport, Party
from orchestration.coding.dates import DateWindow
from orchestration.coding.evaluation.corpus import labelled_corpus
from orchestration.coding.frame_rows import contact_frame
from orchestration.coding.frames import ArticleFrames
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.pipeline import process_articles
from orchestration.coding.resolve import (
    ArticleInfo,
    ResolvedReport,
    read_stored_report,
    resolution_bucket,
    resolution_groups,
    resolve_contacts,
    stored_report,
)
from orchestration.ingest.articles import landed_records

from .conftest import PROJECT_ROOT

START = dt.date(2025, 1, 20)
STATES = ("IRQ", "SYR", "TUR", "JOR")
PEOPLE = {"IRQ": ("sudani", "hussein"), "SYR": ("sharaa", "shaibani"), "TUR": ("fidan",), "JOR": ("safadi",)}


@st.composite
def windows(draw: st.DrawFn) -> DateWindow:
    if draw(st.booleans()) and draw(st.booleans()):
        return DateWindow(None, None, "none", month_hint=draw(st.sampled_from([None, 1, 2, 3])))
    start = START + dt.timedelta(days=draw(st.integers(0, 45)))
    days = draw(st.sampled_from([1, 1, 2, 3, 7, 10, 31]))
    return DateWindow(start, start + dt.timedelta(days=days - 1), "day" if days == 1 else "range")


@st.composite
def reports(draw: st.DrawFn, number: int) -> ResolvedReport:
    kind = draw(st.sampled_from(["visit", "visit", "phone_call", "multilateral_meeting"]))
    actor_country = draw(st.sampled_from(STATES))
    others = [state for state in STATES if state != actor_country]
    if kind == "multilateral_meeting":
        participants = frozenset({actor_country, *draw(st.lists(st.sampled_from(others), min_size=2, max_size=3))})
        counterpart = None
    else:
        counterpart_country = draw(st.sampled_from(others))
        participants = frozenset({actor_country, counterpart_country})
        counterpart = _party(counterpart_country, draw(st.sampled_from([None, *PEOPLE[counterpart_country]])))
    window = draw(windows())
    status = draw(st.sampled_from(["occurred", "occurred", "planned", "declined"]))
    city = draw(st.sampled_from([None, None, "Baghdad", "Damascus"]))
    location_country = {"Baghdad": "IRQ", "Damascus": "SYR"}.get(city or "")
    article = f"article{draw(st.integers(0, 6))}"
    report = ContactReport(
        article_id=article,
        sentence_number=number + 1,
        char_start=0,
        char_end=10,
        sentence="a sentence",
        kind=kind,
        status=status,
        actor=_party(actor_country, draw(st.sampled_from([None, *PEOPLE[actor_country]]))),
        counterpart=counterpart,
        counterpart_country=counterpart.country if counterpart else None,
        participant_countries=tuple(sorted(participants)),
        location_city=city,
        location_country=location_country,
        window=window,
        confidence=0.8,
    )
    info = ArticleInfo(article, article, f"{article}.txt", draw(st.sampled_from(["a", "b", "c"])), START)
    return ResolvedReport(
        report, status, window, participants, city, location_country, [number + 1], info, report_id=f"report{number}"
    )


def _party(country: str, person: str | None) -> Party:
    return Party(country, person, person or country, 0, 1, "person" if person else "country")


def contacts_by_group(reports_: list[ResolvedReport]) -> pl.DataFrame:
    """The contacts of each group resolved alone, with the reports of each."""
    groups = resolution_groups(reports_)
    contacts = [
        contact
        for group in sorted(set(groups))
        for contact in resolve_contacts(
            [report for report, its_group in zip(reports_, groups, strict=True) if its_group == group], {}
        )
    ]
    return _with_members(contacts)


def contacts_at_once(reports_: list[ResolvedReport]) -> pl.DataFrame:
    return _with_members(resolve_contacts(reports_, {}))


def _with_members(contacts) -> pl.DataFrame:
    members = {contact.contact_id: sorted(member.report_id for member in contact.members) for contact in contacts}
    frame = contact_frame(contacts)
    return frame.with_columns(pl.col("contact_id").replace_strict(members).alias("members")).sort("contact_id")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 40).flatmap(lambda size: st.tuples(*(reports(number) for number in range(size)))))
def test_groups_resolved_alone_give_the_contacts_of_all_resolved_at_once(drawn: tuple[ResolvedReport, ...]) -> None:
    by_group = contacts_by_group(list(drawn))
    for report in drawn:
        report.contact_id = ""
    assert by_group.equals(contacts_at_once(list(drawn)))


@pytest.fixture(scope="module")
def labelled(gazetteer: Gazetteer, watch_list: list[str]) -> ArticleFrames:
    corpus = labelled_corpus(Path(PROJECT_ROOT))
    return process_articles(landed_records(corpus.files), gazetteer, watch_list)


def stored_reports(frames: ArticleFrames) -> list[ResolvedReport]:
    articles = {row["article_id"]: row for row in frames.articles.iter_rows(named=True)}
    return [
        read_stored_report(
            text,
            ArticleInfo(
                article,
                articles[article]["canonical_article_id"],
                articles[article]["source_file"],
                articles[article]["outlet"],
                articles[article]["published_date"],
            ),
        )
        for _, article, text in frames.report_inputs.iter_rows()
    ]


def test_the_labelled_articles_resolve_group_by_group_from_their_stored_reports(labelled: ArticleFrames) -> None:
    reports_ = stored_reports(labelled)
    assert [stored_report(report) for report in reports_] == labelled.report_inputs["resolution_input"].to_list()
    outlets = dict(zip(labelled.articles["article_id"], labelled.articles["outlet"], strict=True))
    groups = resolution_groups(reports_)
    contacts = [
        contact
        for group in sorted(set(groups))
        for contact in resolve_contacts(
            [report for report, its_group in zip(reports_, groups, strict=True) if its_group == group], outlets
        )
    ]

    assert contact_frame(contacts).equals(labelled.contacts)
    buckets_of_group = {group: {resolution_bucket(report)} for report, group in zip(reports_, groups, strict=True)}
    for report, group in zip(reports_, groups, strict=True):
        buckets_of_group[group].add(resolution_bucket(report))
    assert all(len(buckets) == 1 for buckets in buckets_of_group.values()), "a group lies within one bucket"
    assert len(buckets_of_group) < len(reports_) / 2, "reports of one contact share a group"
