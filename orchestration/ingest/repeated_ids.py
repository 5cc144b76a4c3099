"""Where in a file each key first stood, so that a key repeated anywhere later is rejected."""

from __future__ import annotations

import polars as pl

from orchestration.ingest.landed import empty_reasons


class FirstOccurrences:
    """Where each key of one file first stood, across the batches of that file.

    A repeated key is rejected, naming the line of its first occurrence. The keys seen
    are kept as sorted segments with disjoint ranges, so a file whose keys rise (GDELT
    numbers its events in order) only ever compares a batch with itself.
    """

    def __init__(self, key: str, label: str) -> None:
        self._key = key
        self._label = label
        self._segments: list[pl.DataFrame] = []

    def split(self, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """`frame` without the lines whose key stood earlier in the file, and their reasons."""
        if frame.height == 0:
            return frame, empty_reasons()
        keys = frame.select(pl.col(self._key).alias("_key"), "line_number")
        if keys.select((pl.col("_key") > pl.col("_key").shift(1)).all()).item():
            firsts = keys.with_columns(pl.col("_key").set_sorted())
            repeats = keys.clear()
        else:
            marked = keys.with_columns(pl.col("line_number").min().over("_key").alias("_first_line"))
            firsts = marked.filter(pl.col("line_number") == pl.col("_first_line")).select("_key", "line_number")
            repeats = marked.filter(pl.col("line_number") != pl.col("_first_line")).select("_key", "line_number")
        earlier = self._earlier_lines(firsts)
        if earlier.height:
            seen_before = pl.col("_key").is_in(earlier["_key"].implode())
            repeats = pl.concat([repeats, firsts.filter(seen_before)])
            firsts = firsts.filter(~seen_before)
        self._remember(firsts)
        if repeats.height == 0:
            return frame, empty_reasons()
        first_lines = pl.concat([earlier, firsts.rename({"line_number": "_first_line"})])
        reasons = (
            repeats.join(first_lines, on="_key")
            .select(
                "line_number",
                pl.format(
                    f"{self._label} {{}} already stands on line {{}}", pl.col("_key"), pl.col("_first_line")
                ).alias("reason"),
            )
            .sort("line_number")
        )
        return frame.filter(~pl.col("line_number").is_in(reasons["line_number"].implode())), reasons

    def _overlapping(self, low: object, high: object) -> list[int]:
        return [
            position
            for position, segment in enumerate(self._segments)
            if not (segment["_key"][-1] < low or segment["_key"][0] > high)
        ]

    def _earlier_lines(self, firsts: pl.DataFrame) -> pl.DataFrame:
        low, high = firsts["_key"].min(), firsts["_key"].max()
        found = [pl.DataFrame(schema={"_key": firsts.schema["_key"], "_first_line": pl.Int64})]
        for position in self._overlapping(low, high):
            segment = self._segments[position]
            start = segment["_key"].search_sorted(low, side="left")
            end = segment["_key"].search_sorted(high, side="right")
            window = segment.slice(start, end - start).rename({"line_number": "_first_line"})
            found.append(firsts.select("_key").join(window, on="_key"))
        return pl.concat(found)

    def _remember(self, firsts: pl.DataFrame) -> None:
        if firsts.height == 0:
            return
        new = firsts.select("_key", "line_number").sort("_key")
        overlapping = self._overlapping(new["_key"][0], new["_key"][-1])
        if overlapping:
            merged = pl.concat([self._segments[position] for position in overlapping] + [new]).sort("_key")
            self._segments = [segment for position, segment in enumerate(self._segments) if position not in overlapping]
            new = merged
        self._segments.append(new)
