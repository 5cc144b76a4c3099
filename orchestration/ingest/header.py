"""The header line of a header-driven file: its separator, its names and where each known column stands.

Header names match known columns without regard to case, spaces, underscores or
punctuation. The separator is whichever of the layout's separators the header line
holds most of. A header that lacks a required column makes the whole file unreadable.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from orchestration.ingest.fields import UTF8_BOM
from orchestration.ingest.header_rows import normalised_name
from orchestration.ingest.landed import UnreadableFileError


@dataclass(frozen=True)
class Header:
    """A file's header line: its names, its separator and where each known column stands."""

    line: str
    names: list[str]
    separator: str
    positions: dict[str, int]
    unknown_columns: list[str]


def read_header(
    line: bytes, aliases: Mapping[str, Collection[str]], required: Collection[str], separators: str
) -> Header:
    """The header line of a file; `UnreadableFileError` when it is not text or lacks a required column."""
    try:
        text = line.removeprefix(UTF8_BOM).decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise UnreadableFileError(f"header line: undecodable bytes (not UTF-8) at byte {error.start}") from error
    separator = max(separators, key=text.count)
    names = next(csv.reader([text], delimiter=separator), [])
    positions, unknown = _match_header(names, aliases)
    missing = [column for column in required if column not in positions]
    if missing:
        raise UnreadableFileError(f"header lacks required column(s) {', '.join(missing)}: {text[:300]!r}")
    return Header(text, names, separator, positions, unknown)


def _match_header(header: list[str], aliases: Mapping[str, Collection[str]]) -> tuple[dict[str, int], list[str]]:
    """Known column → its position in the header; and the header names no column claims."""
    by_name = {normalised_name(alias): column for column, names in aliases.items() for alias in [column, *names]}
    positions: dict[str, int] = {}
    unknown = []
    for position, name in enumerate(header):
        column = by_name.get(normalised_name(name))
        if column is None or column in positions:
            unknown.append(name)
        else:
            positions[column] = position
    return positions, unknown
