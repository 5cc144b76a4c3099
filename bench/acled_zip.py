"""Benchmark: peak memory and time of loading a large zipped ACLED export, streamed against read whole.

**Data.** An ACLED-format export (the codebook's 31 columns) written to `bench/data/` by cycling
the rows of `tests/fixtures/acled/acled_full_upper_iso_dates.csv` (written for the tests, no
ACLED data) with fresh event ids, notes with line breaks and quotes included, to a given size
unzipped (500 MB by default), then deflated: repetitive text, a few megabytes zipped, like the
2.3 MB zip holding 500 MB a user once landed.

**Methods**, each in a process of its own (peak memory is the process's maximum resident set):

| method | what runs |
|---|---|
| `stream` | the warehouse's own load of the zip: `load_source` with `iter_acled_batches` (batches of whole records read one ahead, one insert, the manifest and load log) |
| `whole` | the same export read in one piece, as ACLED files were read before they streamed: the zip member unzipped into memory, then `parse_acled` (no load) |

Run: `python -m bench.acled_zip [--mb 500] [--methods stream whole]` (`make bench`).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "bench" / "data"
SAMPLE = PROJECT_ROOT / "tests" / "fixtures" / "acled" / "acled_full_upper_iso_dates.csv"
METHODS = ("stream", "whole")


def generated_zip(megabytes: int) -> tuple[Path, int]:
    """`bench/data/acled_<MB>mb.csv.zip` and its number of records (made once, then reused)."""
    path = DATA_DIR / f"acled_{megabytes}mb.csv.zip"
    count_file = path.with_suffix(".count")
    if path.exists() and count_file.exists():
        return path, int(count_file.read_text())
    header, body = SAMPLE.read_text(encoding="utf-8").split("\n", 1)
    header += "\n"
    records = _records(body)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    target = megabytes * 10**6
    written, count = len(header), 0
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("acled.csv", "w", force_zip64=True) as member,
    ):
        member.write(header.encode())
        while written < target:
            for record in records:
                count += 1
                line = f"BEN{count}{record[record.index(',') :]}\n".encode()
                member.write(line)
                written += len(line)
    count_file.write_text(str(count))
    return path, count


def _records(body: str) -> list[str]:
    """The sample's records (a quoted note may span lines), each without its line end."""
    records, current = [], ""
    for line in body.splitlines():
        current = f"{current}\n{line}" if current else line
        if current.count('"') % 2 == 0:
            records.append(current)
            current = ""
    return records


def stream(path: Path, work: Path) -> int:
    from orchestration.ingest.acled import SOURCE_SYSTEM, iter_acled_batches
    from orchestration.landing.inventory import LandedFile
    from orchestration.loading.loader import load_source
    from orchestration.loading.warehouse import connect

    database = work / "acled.duckdb"
    database.unlink(missing_ok=True)
    connection = connect(database)
    try:
        (outcome,) = load_source(
            connection,
            table="raw.acled_events",
            source_system=SOURCE_SYSTEM,
            files=[LandedFile.at(path, path.parent)],
            read_batches=iter_acled_batches,
            load_id="bench",
        )
    finally:
        connection.close()
    return outcome.rows_loaded


def whole(path: Path, _work: Path) -> int:
    from orchestration.ingest.acled import parse_acled

    with zipfile.ZipFile(path) as archive:
        data = archive.read(archive.namelist()[0])
    return parse_acled(data).rows.height


def child(method: str, path: Path, work: Path) -> None:
    import duckdb  # noqa: F401
    import polars  # noqa: F401

    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
    rows = {"stream": stream, "whole": whole}[method](path, work)
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(
        json.dumps(
            {"rows": rows, "wall": time.perf_counter() - started, "cpu": cpu, "peak_mib": after.ru_maxrss / 1024}
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=500, help="size of the export unzipped, in MB")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    work = DATA_DIR / "work"
    work.mkdir(parents=True, exist_ok=True)
    if arguments.child:
        child(arguments.child, arguments.file, work)
        return 0
    path, records = generated_zip(arguments.mb)
    print(f"ACLED export: {records:,} records, {arguments.mb} MB unzipped, {path.stat().st_size / 1e6:.1f} MB zipped")
    print("| method | rows | wall s | CPU s | peak RSS MiB |\n|---|---:|---:|---:|---:|")
    for method in arguments.methods:
        done = subprocess.run(
            [sys.executable, "-m", "bench.acled_zip", "--child", method, "--file", str(path)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            print(
                f"| {method} | failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode} | | | |"
            )
            continue
        run = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"| {method} | {run['rows']:,} | {run['wall']:.1f} | {run['cpu']:.1f} | {run['peak_mib']:,.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
