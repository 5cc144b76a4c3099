"""GDELT 2.0 mentions, English (`YYYYMMDDHHMMSS.mentions.CSV[.zip]`) and translingual
(`YYYYMMDDHHMMSS.translation.mentions.CSV[.zip]`).

Source: the GDELT Project's 15-minute mentions files, 16 tab-separated columns, no
header, no quoting. Grain: one row per mention of an event in one article (an event
is mentioned by many articles, and an article may mention it in several sentences), so
GlobalEventID repeats within a file by design and no key is unique. EventTimeDate is
when GDELT first recorded the event, which may precede the 2.0 feed itself.
"""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl

from orchestration.ingest.clock import not_in_the_future
from orchestration.ingest.gdelt_events import FIRST_GDELT_DATE, FIRST_GDELT_V2_FILE, GLOBAL_EVENT_ID_NAMES
from orchestration.ingest.headerless import HeaderlessLayout
from orchestration.ingest.parses import Parse, decimal_number, timestamp_as, whole_number
from orchestration.ingest.validation import LandedRowModel

SOURCE_SYSTEM = "gdelt_v2_mentions"
TRANSLINGUAL_SOURCE_SYSTEM = "gdelt_v2_mentions_translingual"


COLUMNS: list[str] = [
    "global_event_id",
    "event_time",
    "mention_time",
    "mention_type",
    "mention_source_name",
    "mention_identifier",
    "sentence_id",
    "actor1_char_offset",
    "actor2_char_offset",
    "action_char_offset",
    "in_raw_text",
    "confidence",
    "mention_doc_length",
    "mention_doc_tone",
    "mention_doc_translation_info",
    "extras",
]
assert len(COLUMNS) == 16

_TIMESTAMP = "a YYYYMMDDHHMMSS timestamp"

PARSES: dict[str, Parse] = {
    "global_event_id": whole_number("global_event_id"),
    "event_time": timestamp_as("event_time", "%Y%m%d%H%M%S", _TIMESTAMP),
    "mention_time": timestamp_as("mention_time", "%Y%m%d%H%M%S", _TIMESTAMP),
    "mention_type": whole_number("mention_type", pl.Int8()),
    **{
        name: whole_number(name, pl.Int32())
        for name in (
            "sentence_id",
            "actor1_char_offset",
            "actor2_char_offset",
            "action_char_offset",
            "mention_doc_length",
        )
    },
    "in_raw_text": whole_number("in_raw_text", pl.Int8()),
    "confidence": whole_number("confidence", pl.Int8()),
    "mention_doc_tone": decimal_number("mention_doc_tone"),
}

MENTION_TYPES = {1: "web", 2: "citation-only", 3: "core", 4: "dtic", 5: "jstor", 6: "non-textual"}
"""The codebook's MentionType values (the source collection the mentioning document belongs to)."""


class GdeltMentionModel(LandedRowModel):
    """A typed GDELT 2.0 mention (the codebook's ranges)."""

    global_event_id: int = pa.Field(ge=1)
    event_time: dt.datetime = pa.Field(ge=dt.datetime.combine(FIRST_GDELT_DATE, dt.time()))
    mention_time: dt.datetime = pa.Field(ge=FIRST_GDELT_V2_FILE)
    mention_type: pl.Int8 = pa.Field(isin=list(MENTION_TYPES))
    mention_identifier: str
    sentence_id: pl.Int32 = pa.Field(ge=0, nullable=True)
    actor1_char_offset: pl.Int32 = pa.Field(ge=-1, nullable=True)
    actor2_char_offset: pl.Int32 = pa.Field(ge=-1, nullable=True)
    action_char_offset: pl.Int32 = pa.Field(ge=-1, nullable=True)
    in_raw_text: pl.Int8 = pa.Field(isin=[0, 1], nullable=True)
    confidence: pl.Int8 = pa.Field(ge=0, le=100)
    mention_doc_length: pl.Int32 = pa.Field(ge=0, nullable=True)
    mention_doc_tone: float = pa.Field(ge=-100.0, le=100.0, nullable=True)

    mentioned_by_now = not_in_the_future("mention_time", "MentionTimeDate")

    @pa.dataframe_check(error="mentioned (MentionTimeDate) before GDELT first recorded the event (EventTimeDate)")
    def mentioned_after_recorded(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("event_time") <= pl.col("mention_time"))


LAYOUT = HeaderlessLayout(
    columns=COLUMNS,
    first_column_names=GLOBAL_EVENT_ID_NAMES,
    parses=PARSES,
    model=GdeltMentionModel,
    output=["line_number", *COLUMNS],
)

parse_gdelt_mentions = LAYOUT.read_bytes
iter_gdelt_mention_batches = LAYOUT.iter_file_batches
read_gdelt_mentions = LAYOUT.read_file
