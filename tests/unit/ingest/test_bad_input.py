"""Every class of bad input, for every reader: the file or the line is rejected with a clear
reason, and what is good in a file still loads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from orchestration.ingest.acled import read_acled
from orchestration.ingest.gdelt_events import read_gdelt_events
from orchestration.ingest.gdelt_events_v1 import read_gdelt_v1_events
from orchestration.ingest.gdelt_gkg import read_gdelt_gkg
from orchestration.ingest.gdelt_mentions import read_gdelt_mentions
from orchestration.ingest.header_rows import HEADER_ROW_REASON
from orchestration.ingest.landed import ReadResult, UnreadableFileError
from orchestration.ingest.polecat import read_polecat
from tests.unit.ingest.fixture_files import ACLED, GDELT, POLECAT, zipped


@dataclass(frozen=True)
class Kind:
    """A reader with a good sample file and what its lines look like."""

    name: str
    read: Callable[[Path], ReadResult]
    sample: Path
    landed_name: str
    separator: str
    has_header: bool
    sample_rows: int
    header: str
    date_field: int
    out_of_range_date: str
    out_of_range_reason: str

    def lines(self) -> list[bytes]:
        return self.sample.read_bytes().splitlines()

    def data_lines(self) -> list[bytes]:
        return self.lines()[1:] if self.has_header else self.lines()

    def first_data_line_number(self) -> int:
        return 2 if self.has_header else 1

    def field_count(self) -> int:
        """Fields of the last data line (no quoted separators in any sample's last line)."""
        return len(self.data_lines()[-1].split(self.separator.encode()))

    def write(self, folder: Path, lines: list[bytes]) -> Path:
        path = folder / self.landed_name
        path.write_bytes(b"\n".join(lines) + b"\n")
        return path


def _gdelt_events(name: str, read: Callable[[Path], ReadResult], sample: Path, landed_name: str) -> Kind:
    """A GDELT events file: 2.0, translingual and 1.0 files share their layout and date rule."""
    return Kind(
        name,
        read,
        sample,
        landed_name,
        "\t",
        False,
        100,
        "GLOBALEVENTID\tSQLDATE\tMonthYear",
        1,
        "19780101",
        "sql_date failed greater_than_or_equal_to(1979-01-01) (value 1978-01-01)",
    )


KINDS = [
    _gdelt_events("events", read_gdelt_events, GDELT / "events.csv", "20150218230000.export.CSV"),
    _gdelt_events(
        "translingual_events", read_gdelt_events, GDELT / "eventsT.csv", "20150218224500.translation.export.CSV"
    ),
    Kind(
        "mentions",
        read_gdelt_mentions,
        GDELT / "mentions.csv",
        "20150218230000.mentions.CSV",
        "\t",
        False,
        100,
        "GLOBALEVENTID\tEventTimeDate\tMentionTimeDate",
        2,
        "20990101000000",
        "MentionTimeDate lies in the future",
    ),
    Kind(
        "gkg",
        read_gdelt_gkg,
        GDELT / "gkg.csv",
        "20150218230000.gkg.csv",
        "\t",
        False,
        100,
        "GKGRECORDID\tV2.1DATE\tV2SOURCECOLLECTIONIDENTIFIER",
        1,
        "20140101000000",
        "date failed greater_than_or_equal_to(2015-02-18 00:00:00) (value 2014-01-01 00:00:00.000000)",
    ),
    _gdelt_events("events_v1", read_gdelt_v1_events, GDELT / "events1.csv", "20130401.export.CSV"),
    Kind(
        "acled",
        read_acled,
        ACLED / "acled_trimmed_long_dates.csv",
        "acled_export.csv",
        ",",
        True,
        3,
        "",
        1,
        "9-May-96",
        "event_date failed greater_than_or_equal_to(1997-01-01) (value 1996-05-09)",
    ),
    Kind(
        "polecat",
        read_polecat,
        POLECAT / "polecat_weekly_2023_01_02.txt",
        "polecat_weekly.txt",
        "\t",
        True,
        4,
        "",
        1,
        "2009-12-31",
        "story_date failed greater_than_or_equal_to(2010-01-01) (value 2009-12-31)",
    ),
]


def kinds(*, headerless_only: bool = False) -> pytest.MarkDecorator:
    chosen = [kind for kind in KINDS if not (headerless_only and kind.has_header)]
    return pytest.mark.parametrize("kind", chosen, ids=[kind.name for kind in chosen])


def _reasons(result: ReadResult) -> dict[int, str]:
    return dict(result.rejects.select("line_number", "reason").iter_rows())


@kinds()
def test_a_truncated_zip_is_unreadable(kind: Kind, tmp_path: Path) -> None:
    archive = zipped(kind.sample.read_bytes(), kind.landed_name)
    path = tmp_path / f"{kind.landed_name}.zip"
    path.write_bytes(archive[: len(archive) // 2])

    with pytest.raises(UnreadableFileError, match="not a readable zip file"):
        kind.read(path)


@kinds()
def test_a_zip_that_is_no_zip_is_unreadable(kind: Kind, tmp_path: Path) -> None:
    path = tmp_path / f"{kind.landed_name}.zip"
    path.write_bytes(kind.sample.read_bytes())

    with pytest.raises(UnreadableFileError, match="not a readable zip file: File is not a zip file"):
        kind.read(path)


@kinds()
def test_a_whole_zip_reads_like_the_plain_file(kind: Kind, tmp_path: Path) -> None:
    path = tmp_path / f"{kind.landed_name}.zip"
    path.write_bytes(zipped(kind.sample.read_bytes(), kind.landed_name))

    assert kind.read(path).rows.equals(kind.read(kind.sample).rows)


@kinds()
@pytest.mark.parametrize("content", [b"", b"\n", b"  \n\t\n"], ids=["no bytes", "one line end", "white space"])
def test_an_empty_file_is_unreadable(kind: Kind, content: bytes, tmp_path: Path) -> None:
    path = tmp_path / kind.landed_name
    path.write_bytes(content)

    with pytest.raises(UnreadableFileError, match="file is empty"):
        kind.read(path)


@kinds()
def test_an_empty_zip_member_is_unreadable(kind: Kind, tmp_path: Path) -> None:
    path = tmp_path / f"{kind.landed_name}.zip"
    path.write_bytes(zipped(b"", kind.landed_name))

    with pytest.raises(UnreadableFileError, match="file is empty"):
        kind.read(path)


@kinds()
@pytest.mark.parametrize("change", [1, -2], ids=["a field too many", "two fields too few"])
def test_a_line_with_another_field_count_is_rejected(kind: Kind, change: int, tmp_path: Path) -> None:
    separator = kind.separator.encode()
    fields = kind.data_lines()[-1].split(separator)
    line = separator.join([*fields, b"extra"] if change > 0 else fields[:change])
    result = kind.read(kind.write(tmp_path, [*kind.lines(), line]))

    n_fields = kind.field_count()
    expected = (
        f"expected {n_fields} fields as in the header, found {n_fields + change}"
        if kind.has_header
        else f"expected 57 or 58 fields, found {n_fields + change}"
        if kind.name == "events_v1"
        else f"expected {n_fields} fields, found {n_fields + change}"
    )
    assert result.rows.height == kind.sample_rows
    assert _reasons(result) == {len(kind.lines()) + 1: expected}
    assert result.rejects["raw_line"].item() == line.decode()


@kinds()
def test_undecodable_bytes_reject_their_line_only(kind: Kind, tmp_path: Path) -> None:
    line = kind.data_lines()[0] + b"\xe4"
    result = kind.read(kind.write(tmp_path, [*kind.lines(), line]))

    assert result.rows.height == kind.sample_rows
    expected = f"undecodable bytes (not UTF-8) at byte {len(line) - 1} of the line"
    assert _reasons(result) == {len(kind.lines()) + 1: expected}


@kinds(headerless_only=True)
def test_a_header_row_where_none_belongs_is_rejected(kind: Kind, tmp_path: Path) -> None:
    header = kind.header.encode()
    result = kind.read(kind.write(tmp_path, [header, *kind.lines()]))

    assert result.rows.height == kind.sample_rows
    assert result.rows["line_number"].min() == 2
    assert result.rejects.rows() == [(1, HEADER_ROW_REASON, kind.header)]


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.has_header], ids=lambda kind: kind.name)
def test_a_second_header_row_is_rejected(kind: Kind, tmp_path: Path) -> None:
    lines = kind.lines()
    result = kind.read(kind.write(tmp_path, [*lines, lines[0]]))

    assert result.rows.height == kind.sample_rows
    assert result.rejects.rows() == [(len(lines) + 1, HEADER_ROW_REASON, lines[0].decode())]


@kinds()
def test_a_date_out_of_range_rejects_its_line(kind: Kind, tmp_path: Path) -> None:
    lines = kind.lines()
    position = kind.first_data_line_number() - 1
    fields = lines[position].split(kind.separator.encode())
    fields[kind.date_field] = kind.out_of_range_date.encode()
    lines[position] = kind.separator.encode().join(fields)
    result = kind.read(kind.write(tmp_path, lines))

    assert result.rows.height == kind.sample_rows - 1
    assert list(_reasons(result)) == [kind.first_data_line_number()]
    assert kind.out_of_range_reason in _reasons(result)[kind.first_data_line_number()]
