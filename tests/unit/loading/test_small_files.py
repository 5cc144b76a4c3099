"""Small files read together load exactly as files read one by one: the same outcomes, rows,
quarantined lines and manifest, whatever odd file sits in the group; only the reading is shared."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from orchestration.ingest.gdelt_events import LAYOUT, iter_gdelt_event_batches
from orchestration.ingest.landed import ReadResult
from orchestration.landing.inventory import LandedFile
from orchestration.loading import loader, small_files
from orchestration.loading.warehouse import connect
from tests.unit.ingest.fixture_files import zipped

EXPORT = Path(__file__).resolve().parents[3] / "raw" / "gdelt" / "events" / "20250322180000.export.csv"


def _landing(folder: Path) -> dict[str, str]:
    """Exports of a day as a feed and its mishaps land them; the status each file must get, by name."""
    lines = EXPORT.read_bytes().splitlines(keepends=True)
    files = {
        "20250322180000.export.CSV": (b"".join(lines[:40]), "loaded"),
        "20250322181500.export.CSV": (b"".join([*lines[40:60], b"bad\tline\n", lines[41]]), "loaded"),
        "20250322183000.export.CSV": (b"", "rejected"),
        "20250322184500.export.CSV": (b"\n \n", "rejected"),
        "20250322190000.export.CSV": (b"".join(lines[60:70]).rstrip(b"\n"), "loaded"),
        "20250322191500.export.CSV": (b"\xef\xbb\xbf" + b"".join(lines[70:80]), "loaded"),
        "20250322193000.export.CSV.zip": (b"PK\x03\x04 not a zip", "rejected"),
        "20250322194500.export.CSV.zip": (zipped(b"".join(lines[80:95]), "x.export.CSV"), "loaded"),
        "20250322200000.export.CSV": (b"".join(lines[:40]), "duplicate"),
        "20250322201500.export.CSV": (b"".join(lines[95:120]), "loaded"),
    }
    folder.mkdir(parents=True)
    for name, (content, _) in files.items():
        (folder / name).write_bytes(content)
    return {name: status for name, (_, status) in files.items()}


def _load(warehouse: Path, folder: Path, read_together) -> tuple[list, dict[str, list]]:
    with connect(warehouse) as connection:
        outcomes = loader.load_source(
            connection,
            table="raw.gdelt_events",
            source_system="gdelt_v2",
            files=[LandedFile.at(path, folder) for path in sorted(folder.iterdir())],
            read_batches=iter_gdelt_event_batches,
            read_together=read_together,
            load_id="load-1",
        )
        return [(o.source_file, o.status, o.rows_read, o.rows_loaded, o.rows_quarantined) for o in outcomes], _held(
            connection
        )


def _held(connection: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """What the warehouse holds of the load, without the times it was done at."""
    queries = {
        "rows": "select * exclude (loaded_at) from raw.gdelt_events order by source_file, line_number",
        "quarantine": "select * exclude (quarantined_at) from audit.quarantine order by all",
        "manifest": "select source_file, status, rows_loaded, rows_quarantined, detail from audit.file_manifest "
        "order by all",
    }
    return {name: connection.execute(query).fetchall() for name, query in queries.items()}


def test_small_files_read_together_load_as_when_read_one_by_one(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    expected_statuses = _landing(folder)
    groups: list[int] = []

    def read_together(texts: Sequence[bytes]) -> list[ReadResult]:
        groups.append(len(texts))
        return LAYOUT.read_files(texts)

    outcomes, held = _load(tmp_path / "together.duckdb", folder, read_together)
    assert _load(tmp_path / "alone.duckdb", folder, None) == (outcomes, held)

    assert groups == [6]  # the empty, blank, unterminated and unzippable files were read alone
    assert {name: status for name, status, *_ in outcomes} == expected_statuses
    counts = {name: tuple(numbers) for name, status, *numbers in outcomes if status == "loaded"}
    assert counts == {
        "20250322180000.export.CSV": (40, 40, 0),
        "20250322181500.export.CSV": (22, 20, 2),  # a line of two fields, a GlobalEventID repeated
        "20250322190000.export.CSV": (10, 10, 0),
        "20250322191500.export.CSV": (10, 10, 0),  # a byte-order mark before its first line
        "20250322194500.export.CSV.zip": (15, 15, 0),
        "20250322201500.export.CSV": (25, 25, 0),
    }
    assert len(held["rows"]) == 120
    assert [line for _, _, name, line, *_ in held["quarantine"] if name == "20250322181500.export.CSV"] == [21, 22]


def test_a_group_whose_reading_fails_is_read_file_by_file(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    _landing(folder)

    def fails(_texts: Sequence[bytes]) -> list[ReadResult]:
        raise ValueError("the group could not be read")

    assert _load(tmp_path / "failed.duckdb", folder, fails) == _load(tmp_path / "alone.duckdb", folder, None)


def test_a_group_holds_no_more_text_than_one_batch_of_a_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "events"
    _landing(folder)
    monkeypatch.setattr(small_files, "TEXT_READ_TOGETHER", 2 * len(b"".join(EXPORT.read_bytes().splitlines(True)[:40])))
    groups: list[int] = []

    def read_together(texts: Sequence[bytes]) -> list[ReadResult]:
        groups.append(sum(len(text) for text in texts))
        return LAYOUT.read_files(texts)

    together = _load(tmp_path / "together.duckdb", folder, read_together)
    assert groups and max(groups) <= small_files.TEXT_READ_TOGETHER
    assert together == _load(tmp_path / "alone.duckdb", folder, None)
