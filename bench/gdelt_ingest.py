"""GDELT 2.0 event ingest: dyadwatch's reader and loader against DuckDB's own CSV load and pandas.

For each size (1 M and 10 M lines by default) the benchmark writes a GDELT-shaped export
to `bench/data/` by cycling the real records of `raw/gdelt/events/*.export.*` with fresh,
rising GlobalEventIDs, then times, each in a process of its own so that peak memory is
the method's own:

- `dyadwatch`: the streaming GDELT reader (parse, type, validate with pandera, reject
  repeated GlobalEventIDs) writing the file's Parquet file in the lake batch by batch,
  with the manifest of a fresh DuckDB file, including the content hash the manifest keeps;
- `duckdb`: `create table … as select * from read_csv(…)` into a fresh DuckDB file,
  column types auto-detected: the floor of loading this file on this machine;
- `duckdb_parquet`: DuckDB's own `copy (select * from read_csv(…)) to … (format parquet,
  compression zstd)`: the floor of turning this file into Parquet;
- `pandas`: `pandas.read_csv` as a user would write it (tab-separated, no header, no
  quoting, code columns as strings), in chunks of 1 M lines, into data frames only.

Run: `python -m bench.gdelt_ingest [--rows 1000000 10000000] [--repeat 3]`. The table is
printed and written to `bench/results/latest.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RAW_EVENTS = PROJECT_ROOT / "raw" / "gdelt" / "events"
DATA_DIR = PROJECT_ROOT / "bench" / "data"
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"

DEFAULT_ROWS = (1_000_000, 10_000_000)
METHODS = ("dyadwatch", "duckdb", "duckdb_parquet", "pandas")
FIRST_BENCH_EVENT_ID = 1_000_000_000
PANDAS_CHUNK_ROWS = 1_000_000


@dataclass(frozen=True)
class Measurement:
    """One timed run of one method on one file."""

    method: str
    rows: int
    n_bytes: int
    wall_seconds: float
    cpu_seconds: float
    peak_rss_mib: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.wall_seconds

    @property
    def mb_per_second(self) -> float:
        return self.n_bytes / 1e6 / self.wall_seconds


# Data ---------------------------------------------------------------------------------


def real_event_records() -> list[str]:
    """The bundled real export lines, each without its GlobalEventID."""
    records = []
    for path in sorted(RAW_EVENTS.glob("*.export.*")):
        for line in path.read_text(encoding="utf-8").splitlines():
            records.append(line.split("\t", 1)[1])
    if not records:
        raise SystemExit(f"no GDELT exports found in {RAW_EVENTS}")
    return records


def generated_export(rows: int) -> Path:
    """`bench/data/<rows>.export.CSV`: `rows` real records in turn, numbered afresh (made once, then reused)."""
    path = DATA_DIR / f"bench{rows}.export.CSV"
    if path.exists():
        return path
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    records = real_event_records()
    partial = path.with_suffix(".part")
    with partial.open("w", encoding="utf-8", buffering=2**24) as out:
        for start in range(0, rows, len(records)):
            count = min(len(records), rows - start)
            first_id = FIRST_BENCH_EVENT_ID + start
            out.write("".join(f"{first_id + offset}\t{records[offset]}\n" for offset in range(count)))
    partial.rename(path)
    return path


# Methods (each runs in a child process) -----------------------------------------------


def ingest_with_dyadwatch(path: Path, database: Path, batch_bytes: int) -> int:
    """The warehouse's own load path: `load_source`, its DuckDB settings and read-ahead included."""
    from orchestration.ingest.gdelt_events import SOURCE_SYSTEM, iter_gdelt_event_batches
    from orchestration.landing.inventory import LandedFile
    from orchestration.loading.loader import load_source
    from orchestration.loading.warehouse import connect

    connection = connect(database)
    try:
        (outcome,) = load_source(
            connection,
            table="raw.gdelt_events",
            source_system=SOURCE_SYSTEM,
            files=[LandedFile.at(path, path.parent)],
            read_batches=functools.partial(iter_gdelt_event_batches, batch_bytes=batch_bytes),
            load_id="bench",
        )
        loaded = connection.execute("select count(*) from raw.gdelt_events").fetchone()[0]
    finally:
        connection.close()
    if outcome.status != "loaded" or outcome.rows_quarantined or loaded != outcome.rows_read:
        raise RuntimeError(f"ingest did not load every line: {outcome}, {loaded} rows in the table")
    return loaded


