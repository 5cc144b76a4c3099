"""The one-query pass of validation judges every frame as `model.validate` does: the rows of each
reader's good sample pass both; one bad cell in any column (a null, a value out of range, a
malformed code, a date out of bounds) fails both, and the rows then come back with pandera's reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandera.polars as pa
import polars as pl
import pytest

from orchestration.ingest import acled, gdelt_events, gdelt_events_v1, gdelt_gkg, gdelt_mentions, polecat, validation
from orchestration.ingest.landed import ReadResult
from tests.conftest import BUNDLED_RAW
from tests.unit.ingest.fixture_files import ACLED, GDELT, POLECAT

SAMPLES: dict[str, tuple[Callable[[Path], ReadResult], Path, type[pa.DataFrameModel]]] = {
    "gdelt events": (gdelt_events.iter_gdelt_event_batches, GDELT / "events.csv", gdelt_events.GdeltEventModel),
    "gdelt mentions": (
        gdelt_mentions.iter_gdelt_mention_batches,
        GDELT / "mentions.csv",
        gdelt_mentions.GdeltMentionModel,
    ),
    "gdelt gkg": (gdelt_gkg.iter_gdelt_gkg_batches, GDELT / "gkg.csv", gdelt_gkg.GdeltGkgModel),
    "gdelt 1.0 events": (
        gdelt_events_v1.iter_gdelt_v1_event_batches,
        next((BUNDLED_RAW / "gdelt" / "v1_events").iterdir()),
        gdelt_events_v1.GdeltV1EventModel,
    ),
    "acled": (acled.iter_acled_batches, ACLED / "acled_full_upper_iso_dates.csv", acled.AcledEventModel),
    "polecat": (polecat.iter_polecat_batches, POLECAT / "polecat_weekly_2023_01_02.txt", polecat.PolecatEventModel),
}

_BAD_VALUES: dict[type[pl.DataType], tuple] = {
    pl.String: ("", "x!", "ABCDEFGHIJ"),
    pl.Int8: (-1, 0, 99),
    pl.Int16: (-1, 0, 9_999),
    pl.Int32: (-1, 0, 999_999_999),
    pl.Int64: (-1, 0, 10**15),
    pl.Float64: (-1e6, 1e6, float("nan")),
    pl.Date: (dt.date(1900, 1, 1), dt.date(2999, 1, 1)),
    pl.Datetime: (dt.datetime(1900, 1, 1), dt.datetime(2999, 1, 1)),
    pl.List: (["x!"], ["SY", "x!"]),
}


def _sample_rows(name: str) -> tuple[pl.DataFrame, type[pa.DataFrameModel]]:
    read, path, model = SAMPLES[name]
    rows = pl.concat([result.rows for result in read(path)])
    assert rows.height > 0
    return rows.head(20), model


def _pandera_passes(frame: pl.DataFrame, model: type[pa.DataFrameModel]) -> bool:
    try:
        model.validate(frame)
    except pa.errors.SchemaError:
        return False
    return True


def _one_bad_cell(frame: pl.DataFrame, column: str, value: object) -> pl.DataFrame:
    fourth_row = pl.int_range(pl.len()) == 3
    replaced = pl.when(fourth_row).then(pl.lit(value, dtype=frame.schema[column])).otherwise(pl.col(column))
    return frame.with_columns(replaced.alias(column))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_one_query_pass_judges_as_pandera_does(name: str) -> None:
    rows, model = _sample_rows(name)
    assert validation._every_row_passes(rows, model)
    assert _pandera_passes(rows, model)
    judged, failing = 0, 0
    for column, declared in model.to_schema().columns.items():
        dtype = rows.schema[column]
        values = ((None,) if not declared.nullable else ()) + (
            _BAD_VALUES.get(type(dtype), ()) if declared.checks else ()
        )
        for value in values:
            changed = _one_bad_cell(rows, column, value)
            expected = _pandera_passes(changed, model)
            assert validation._every_row_passes(changed, model) == expected, (column, value)
            judged += 1
            failing += not expected
            if not expected and failing == 1:
                kept, reasons = validation.validate_rows(changed, model)
                assert kept.height == rows.height - 1
                assert reasons["line_number"].to_list() == [changed["line_number"][3]]
    assert failing >= 3, f"only {failing} of {judged} changed frames failed: the test would not see a drift"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_check_of_a_reader_is_judged_in_the_one_query(name: str) -> None:
    rows, model = _sample_rows(name)
    verdicts = validation._verdict_expressions(model, rows.schema)
    assert verdicts is not None
    assert len(verdicts) >= len(model.to_schema().columns) // 2


class _ElementWiseModel(validation.LandedRowModel):
    code: str = pa.Field(nullable=True)

    @pa.check("code", element_wise=True)
    def upper_case(cls, value: str) -> bool:
        return value.isupper()


def test_a_check_that_is_no_expression_is_judged_check_by_check() -> None:
    good = pl.DataFrame({"line_number": [1, 2], "code": ["AB", None]})
    bad = pl.DataFrame({"line_number": [1, 2], "code": ["AB", "cd"]})
    assert validation._verdict_expressions(_ElementWiseModel, good.schema) is None
    assert validation._every_row_passes(good, _ElementWiseModel) == _pandera_passes(good, _ElementWiseModel) is True
    assert validation._every_row_passes(bad, _ElementWiseModel) == _pandera_passes(bad, _ElementWiseModel) is False
