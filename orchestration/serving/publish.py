"""Publish the marts for readers from the command line: the read-only DuckDB snapshot
(`snapshot.py`) and the Parquet files (`parquet_export.py`).

`python -m orchestration.serving.publish snapshot` publishes the snapshot;
`python -m orchestration.serving.publish export [FOLDER]` writes the Parquet files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import duckdb

from orchestration import settings
from orchestration.serving.marts import MissingSchemaError, add_output_options, serving_source
from orchestration.serving.parquet_export import export_parquet
from orchestration.serving.snapshot import SnapshotReport, publish_snapshot


def _describe(report: SnapshotReport) -> str:
    width = max((len(f"{table.schema}.{table.name}") for table in report.tables), default=10)
    lines = [f"Snapshot {report.snapshot} ({report.n_bytes:,} bytes) from {report.source}, build {report.build_id}", ""]
    lines += [
        f"  {f'{table.schema}.{table.name}':<{width}}  {table.source_kind:<5}  {table.n_rows:>10,} rows"
        for table in report.tables
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m orchestration.serving.publish", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    snapshot_command = commands.add_parser(
        "snapshot", help="publish the marts of the warehouse as the read-only snapshot"
    )
    snapshot_command.add_argument(
        "--build-id", default=None, help="the build the snapshot comes from (default: random)"
    )
    export_command = commands.add_parser("export", help="write one Parquet file per mart")
    add_output_options(export_command, "default: DYADWATCH_EXPORT_DIR, else <warehouse>_export/ beside the warehouse")
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "snapshot":
            report = publish_snapshot(settings.warehouse_path(), settings.snapshot_path(), build_id=arguments.build_id)
            print(_describe(report))
            return 0
        source = arguments.source or serving_source(settings.snapshot_path(), settings.warehouse_path())
        folder = (arguments.folder or settings.export_dir()).resolve()
        paths = export_parquet(source, folder)
    except (FileNotFoundError, MissingSchemaError, duckdb.IOException) as error:
        # A lock error here means a build is writing the warehouse: the snapshot is what to read meanwhile.
        print(error, file=sys.stderr)
        return 1
    print(f"Exported {len(paths)} Parquet files from {source} to {folder}:")
    width = max((len(str(path.relative_to(folder))) for path in paths), default=10)
    for path in paths:
        print(f"  {path.relative_to(folder)!s:<{width}}  {path.stat().st_size:>12,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