def load_with_duckdb(path: Path, database: Path, _batch_bytes: int) -> int:
    import duckdb

    connection = duckdb.connect(str(database))
    try:
        connection.execute(
            "create table gdelt_events as select * from read_csv(?, delim = '\t', header = false, "
            "quote = '', escape = '', all_varchar = false)",
            [str(path)],
        )
        loaded = connection.execute("select count(*) from gdelt_events").fetchone()[0]
    finally:
        connection.close()
    return loaded


def convert_with_duckdb(path: Path, database: Path, _batch_bytes: int) -> int:
    import duckdb

    parquet = database.with_suffix(".parquet")
    connection = duckdb.connect()
    try:
        connection.execute(
            f"copy (select * from read_csv(?, delim = '\t', header = false, quote = '', escape = '', "
            f"all_varchar = false)) to '{parquet}' (format parquet, compression zstd)",
            [str(path)],
        )
        loaded = connection.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone()[0]
    finally:
        connection.close()
    return loaded


def read_with_pandas(path: Path, _database: Path, _batch_bytes: int) -> int:
    import csv

    import pandas as pd

    from orchestration.ingest.gdelt_events import COLUMNS

    numeric = {
        "global_event_id",
        "sql_date",
        "month_year",
        "year",
        "fraction_date",
        "is_root_event",
        "quad_class",
        "goldstein_scale",
        "num_mentions",
        "num_sources",
        "num_articles",
        "avg_tone",
        "date_added",
        *(
            f"{prefix}_{field}"
            for prefix in ("actor1_geo", "actor2_geo", "action_geo")
            for field in ("type", "lat", "long")
        ),
    }
    codes_as_strings = {name: str for name in COLUMNS if name not in numeric}
    rows = 0
    with pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=COLUMNS,
        dtype=codes_as_strings,
        quoting=csv.QUOTE_NONE,
        chunksize=PANDAS_CHUNK_ROWS,
    ) as chunks:
        for frame in chunks:
            rows += len(frame)
    return rows


RUNNERS: dict[str, Callable[[Path, Path, int], int]] = {
    "dyadwatch": ingest_with_dyadwatch,
    "duckdb": load_with_duckdb,
    "duckdb_parquet": convert_with_duckdb,
    "pandas": read_with_pandas,
}


def run_in_this_process(method: str, path: Path, database: Path, batch_bytes: int) -> Measurement:
    """Time one method here; imports happen before the clock starts, as a warm process would have them."""
    if method == "pandas":
        import pandas  # noqa: F401
    else:
        import duckdb  # noqa: F401
        import pandera.polars  # noqa: F401
        import polars  # noqa: F401
    if database.exists():
        database.unlink()
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    rows = RUNNERS[method](path, database, batch_bytes)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measurement(method, rows, path.stat().st_size, wall, cpu, after.ru_maxrss / 1024)


