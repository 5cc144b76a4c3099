"""Every reader on its good samples: every record a row, in the reader's columns; and for the GDELT 2.0
readers (English and translingual, the real 100-line samples) the fields as the raw text has them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from orchestration.ingest import acled, gdelt_events, gdelt_gkg, gdelt_mentions, polecat
from orchestration.ingest.landed import ReadResult
from tests.unit.ingest.fixture_files import ACLED, GDELT, POLECAT, raw_fields


def _timestamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y%m%d%H%M%S")


def _text_or_null(text: str) -> str | None:
    return text or None


def _text(text: str) -> str:
    return text


@dataclass(frozen=True)
class Sample:
    """A good sample file, what its reader makes of it, and (for GDELT) where some columns stand in the raw line:
    column → (field position, how the raw text reads as the column's value)."""

    name: str
    read: Callable[[Path], ReadResult]
    path: Path
    columns: list[str]
    line_numbers: list[int]
    n_fields: int | None = None
    raw_columns: Mapping[str, tuple[int, Callable[[str], object]]] = field(default_factory=dict)


_EVENT_FIELDS = {
    "global_event_id": (0, int),
    "event_code": (26, _text),
    "actor1_country_code": (7, _text_or_null),
    "action_geo_feature_id": (58, _text_or_null),
    "date_added": (59, _timestamp),
    "source_url": (60, _text),
}
_MENTION_FIELDS = {
    "global_event_id": (0, int),
    "mention_time": (2, _timestamp),
    "mention_identifier": (5, _text),
    "confidence": (11, int),
    "mention_doc_translation_info": (14, _text_or_null),
}
_GKG_FIELDS = {
    "gkg_record_id": (0, _text),
    "date": (1, _timestamp),
    "source_collection_id": (2, int),
    "source_common_name": (3, _text),
    "document_identifier": (4, _text),
}
_HUNDRED_LINES = list(range(1, 101))

GDELT_SAMPLES = [
    Sample(f"{kind}_{language}", read, GDELT / f"{stem}{suffix}.csv", columns, _HUNDRED_LINES, n_fields, raw_columns)
    for kind, read, stem, columns, n_fields, raw_columns in [
        ("events", gdelt_events.read_gdelt_events, "events", ["line_number", *gdelt_events.COLUMNS], 61, _EVENT_FIELDS),
        (
            "mentions",
            gdelt_mentions.read_gdelt_mentions,
            "mentions",
            ["line_number", *gdelt_mentions.COLUMNS],
            16,
            _MENTION_FIELDS,
        ),
        ("gkg", gdelt_gkg.read_gdelt_gkg, "gkg", gdelt_gkg.OUTPUT, 27, _GKG_FIELDS),
    ]
    for language, suffix in [("english", ""), ("translingual", "T")]
]
SAMPLES = [
    Sample(
        "acled",
        acled.read_acled,
        ACLED / "acled_full_upper_iso_dates.csv",
        ["line_number", *acled.COLUMNS, "event_key"],
        [2, 3, 5, 6, 7],
    ),
    Sample(
        "polecat",
        polecat.read_polecat,
        POLECAT / "polecat_weekly_2023_01_02.txt",
        ["line_number", *polecat.COLUMNS],
        [2, 3, 4, 5],
    ),
    *GDELT_SAMPLES,
]


def samples(chosen: list[Sample]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("sample", chosen, ids=[sample.name for sample in chosen])


@samples(SAMPLES)
def test_every_record_of_the_sample_is_a_row(sample: Sample) -> None:
    result = sample.read(sample.path)
    n_records = len(sample.line_numbers)

    assert (result.rows_read, result.rows.height, result.rejects.height) == (n_records, n_records, 0)
    assert result.rows["line_number"].to_list() == sample.line_numbers
    assert result.rows.columns == sample.columns


@samples(GDELT_SAMPLES)
def test_fields_match_the_raw_text(sample: Sample) -> None:
    raw = raw_fields(sample.path)
    rows = sample.read(sample.path).rows

    assert all(len(fields) == sample.n_fields for fields in raw)
    for column, (position, as_value) in sample.raw_columns.items():
        assert rows[column].to_list() == [as_value(fields[position]) for fields in raw], column
