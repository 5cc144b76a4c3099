"""GDELT 2.0 mentions, English and translingual, on the real 100-line samples."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from orchestration.ingest.gdelt_mentions import parse_gdelt_mentions, read_gdelt_mentions
from tests.unit.ingest.fixture_files import GDELT, raw_fields

ENGLISH = GDELT / "mentions.csv"
TRANSLINGUAL = GDELT / "mentionsT.csv"


def test_an_event_is_mentioned_many_times_in_one_file() -> None:
    rows = read_gdelt_mentions(ENGLISH).rows

    assert rows["global_event_id"].n_unique() == 87
    first = rows.row(0, named=True)
    assert first["global_event_id"] == 410412347
    assert first["mention_source_name"] == "dailymaverick.co.za"
    assert (first["actor1_char_offset"], first["actor2_char_offset"], first["action_char_offset"]) == (-1, 4594, 4634)
    assert first["mention_doc_tone"] == pytest.approx(-4.4776119402985)


def test_translingual_mentions_carry_their_translation_info() -> None:
    rows = read_gdelt_mentions(TRANSLINGUAL).rows
    recorded_before_the_feed = sum(fields[1] < "20150218000000" for fields in raw_fields(TRANSLINGUAL))

    assert rows["mention_doc_translation_info"].null_count() == 0
    assert rows["mention_doc_translation_info"][0] == "srclc:spa;eng:GT-SPA 1.0"
    assert recorded_before_the_feed > 0
    assert rows.filter(pl.col("event_time") < dt.datetime(2015, 2, 18)).height == recorded_before_the_feed


def test_mention_checks_reject_with_their_reason() -> None:
    good = ENGLISH.read_text(encoding="utf-8").splitlines()[0].split("\t")
    unknown_type = [*good[:3], "9", *good[4:]]
    assert (good[1], good[2]) == ("20150218230000", "20150218230000")
    before_its_event = [good[0], good[1], "20150218224500", *good[3:]]
    data = "\n".join("\t".join(fields) for fields in (good, unknown_type, before_its_event)).encode()

    result = parse_gdelt_mentions(data)
    reasons = dict(result.rejects.select("line_number", "reason").iter_rows())

    assert result.rows["line_number"].to_list() == [1]
    assert "mention_type failed isin" in reasons[2]
    assert reasons[3] == "mentioned (MentionTimeDate) before GDELT first recorded the event (EventTimeDate)"
