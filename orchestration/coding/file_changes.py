"""Which landed article files to code: those that are new or changed since the coded tables
were built, and which coded files left the landing folder.

Source: a digest of each landed file's records (`raw.articles`, per `source_file`) and the
coded tables' record of the files they were built from (`coded.article_files`: the digest
of the records each file was coded from and the coder's fingerprint then). Grain: one
`FileChanges` per run.

A file is coded again when its records changed (the same name, other content); a coded
file no longer landed leaves with its rows. Everything is coded again when asked, when
nothing was coded yet, or when any coded file was coded under another fingerprint: the
seeds, the watch list, the coder or its libraries changed, and that touches every article.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

LANDED_DIGESTS_SCHEMA = {"source_file": pl.String, "records_digest": pl.String}
CODED_FILES_SCHEMA = {**LANDED_DIGESTS_SCHEMA, "coder_fingerprint": pl.String}


@dataclass(frozen=True)
class FileChanges:
    to_code: list[str]
    """Files coded in this run: new or changed ones, or every landed file when coding everything again."""
    gone: list[str]
    """Coded files no longer landed: their rows leave."""
    full_recode_reason: str | None
    """Why everything is coded again; None when only `to_code` is coded and `gone` removed."""

    @property
    def full_recode(self) -> bool:
        return self.full_recode_reason is not None

    @property
    def replaced(self) -> list[str]:
        """The files whose rows, bookkeeping and quarantine entries this run writes anew."""
        return sorted({*self.to_code, *self.gone})

    @property
    def nothing_to_code(self) -> bool:
        return not self.full_recode and not self.to_code and not self.gone


def file_changes(
    landed: pl.DataFrame, coded: pl.DataFrame, fingerprint: str, *, full_recode: bool = False
) -> FileChanges:
    """The changes between the landed files' digests (`LANDED_DIGESTS_SCHEMA`) and the coded
    files (`CODED_FILES_SCHEMA`) under the coder's current `fingerprint`."""
    gone = sorted(set(coded["source_file"]) - set(landed["source_file"]))
    reason = _full_recode_reason(coded, fingerprint, full_recode)
    if reason is not None:
        return FileChanges(sorted(landed["source_file"]), gone, reason)
    unchanged = landed.join(coded, on=["source_file", "records_digest"], how="semi")
    return FileChanges(sorted(set(landed["source_file"]) - set(unchanged["source_file"])), gone, None)


def _full_recode_reason(coded: pl.DataFrame, fingerprint: str, asked: bool) -> str | None:
    if asked:
        return "a full re-code was asked for"
    if coded.height == 0:
        return "nothing was coded before"
    if coded.filter(pl.col("coder_fingerprint") != fingerprint).height:
        return "the coder's inputs changed (seeds, watch list, code or libraries)"
    return None


def coded_file_rows(landed: pl.DataFrame, files: list[str], fingerprint: str) -> pl.DataFrame:
    """The coded tables' record (`CODED_FILES_SCHEMA`) of `files`, coded from the landed records now."""
    return (
        landed.filter(pl.col("source_file").is_in(files))
        .with_columns(pl.lit(fingerprint).alias("coder_fingerprint"))
        .select(CODED_FILES_SCHEMA.keys())
        .cast(CODED_FILES_SCHEMA)
        .sort("source_file")
    )
