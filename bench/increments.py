"""Benchmark: how long `python -m orchestration.cli.build` takes when little has changed.

**Data.** A landing folder in a temporary directory: `--days` consecutive days from
2025-01-01 (30 by default) of GDELT 2.0 exports, `--files-per-day` quarter-hour slots a day
(96 by default, the whole day). Every export holds the real records of
`raw/gdelt/events/20180326044500.export.CSV` with fresh GlobalEventIDs and DATEADDED set to its
own slot, and is named by that slot (`YYYYMMDDHHMMSS.export.CSV`). The bundled articles of
`raw/articles/` land beside them. The last slot of the last day is held back for case (b).

**Cases**, in this order, each a run of `python -m orchestration.cli.build` (what `make run` runs),
without flags but for (e), in a process of its own with its own `DAGSTER_HOME` (the project's `dagster.yaml`)
and warehouse in the temporary directory:

| case | what has changed since the previous build |
|---|---|
| (d) full rebuild | everything: the first build, into an empty warehouse and an empty Dagster instance, which is a full build whatever flags the build takes |
| (a) nothing new | nothing |
| (b) one new export | one export for the held-back slot of the last day |
| (c) one new article | one article: a bundled article under a new name, its text changed so that it is no duplicate |
| (e) make rebuild | nothing, built in full on purpose (`--full`): every asset runs, every landed GDELT day is looked at, the loaders skip the files they hold |

Wall seconds are the subprocess's, interpreter start included. Peak memory is the largest sum of
the resident sets of the build and all its descendants (dbt runs among them), sampled every
0.2 s from `/proc`, so a peak shorter than that can be missed. The stage lines the build prints
(`  <stage>: <outcome>  (<seconds> s)`) give each case's seconds in stages and its slowest
stages; a build that prints no stage line (one with nothing to do may say so in a line and stop)
still has its wall seconds and memory. Each build's output is kept in the temporary directory,
which is removed at the end unless `--keep` is given or a build failed.

Run: `python -m bench.increments [--days 30] [--files-per-day 96]` (`make bench-increments`,
minutes at the default size). The table is printed and written to `bench/results/increments.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from orchestration import settings

PROJECT_ROOT = settings.PROJECT_ROOT
TEMPLATE_EXPORT = PROJECT_ROOT / "raw" / "gdelt" / "events" / "20180326044500.export.CSV"
BUNDLED_ARTICLES = PROJECT_ROOT / "raw" / "articles"
DAGSTER_YAML = PROJECT_ROOT / "dagster_home" / "dagster.yaml"
RESULTS_DIR = PROJECT_ROOT / "bench" / "results"

# Past days, after every SQLDATE of the template (DATEADDED may not precede the event's date)
# and before today (the landing audit refuses slots in the future).
FIRST_DAY = dt.date(2025, 1, 1)
SLOTS_PER_DAY = 96
SLOT = dt.timedelta(minutes=15)
FIRST_BENCH_EVENT_ID = 3_000_000_000
DATE_ADDED_COLUMN = 59  # zero-based: GlobalEventID is column 0, SOURCEURL column 60
RSS_SAMPLE_SECONDS = 0.2
# A stage line of the build's output is indented and ends in its seconds: "  <stage>: <outcome>  (12.3 s)".
# What a stage says may change from one version of the build to the next; only that shape is relied on.
STAGE_LINE = re.compile(r"^\s+(?P<text>\S.*?)\s*\((?P<seconds>\d[\d,]*(?:\.\d+)?) s\)\s*$")
TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# The landing folder's path is the temporary directory's: noise in a stage's name.
ABSOLUTE_PATH = re.compile(r"(?<!\S)/\S*")


@dataclass(frozen=True)
class BuildRun:
    """One timed build."""

    case: str
    wall_seconds: float
    peak_rss_mib: float
    stages: list[tuple[str, float]]


class BuildFailed(RuntimeError):
    """A build exited with an error: its output stays in the temporary directory."""


# Data ---------------------------------------------------------------------------------


def template_records() -> list[tuple[str, str]]:
    """The template's lines as (columns 1–58, SOURCEURL): the parts kept between the new id and DATEADDED."""
    records = []
    for line in TEMPLATE_EXPORT.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        records.append(("\t".join(fields[1:DATE_ADDED_COLUMN]), fields[DATE_ADDED_COLUMN + 1]))
    return records


