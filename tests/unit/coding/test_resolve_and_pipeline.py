"""Reports joined into real contacts, and the pipeline end to end on the bundled sample."""

from __future__ import annotations

import datetime as dt

import pandera.errors
import polars as pl
import pytest

from orchestration.coding.frame_checks import ArticleToneModel, ContactModel, ContactReportModel
from orchestration.coding.frames import (
    ACTOR_MENTIONS_SCHEMA,
    ARTICLES_SCHEMA,
    CONTACT_REPORTS_SCHEMA,
    CONTACTS_SCHEMA,
    SENTENCES_SCHEMA,
    ArticleFrames,
)
from orchestration.coding.gazetteer import Gazetteer
from orchestration.coding.pipeline import process_articles

from .conftest import BUNDLED_ARTICLES, DEV_ARTICLES, RAW_SCHEMA, raw_articles, raw_texts


def iraq_syria(contacts: pl.DataFrame) -> list[tuple]:
    pairs = contacts.filter(
        pl.col("participant_countries").list.contains("IRQ") & pl.col("participant_countries").list.contains("SYR")
    )
    return (
        pairs.sort("date_from", "kind", nulls_last=True)
        .select(
            "kind",
            "status",
            "actor_country",
            "counterpart_country",
            "location_city",
            "date_from",
            "date_to",
            "n_reports",
        )
        .rows()
    )


def test_the_bundled_sample_lists_each_iraq_syria_contact_once(bundled: ArticleFrames) -> None:
    contacts = iraq_syria(bundled.contacts)
    assert ("visit", "occurred", "IRQ", "SYR", "Damascus", dt.date(2024, 12, 26), dt.date(2024, 12, 26), 3) in contacts
    assert ("visit", "occurred", "SYR", "IRQ", "Baghdad", dt.date(2025, 3, 1), dt.date(2025, 3, 31), 2) in contacts
    assert ("phone_call", "occurred", "IRQ", "SYR", None, dt.date(2025, 4, 1), dt.date(2025, 4, 1), 1) in contacts
    assert ("third_location_meeting", "occurred", "IRQ", "SYR", "Doha", None, None, 1) in contacts
    assert ("visit", "declined", "SYR", "IRQ", "Baghdad", dt.date(2025, 5, 17), dt.date(2025, 5, 17), 1) in contacts
    syrian_visits_in_may = [
        contact
        for contact in contacts
        if contact[0] == "visit"
        and contact[2] == "SYR"
        and contact[1] == "occurred"
        and contact[5]
        and contact[5].month == 5
    ]
    assert syrian_visits_in_may == []
    shatri = bundled.contacts.filter((pl.col("kind") == "visit") & (pl.col("date_from") == dt.date(2024, 12, 26))).row(
        0, named=True
    )
    reports = bundled.contact_reports.filter(pl.col("contact_id") == shatri["contact_id"]).sort("source_file")
    assert reports["source_file"].to_list() == [
        "001_f4b4218f1c84bb36.txt",
        "003_3a4f3107fe4dcffa.txt",
        "004_c01afbc7048889ef.txt",
    ]
    assert (shatri["n_outlets"], shatri["date_conflict"], shatri["first_reported"]) == (3, False, dt.date(2025, 2, 22))


def test_every_report_points_back_to_its_sentence(bundled: ArticleFrames) -> None:
    texts = dict(zip(bundled.articles["article_id"], bundled.articles["text"], strict=True))
    sentences = {(row["article_id"], row["sentence_number"]): row for row in bundled.sentences.iter_rows(named=True)}
    for report in bundled.contact_reports.iter_rows(named=True):
        text = texts[report["article_id"]]
        assert text[report["char_start"] : report["char_end"]] == report["quote"]
        sentence = sentences[(report["article_id"], report["sentence_number"])]
        assert sentence["text"] == report["sentence"]
        assert sentence["char_start"] <= report["char_start"] < report["char_end"] <= sentence["char_end"]
    for mention in bundled.actor_mentions.iter_rows(named=True):
        assert texts[mention["article_id"]][mention["char_start"] : mention["char_end"]] == mention["matched_text"]


def test_reports_carry_their_cameo_and_plover_codes(bundled: ArticleFrames) -> None:
    codes = set(bundled.contact_reports.select("kind", "cameo_code", "plover_type", "plover_mode").unique().rows())
    assert ("visit", "042", "CONSULT", "visit") in codes
    assert ("phone_call", "041", "CONSULT", "phone") in codes
    assert ("mediation", "045", "CONSULT", "mediate") in codes


def test_one_outlet_says_monday_another_tuesday(gazetteer: Gazetteer, watch_list: list[str]) -> None:
    raw = raw_articles(
        [BUNDLED_ARTICLES / "004_c01afbc7048889ef.txt", DEV_ARTICLES / "17.txt"],
        ["004_c01afbc7048889ef.txt", "dev/17.txt"],
    )
    contacts = process_articles(raw, gazetteer, watch_list).contacts
    call = contacts.filter(pl.col("kind") == "phone_call").row(0, named=True)
    assert contacts.filter(pl.col("kind") == "phone_call").height == 1
    assert (call["date_from"], call["date_to"], call["date_conflict"], call["n_reports"], call["n_outlets"]) == (
        dt.date(2025, 3, 31),
        dt.date(2025, 4, 1),
        True,
        2,
        2,
    )


