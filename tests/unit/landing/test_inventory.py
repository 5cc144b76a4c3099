"""The landing folder's inventory: every entry accepted by a source, refused with its reason, or hidden."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import LANDING_SOURCES, landing_source

TODAY = dt.date(2026, 12, 6)


def land(root: Path, relative: str, content: bytes = b"x\n") -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def reasons(root: Path) -> dict[str, str]:
    return {refused.landed.source_file: refused.reason for refused in take_inventory(root, today=TODAY).refused}


def test_files_go_to_the_source_of_their_folder_with_their_source_system(tmp_path: Path) -> None:
    for name in (
        "articles/a.txt",
        "articles/b.HTML",
        "articles/feed/c.jsonl",
        "gdelt/events/20250511180000.export.CSV.zip",
        "gdelt/events/20250511181500.translation.export.CSV",
        "gdelt/mentions/20250511180000.mentions.CSV",
        "gdelt/gkg/20250511180000.translation.gkg.csv",
        "gdelt/v1_events/2005.zip",
        "gdelt/v1_events/20130401.export.CSV",
        "acled/middle_east.csv",
        "acled/EXPORT.CSV.zip",
        "polecat/ngec_coded_2023.txt",
    ):
        land(tmp_path, name)

    inventory = take_inventory(tmp_path, today=TODAY)

    assert inventory.refused == () and inventory.hidden == ()
    claimed = {(file.source.table_name, file.landed.source_file): file.source_system for file in inventory.accepted}
    assert claimed == {
        ("articles", "a.txt"): "articles",
        ("articles", "b.HTML"): "articles",
        ("articles", "feed/c.jsonl"): "articles",
        ("gdelt_events", "20250511180000.export.CSV.zip"): "gdelt_v2",
        ("gdelt_events", "20250511181500.translation.export.CSV"): "gdelt_v2_translingual",
        ("gdelt_mentions", "20250511180000.mentions.CSV"): "gdelt_v2_mentions",
        ("gdelt_gkg", "20250511180000.translation.gkg.csv"): "gdelt_v2_gkg_translingual",
        ("gdelt_v1_events", "2005.zip"): "gdelt_v1",
        ("gdelt_v1_events", "20130401.export.CSV"): "gdelt_v1",
        ("acled_events", "middle_east.csv"): "acled",
        ("acled_events", "EXPORT.CSV.zip"): "acled",
        ("polecat_events", "ngec_coded_2023.txt"): "polecat",
    }
    assert inventory.gdelt_days(landing_source("gdelt_events")) == [dt.date(2025, 5, 11)]


def test_names_out_of_pattern_or_range_are_refused_with_the_reason(tmp_path: Path) -> None:
    land(tmp_path, "gdelt/events/20250511180000.export.CSV")
    for name in (
        "gdelt/events/20990101000000.export.CSV",
        "gdelt/events/19000101000000.export.CSV",
        "gdelt/events/20180326044500 copy.export.CSV",
        "gdelt/events/20180326044700.export.CSV",
        "gdelt/events/20181326044500.export.CSV",
        "gdelt/events/20250511180000.mentions.CSV",
        "gdelt/events/20130401.export.CSV",
        "gdelt/v1_events/1850.zip",
        "gdelt/v1_events/notes.csv",
        "acled/readme.pdf",
        "articles/photo.jpg",
    ):
        land(tmp_path, name)

    found = reasons(tmp_path)

    assert found == {
        "gdelt/events/20990101000000.export.CSV": "gdelt/events/: slot 2099-01-01 00:00 lies in the future (today is 2026-12-06 UTC)",
        "gdelt/events/19000101000000.export.CSV": "gdelt/events/: slot 1900-01-01 00:00 lies before GDELT 2.0 began (2015-02-18)",
        "gdelt/events/20180326044500 copy.export.CSV": found["gdelt/events/20180326044500 copy.export.CSV"],
        "gdelt/events/20180326044700.export.CSV": "gdelt/events/: time stamp 20180326044700 is not a 15-minute slot (:00, :15, :30, :45)",
        "gdelt/events/20181326044500.export.CSV": "gdelt/events/: time stamp 20181326044500 is not a calendar time",
        "gdelt/events/20250511180000.mentions.CSV": "gdelt/events/: a GDELT 2.0 mentions file: it lands in gdelt/mentions/",
        "gdelt/events/20130401.export.CSV": "gdelt/events/: a GDELT 1.0 file name: 1.0 files land in gdelt/v1_events/",
        "gdelt/v1_events/1850.zip": "gdelt/v1_events/: 1850-01-01 lies before GDELT 1.0 begins (1979-01-01)",
        "gdelt/v1_events/notes.csv": found["gdelt/v1_events/notes.csv"],
        "acled/readme.pdf": "acled/: not a file this folder takes (.csv, .csv.zip)",
        "articles/photo.jpg": "articles/: not a file this folder takes (.txt, .html, .htm, .jsonl)",
    }
    assert found["gdelt/events/20180326044500 copy.export.CSV"].startswith("gdelt/events/: not a GDELT 2.0 file name")
    assert found["gdelt/v1_events/notes.csv"].startswith("gdelt/v1_events/: not a GDELT 1.0 event file name")
    accepted = take_inventory(tmp_path, today=TODAY).accepted
    assert [file.landed.source_file for file in accepted] == ["20250511180000.export.CSV"]
    assert take_inventory(tmp_path, today=TODAY).gdelt_days(landing_source("gdelt_events")) == [dt.date(2025, 5, 11)]


def test_files_in_no_source_folder_are_refused(tmp_path: Path) -> None:
    land(tmp_path, "notes.txt")
    land(tmp_path, "gdelt/20250511180000.export.CSV")
    land(tmp_path, "acleds/export.csv")

    found = reasons(tmp_path)

    assert set(found) == {"notes.txt", "gdelt/20250511180000.export.CSV", "acleds/export.csv"}
    folders = ", ".join(source.folder_name for source in LANDING_SOURCES)
    assert all(reason == f"in no folder a source lands in ({folders})" for reason in found.values())


def test_links_and_special_files_are_refused_and_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    land(outside, "secret.txt", b"root:x:0:0\n")
    land(outside, "more/20250511180000.export.CSV")
    root = tmp_path / "landing"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "passwd.txt").symlink_to(outside / "secret.txt")
    (root / "gdelt").mkdir()
    (root / "gdelt" / "events").symlink_to(outside / "more", target_is_directory=True)
    os.mkfifo(root / "articles" / "pipe.txt")

    inventory = take_inventory(root, today=TODAY)
    found = {refused.landed.source_file: refused.reason for refused in inventory.refused}

    assert inventory.accepted == ()
    assert found["articles/passwd.txt"] == (
        f"a symbolic link (to {outside / 'secret.txt'}): only regular files inside the landing folder are read"
    )
    assert found["gdelt/events"].startswith("a symbolic link (to ")
    assert found["articles/pipe.txt"] == "a named pipe, not a regular file: only regular files are read"


def test_hidden_entries_are_skipped_and_counted(tmp_path: Path) -> None:
    land(tmp_path, "gdelt/events/.20250511180000.export.CSV.zip.abc.part")
    land(tmp_path, ".DS_Store")
    land(tmp_path, ".cache/articles/a.txt")

    inventory = take_inventory(tmp_path, today=TODAY)

    assert (inventory.accepted, inventory.refused) == ((), ())
    assert inventory.hidden == (".DS_Store", ".cache", "gdelt/events/.20250511180000.export.CSV.zip.abc.part")


def test_a_missing_landing_folder_holds_nothing(tmp_path: Path) -> None:
    inventory = take_inventory(tmp_path / "not_there", today=TODAY)
    assert (inventory.exists, inventory.accepted, inventory.refused) == (False, (), ())


@pytest.mark.parametrize(
    "name", ["20250511180000.export.CSV", "20250511180000.export.csv.zip", "20251206234500.export.CSV"]
)
def test_valid_slots_up_to_today_are_accepted(tmp_path: Path, name: str) -> None:
    land(tmp_path, f"gdelt/events/{name}")
    assert [file.landed.source_file for file in take_inventory(tmp_path, today=TODAY).accepted] == [name]