def write_export(landing: Path, slot: dt.datetime, first_id: int, records: list[tuple[str, str]]) -> Path:
    """`gdelt/events/<slot>.export.CSV`: the template's records numbered from `first_id`, added at `slot`."""
    stamp = slot.strftime("%Y%m%d%H%M%S")
    path = landing / "gdelt" / "events" / f"{stamp}.export.CSV"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(f"{first_id + offset}\t{middle}\t{stamp}\t{url}\n" for offset, (middle, url) in enumerate(records)),
        encoding="utf-8",
    )
    return path


def slots(days: int, files_per_day: int) -> list[dt.datetime]:
    """The first `files_per_day` quarter-hour slots of each of `days` days from FIRST_DAY."""
    start = dt.datetime.combine(FIRST_DAY, dt.time())
    return [start + dt.timedelta(days=day) + index * SLOT for day in range(days) for index in range(files_per_day)]


def generate_landing(landing: Path, days: int, files_per_day: int) -> tuple[list[tuple[str, str]], dt.datetime, int]:
    """Every slot but the last as an export, plus the bundled articles; returns what case (b) needs."""
    records = template_records()
    *landed, held_back = slots(days, files_per_day)
    for number, slot in enumerate(landed):
        write_export(landing, slot, FIRST_BENCH_EVENT_ID + number * len(records), records)
    shutil.copytree(BUNDLED_ARTICLES, landing / "articles")
    return records, held_back, FIRST_BENCH_EVENT_ID + len(landed) * len(records)


def write_new_article(landing: Path) -> Path:
    """A bundled article under a new name, one word of its longest paragraph changed and a line added: new text, not a copy."""
    source = min(BUNDLED_ARTICLES.glob("*.txt"))
    text = source.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    longest = max(range(len(paragraphs)), key=lambda index: len(paragraphs[index]))
    paragraphs[longest] = paragraphs[longest].replace(" the ", " that ", 1)
    path = landing / "articles" / f"bench_new_{source.name}"
    path.write_text("\n\n".join(paragraphs) + "\n\nThis report was updated with later statements.\n", encoding="utf-8")
    return path


def landing_bytes(landing: Path) -> int:
    return sum(path.stat().st_size for path in landing.rglob("*") if path.is_file())


# Measuring ----------------------------------------------------------------------------