def run_in_child(method: str, path: Path, work_dir: Path, batch_bytes: int) -> Measurement:
    database = work_dir / f"{method}.duckdb"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.gdelt_ingest",
            "--child",
            method,
            "--file",
            str(path),
            "--database",
            str(database),
            "--batch-mib",
            str(batch_bytes // 2**20),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    for suffix in ("", ".wal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.with_suffix(".parquet").unlink(missing_ok=True)
    shutil.rmtree(database.parent / f"{database.stem}_lake", ignore_errors=True)
    if completed.returncode != 0:
        raise RuntimeError(f"{method} failed on {path.name}:\n{completed.stderr[-4000:]}")
    return Measurement(**json.loads(completed.stdout.strip().splitlines()[-1]))


# Report -------------------------------------------------------------------------------


def median_run(runs: list[Measurement]) -> Measurement:
    """The run with the median wall time, with the highest peak memory of all runs."""
    ordered = sorted(runs, key=lambda run: run.wall_seconds)
    middle = ordered[(len(ordered) - 1) // 2]
    return Measurement(**{**asdict(middle), "peak_rss_mib": max(run.peak_rss_mib for run in runs)})


def machine_description() -> str:
    import duckdb
    import pandas
    import pandera
    import polars

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kib = int(meminfo.read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f", {total_kib / 2**20:.0f} GiB RAM"
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Polars {polars.__version__}, DuckDB {duckdb.__version__}, "
        f"pandas {pandas.__version__}, pandera {pandera.__version__}"
    )


def markdown_table(results: dict[int, dict[str, Measurement]]) -> str:
    lines = [
        "| lines | method | wall s | CPU s | rows/s | MB/s | peak RSS MiB | rows/s vs DuckDB | rows/s vs pandas |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rows, by_method in results.items():
        duckdb_rate = by_method["duckdb"].rows_per_second if "duckdb" in by_method else None
        pandas_rate = by_method["pandas"].rows_per_second if "pandas" in by_method else None
        for method, run in by_method.items():
            versus_duckdb = f"{run.rows_per_second / duckdb_rate:.2f}×" if duckdb_rate else "–"
            versus_pandas = f"{run.rows_per_second / pandas_rate:.2f}×" if pandas_rate else "–"
            lines.append(
                f"| {rows:,} | {method} | {run.wall_seconds:.1f} | {run.cpu_seconds:.1f} | {run.rows_per_second:,.0f} "
                f"| {run.mb_per_second:.0f} | {run.peak_rss_mib:,.0f} | {versus_duckdb} | {versus_pandas} |"
            )
    return "\n".join(lines)


def _settings_text() -> str:
    from orchestration.loading.warehouse import LOADING_SETTINGS

    return "; ".join(f"set {name} = {value}" for name, value in LOADING_SETTINGS.items())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=list(DEFAULT_ROWS), help="lines per generated file")
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per method and size; the median is reported")
    parser.add_argument(
        "--batch-mib", type=int, help="dyadwatch reader's batch size in MiB of text (the reader's default if absent)"
    )
    parser.add_argument("--keep-data", action="store_true", help="keep the generated files in bench/data/")
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.batch_mib is None:
        # Imported here only: a child timing pandas should not carry Polars in its memory.
        from orchestration.ingest.batches import DEFAULT_BATCH_BYTES

        arguments.batch_mib = DEFAULT_BATCH_BYTES // 2**20
    batch_bytes = arguments.batch_mib * 2**20

    if arguments.child:
        measurement = run_in_this_process(arguments.child, arguments.file, arguments.database, batch_bytes)
        print(json.dumps(asdict(measurement)))
        return

    work_dir = DATA_DIR / "work"
    work_dir.mkdir(parents=True, exist_ok=True)
    results: dict[int, dict[str, Measurement]] = {}
    for rows in arguments.rows:
        path = generated_export(rows)
        runs: dict[str, list[Measurement]] = {method: [] for method in arguments.methods}
        for attempt in range(arguments.repeat):
            for method in arguments.methods:
                run = run_in_child(method, path, work_dir, batch_bytes)
                if run.rows != rows:
                    raise RuntimeError(f"{method} read {run.rows:,} lines of {rows:,}")
                runs[method].append(run)
                print(
                    f"{rows:>11,} lines  {method:<9}  run {attempt + 1}: {run.wall_seconds:6.1f} s wall, "
                    f"{run.cpu_seconds:6.1f} s CPU, {run.peak_rss_mib:7,.0f} MiB peak",
                    flush=True,
                )
        results[rows] = {method: median_run(measured) for method, measured in runs.items()}
        if not arguments.keep_data:
            path.unlink()
    shutil.rmtree(work_dir, ignore_errors=True)

    report = (
        f"GDELT 2.0 event ingest, {dt.date.today().isoformat()}, median of {arguments.repeat} run(s), "
        f"reader batches of {arguments.batch_mib} MiB, dyadwatch's DuckDB connection: "
        f"{_settings_text()}.\n\nMachine: {machine_description()}.\n\n"
        f"{markdown_table(results)}\n"
    )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.md").write_text(report, encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