def test_plans_join_the_refusal_and_two_visits_by_one_man_stay_apart(
    gazetteer: Gazetteer, watch_list: list[str]
) -> None:
    names = ["13.txt", "14.txt", "17.txt", "18.txt"]
    raw = raw_articles([DEV_ARTICLES / name for name in names] + [BUNDLED_ARTICLES / "003_3a4f3107fe4dcffa.txt"])
    frames = process_articles(raw, gazetteer, watch_list)
    summit_visits = frames.contacts.filter(
        (pl.col("kind") == "visit") & (pl.col("actor_country") == "SYR") & (pl.col("location_city") == "Baghdad")
    )
    assert summit_visits.select("status", "date_from", "n_reports").rows() == [("declined", dt.date(2025, 5, 17), 5)]
    shatri_visits = frames.contacts.filter(
        (pl.col("kind") == "visit") & (pl.col("actor_country") == "IRQ") & (pl.col("counterpart_country") == "SYR")
    )
    assert shatri_visits.sort("date_from").select("date_from", "date_to").rows() == [
        (dt.date(2024, 12, 26), dt.date(2024, 12, 26)),
        (dt.date(2025, 4, 25), dt.date(2025, 4, 25)),
    ]


def test_contact_ids_are_stable_across_runs_and_input_order(gazetteer: Gazetteer, watch_list: list[str]) -> None:
    raw = raw_articles(sorted(BUNDLED_ARTICLES.glob("*.txt")))
    first = process_articles(raw, gazetteer, watch_list)
    second = process_articles(raw.reverse(), gazetteer, watch_list)
    assert first.contacts.sort("contact_id").equals(second.contacts.sort("contact_id"))
    assert sorted(first.contact_reports["report_id"]) == sorted(second.contact_reports["report_id"])
    assert set(first.articles["article_id"]) == set(second.articles["article_id"])


def test_tone_rows_for_articles_and_for_sentences_naming_a_watched_pair(bundled: ArticleFrames) -> None:
    assert bundled.article_tone.height == bundled.articles.height
    assert bundled.article_tone.filter(pl.col("vader_compound").is_between(-1, 1)).height == bundled.articles.height
    assert bundled.article_tone["tone_missing_reason"].null_count() == bundled.articles.height
    pairs = bundled.sentence_tone
    assert pairs.filter(pl.col("country_a") >= pl.col("country_b")).height == 0
    national = bundled.articles.filter(pl.col("source_file") == "004_c01afbc7048889ef.txt")["article_id"].item()
    first_sentence = pairs.filter((pl.col("article_id") == national) & (pl.col("sentence_number") == 1))
    assert first_sentence.select("country_a", "country_b").rows() == [("IRQ", "SYR")]


def test_empty_input_keeps_every_frame_schema(gazetteer: Gazetteer, watch_list: list[str]) -> None:
    frames = process_articles(pl.DataFrame(schema=RAW_SCHEMA), gazetteer, watch_list)
    for frame, schema in (
        (frames.articles, ARTICLES_SCHEMA),
        (frames.sentences, SENTENCES_SCHEMA),
        (frames.actor_mentions, ACTOR_MENTIONS_SCHEMA),
        (frames.contact_reports, CONTACT_REPORTS_SCHEMA),
        (frames.contacts, CONTACTS_SCHEMA),
    ):
        assert frame.height == 0
        assert dict(frame.schema) == schema


def test_an_arabic_article_is_kept_with_its_mentions_but_no_english_tone(
    gazetteer: Gazetteer, watch_list: list[str]
) -> None:
    frames = process_articles(
        raw_texts(
            {"ar.txt": "وصل وزير الخارجية السوري أسعد الشيباني إلى بغداد يوم الجمعة في أول زيارة لمسؤول سوري رفيع."}
        ),
        gazetteer,
        watch_list,
    )
    assert frames.articles["language"].to_list() == ["ar"]
    assert set(frames.actor_mentions["actor_id"].drop_nulls()) == {"syr_shaibani"}
    assert frames.article_tone.select("vader_compound", "tone_missing_reason").rows() == [
        (None, "no tone lexicon for the article's language (ar)")
    ]


def test_the_models_refuse_impossible_reports_and_contacts(bundled: ArticleFrames) -> None:
    reversed_window = bundled.contact_reports.head(1).with_columns(
        pl.lit(dt.date(2025, 1, 2)).alias("date_from"), pl.lit(dt.date(2025, 1, 1)).alias("date_to")
    )
    with pytest.raises(pandera.errors.SchemaErrors, match="date_from is after date_to"):
        ContactReportModel.validate(reversed_window, lazy=True)
    unknown_status = bundled.contacts.head(1).with_columns(pl.lit("rumoured").alias("status"))
    with pytest.raises(pandera.errors.SchemaErrors):
        ContactModel.validate(unknown_status, lazy=True)
    overconfident = bundled.contact_reports.head(1).with_columns(pl.lit(1.5).alias("confidence"))
    with pytest.raises(pandera.errors.SchemaErrors):
        ContactReportModel.validate(overconfident, lazy=True)
    unexplained = bundled.article_tone.head(1).with_columns(pl.lit(None, pl.Float64).alias("vader_compound"))
    with pytest.raises(pandera.errors.SchemaErrors, match="tone is missing without a reason"):
        ArticleToneModel.validate(unexplained, lazy=True)


def test_two_contacts_of_one_sentence_are_two_reports(gazetteer: Gazetteer, watch_list: list[str]) -> None:
    text = (
        "In late December it sent a senior delegation led by Hamid Al Shatri to Damascus to meet Mr Al Shara, and last month "
        "Syria’s Foreign Minister Asaad Al Shaibani made his first visit to the Iraqi capital."
    )
    frames = process_articles(raw_texts({"one_sentence.txt": f"date 2025-04-04 {text}"}), gazetteer, watch_list)
    reports = frames.contact_reports.sort("char_start")
    assert reports.select("sentence_number", "actor_country", "location_city").rows() == [
        (1, "IRQ", "Damascus"),
        (1, "SYR", "Baghdad"),
    ]
    assert reports["report_id"].n_unique() == 2