def tree_rss_bytes(root_pid: int) -> int:
    """The summed resident sets of `root_pid` and its descendants, read from /proc (0 where /proc is absent)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            statm = Path(entry.path, "statm").read_text()
        except OSError:  # the process ended while being read
            continue
        # The command name in parentheses may hold spaces: the parent pid follows its closing one.
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        pid = int(entry.name)
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(statm.split()[1]) * page
    total, pending = 0, [root_pid]
    while pending:
        pid = pending.pop()
        total += rss.get(pid, 0)
        pending.extend(children.get(pid, []))
    return total


def build_environment(work: Path, landing: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        settings.RAW_DIR_ENV: str(landing),
        settings.WAREHOUSE_ENV: str(work / "warehouse" / "dyadwatch.duckdb"),
        "DAGSTER_HOME": str(work / "dagster_home"),
    }
    # Everything a build writes stays beside the benchmark's own warehouse.
    for name in (settings.SNAPSHOT_ENV, settings.REPORTS_DIR_ENV, settings.EXPORT_DIR_ENV, settings.PG_DATA_ENV):
        environment.pop(name, None)
    return environment


def stage_times(output: str) -> list[tuple[str, float]]:
    """(stage, seconds) of each stage line of a build's output, in order; empty when it printed none.
    A stage is named by what its line says before the first colon, absolute paths left out."""
    stages = []
    for line in TERMINAL_ESCAPE.sub("", output).splitlines():
        if match := STAGE_LINE.match(line):
            name = " ".join(ABSOLUTE_PATH.sub("", match["text"].split(":", 1)[0]).split())
            stages.append((name or match["text"], float(match["seconds"].replace(",", ""))))
    return stages


def timed_build(case: str, work: Path, landing: Path, flags: tuple[str, ...] = ()) -> BuildRun:
    """Run one build with `flags` to its end; its output goes to `work/build_<letter>.out`."""
    output = work / f"build_{case.split(')')[0].strip('(')}.out"
    peak = 0
    with output.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "orchestration.cli.build", *flags],
            cwd=PROJECT_ROOT,
            env=build_environment(work, landing),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_bytes(process.pid))
                done.wait(RSS_SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    text = output.read_text(encoding="utf-8")
    if returncode != 0:
        raise BuildFailed(f"build {case} failed ({returncode}), its output in {output}:\n{text[-4000:]}")
    return BuildRun(case, wall, peak / 2**20, stage_times(text))


# Report -------------------------------------------------------------------------------


def machine_description() -> str:
    import duckdb
    import polars

    cpu = platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Polars {polars.__version__}, DuckDB {duckdb.__version__}"
    )


def ratio(value: float, reference: float) -> str:
    # Without /proc every peak is 0.
    return f"{value / reference:.2f}×" if reference else "–"


def markdown_table(runs: list[BuildRun]) -> str:
    full = next(run for run in runs if run.case.startswith("(d)"))
    lines = [
        "| case | wall s | vs (d) | in stages s | peak RSS MiB | vs (d) | slowest stages (s) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        in_stages = f"{sum(seconds for _, seconds in run.stages):.1f}" if run.stages else "–"
        slowest = sorted(run.stages, key=lambda stage: -stage[1])[:3]
        # Stage names may hold commas ("dbt build (models, tests)").
        slowest_text = "; ".join(f"{name} {seconds:.1f}" for name, seconds in slowest) or "no stage line printed"
        lines.append(
            f"| {run.case} | {run.wall_seconds:.1f} | {ratio(run.wall_seconds, full.wall_seconds)} "
            f"| {in_stages} | {run.peak_rss_mib:,.0f} | {ratio(run.peak_rss_mib, full.peak_rss_mib)} "
            f"| {slowest_text} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=30, help="days of GDELT exports in the warehouse")
    parser.add_argument("--files-per-day", type=int, default=SLOTS_PER_DAY, help="quarter-hour exports a day (1–96)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (landing folder, warehouse, build output)"
    )
    arguments = parser.parse_args(argv)
    if not 1 <= arguments.files_per_day <= SLOTS_PER_DAY or arguments.days < 1:
        parser.error("--days must be at least 1 and --files-per-day between 1 and 96")

    work = Path(tempfile.mkdtemp(prefix="dyadwatch-increments-"))
    keep = arguments.keep
    try:
        landing = work / "raw"
        (work / "dagster_home").mkdir()
        shutil.copy(DAGSTER_YAML, work / "dagster_home" / "dagster.yaml")
        started = time.perf_counter()
        records, held_back, next_id = generate_landing(landing, arguments.days, arguments.files_per_day)
        exports = arguments.days * arguments.files_per_day
        print(
            f"Landing folder {landing}: {exports - 1:,} GDELT exports of {len(records):,} records "
            f"({(exports - 1) * len(records):,} rows, {landing_bytes(landing) / 1e9:.2f} GB) over {arguments.days} days "
            f"and {len(list((landing / 'articles').iterdir()))} articles, written in {time.perf_counter() - started:.0f} s",
            flush=True,
        )

        runs = []

        def measure(case: str, *flags: str) -> None:
            run = timed_build(case, work, landing, flags)
            runs.append(run)
            print(f"{case:<22} {run.wall_seconds:7.1f} s wall  {run.peak_rss_mib:7,.0f} MiB peak", flush=True)

        # The first build into the empty warehouse is a full one, whatever flags the build takes.
        measure("(d) full rebuild")
        measure("(a) nothing new")
        write_export(landing, held_back, next_id, records)
        measure("(b) one new export")
        write_new_article(landing)
        measure("(c) one new article")
        measure("(e) make rebuild", "--full")
    except BuildFailed:
        keep = True
        raise
    finally:
        if keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    order = ["(a)", "(b)", "(c)", "(d)", "(e)"]
    runs.sort(key=lambda run: order.index(run.case[:3]))
    report = (
        f"Increment benchmark, {dt.date.today().isoformat()}: a warehouse of {arguments.days} days × "
        f"{arguments.files_per_day} GDELT exports ({exports:,} after (b)), {len(records):,} records each, "
        f"one build per case.\n\nMachine: {machine_description()}.\n\n{markdown_table(runs)}\n"
    )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "increments.md").write_text(report, encoding="utf-8")
    print()
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
