"""A month of GDELT 2.0 event exports as the feed lands them: 2,880 files of 15 minutes against the same rows in one file.

Data: 30 days × 96 exports of 2,000 lines each (5.76 M lines), made by cycling the real
records of `raw/gdelt/events/` with fresh, rising GlobalEventIDs, named as GDELT names its
exports (`20250301000000.export.CSV` …); and one file holding the same lines in the same
order. Written once to `bench/data/month/`, then reused.

Each load runs in a process of its own into a fresh warehouse and lake: `load_landed` of
the GDELT events source over the whole landing folder, as the loader asset calls it
(hash, manifest checks, read, validate, Parquet, the manifest committed for consecutive files together).
Reported: files/s, rows/s, and the per-file overhead, 1 − (rows/s of the 2,880 files) ÷
(rows/s of the one file).

Run: `python -m bench.gdelt_month [--files 2880] [--lines 2000] [--repeat 1]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.gdelt_ingest import DATA_DIR, FIRST_BENCH_EVENT_ID, PROJECT_ROOT, real_event_records

MONTH_START = dt.datetime(2025, 3, 1)
SLOT = dt.timedelta(minutes=15)


def _landing(kind: str, files: int, lines: int) -> Path:
    return DATA_DIR / "month" / f"{kind}-{files}x{lines}"


def generated_month(files: int, lines: int) -> tuple[Path, Path]:
    """(landing folder of `files` exports, landing folder of one export with the same lines)."""
    many, one = _landing("many", files, lines), _landing("one", files, lines)
    if many.exists() and one.exists():
        return many, one
    records = real_event_records()
    for folder in (many, one):
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "gdelt" / "events").mkdir(parents=True)
    with (one / "gdelt" / "events" / f"{MONTH_START:%Y%m%d%H%M%S}.export.CSV").open("w", encoding="utf-8") as whole:
        for number in range(files):
            first_line = number * lines
            text = "".join(
                f"{FIRST_BENCH_EVENT_ID + first_line + offset}\t{records[(first_line + offset) % len(records)]}\n"
                for offset in range(lines)
            )
            slot = MONTH_START + number * SLOT
            (many / "gdelt" / "events" / f"{slot:%Y%m%d%H%M%S}.export.CSV").write_text(text, encoding="utf-8")
            whole.write(text)
    return many, one


def load_folder(landing: Path, warehouse: Path) -> dict:
    """Load the GDELT events of `landing` into a fresh warehouse; the figures of the load."""
    from orchestration.landing.inventory import take_inventory
    from orchestration.landing.sources import GDELT_EVENTS
    from orchestration.loading.loader import load_landed
    from orchestration.loading.warehouse import connect

    inventory = take_inventory(landing, today=dt.date.today())
    connection = connect(warehouse)
    started, cpu = time.perf_counter(), time.process_time()
    outcomes = load_landed(connection, GDELT_EVENTS, inventory.files_of(GDELT_EVENTS), "bench")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    rows = connection.execute("select count(*) from raw.gdelt_events").fetchone()[0]
    connection.close()
    if any(outcome.status != "loaded" for outcome in outcomes) or rows != sum(o.rows_loaded for o in outcomes):
        raise RuntimeError(f"not every file loaded whole: {len(outcomes)} outcomes, {rows:,} rows")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"files": len(outcomes), "rows": rows, "wall": wall, "cpu": cpu, "peak_mib": peak}


def _in_child(landing: Path, work: Path) -> dict:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    completed = subprocess.run(
        [sys.executable, "-m", "bench.gdelt_month", "--child", str(landing), "--warehouse", str(work / "w.duckdb")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(work, ignore_errors=True)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-4000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=30 * 96)
    parser.add_argument("--lines", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warehouse", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        print(json.dumps(load_folder(arguments.child, arguments.warehouse)))
        return
    many, one = generated_month(arguments.files, arguments.lines)
    work = DATA_DIR / "month" / "work"
    results: dict[str, list[dict]] = {"one file": [], f"{arguments.files:,} files": []}
    for _ in range(arguments.repeat):
        for label, landing in zip(results, (one, many), strict=True):
            run = _in_child(landing, work)
            results[label].append(run)
            print(f"  {label:<12} {run['wall']:7.1f} s wall {run['cpu']:7.1f} s CPU", flush=True)
    print(
        "\n| landing | files | lines | wall s | CPU s | files/s | rows/s | peak RSS MiB |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    medians = {}
    for label, runs in results.items():
        run = sorted(runs, key=lambda each: each["wall"])[(len(runs) - 1) // 2]
        medians[label] = run
        print(
            f"| {label} | {run['files']:,} | {run['rows']:,} | {run['wall']:.1f} | {run['cpu']:.1f} "
            f"| {run['files'] / run['wall']:,.1f} | {run['rows'] / run['wall']:,.0f} | {run['peak_mib']:,.0f} |"
        )
    one_rate, many_rate = (run["rows"] / run["wall"] for run in medians.values())
    print(f"\nper-file overhead: {1 - many_rate / one_rate:.1%} of the one file's rows/s")


if __name__ == "__main__":
    main()
