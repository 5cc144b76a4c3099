"""The serving side's pure parts: DuckDB → PostgreSQL types, installing PostgreSQL, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration import settings
from orchestration.serving import pg_cluster, pg_install
from orchestration.serving.postgres_types import map_column


@pytest.mark.parametrize(
    ("duckdb_type", "postgres_type", "select_expression"),
    [
        ("VARCHAR", "text", '"c"'),
        ("BIGINT", "bigint", '"c"'),
        ("INTEGER", "integer", '"c"'),
        ("TINYINT", "smallint", '"c"'),
        ("UBIGINT", "numeric", '"c"'),
        ("HUGEINT", "numeric", '"c"'),
        ("DOUBLE", "double precision", '"c"'),
        ("FLOAT", "real", '"c"'),
        ("DECIMAL(18,3)", "numeric(18,3)", '"c"'),
        ("DATE", "date", '"c"'),
        ("TIMESTAMP", "timestamp", '"c"'),
        ("TIMESTAMP WITH TIME ZONE", "timestamptz", '"c"'),
        ("BOOLEAN", "boolean", '"c"'),
        ("UUID", "uuid", '"c"'),
        ("BLOB", "bytea", '"c"'),
        ("INTERVAL", "interval", '"c"::varchar'),
        ("ENUM('a', 'b')", "text", '"c"::varchar'),
        ('"NULL"', "text", '"c"'),
        ("VARCHAR[]", "text[]", '"c"'),
        ("BIGINT[]", "bigint[]", '"c"'),
        ("INTEGER[3]", "integer[]", '"c"'),
        ("DATE[]", "date[]", '"c"'),
        ("ENUM('a', 'b')[]", "text[]", '"c"::varchar[]'),
        ("INTEGER[][]", "jsonb", 'to_json("c")::varchar'),
        ("STRUCT(x INTEGER, y VARCHAR)", "jsonb", 'to_json("c")::varchar'),
        ("STRUCT(x INTEGER)[]", "jsonb", 'to_json("c")::varchar'),
        ("MAP(VARCHAR, VARCHAR)", "jsonb", 'to_json("c")::varchar'),
        ("UNION(n INTEGER, s VARCHAR)", "jsonb", 'to_json("c")::varchar'),
        ("JSON", "jsonb", 'to_json("c")::varchar'),
        ("BIT", "text", '"c"::varchar'),
    ],
)
def test_duckdb_types_map_to_postgresql(duckdb_type: str, postgres_type: str, select_expression: str) -> None:
    column = map_column("c", duckdb_type)

    assert (column.postgres_type, column.select_expression) == (postgres_type, select_expression)


def test_missing_server_programs_are_installed_with_apt_get_and_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    installed: list[Path] = []
    commands: list[list[str]] = []
    announced: list[str] = []
    monkeypatch.setattr(pg_cluster, "find_bin_dir", lambda: installed[0] if installed else None)
    monkeypatch.setattr(pg_install.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(pg_install.os, "geteuid", lambda: 0)

    def runner(command: list[str], check: bool) -> None:  # noqa: ARG001 - subprocess.run's signature
        commands.append(command)
        if command[-1] == "postgresql":
            installed.append(Path("/usr/lib/postgresql/15/bin"))

    found = pg_install.ensure_server_binaries(install=True, announce=announced.append, runner=runner)

    assert found == Path("/usr/lib/postgresql/15/bin")
    assert commands == [
        ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "update"],
        ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
    ]
    assert announced[0].startswith("PostgreSQL server programs not found")
    assert announced[1:] == ["+ " + " ".join(command) for command in commands]


def test_installed_server_programs_are_used_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_cluster, "find_bin_dir", lambda: Path("/opt/pg/bin"))

    def runner(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("nothing is installed when PostgreSQL is there")

    assert pg_install.ensure_server_binaries(install=True, runner=runner) == Path("/opt/pg/bin")


def test_without_root_apt_get_runs_through_sudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_install.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(pg_install.shutil, "which", lambda name: f"/usr/bin/{name}")

    assert all(command[:2] == ["sudo", "-n"] for command in pg_install.install_commands())


def test_serving_settings_default_under_the_project_and_resolve_relative_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in (
        settings.WAREHOUSE_ENV,
        settings.SNAPSHOT_ENV,
        settings.PG_DATA_ENV,
        settings.PG_PORT_ENV,
        settings.REPORTS_DIR_ENV,
        settings.EXPORT_DIR_ENV,
        settings.DOCS_PORT_ENV,
    ):
        monkeypatch.delenv(name, raising=False)
    root = settings.PROJECT_ROOT
    assert settings.snapshot_path() == root / "warehouse" / "dyadwatch_snapshot.duckdb"
    assert settings.pg_data_dir() == root / "warehouse" / "dyadwatch_pg"
    assert settings.reports_dir() == root / "warehouse" / "dyadwatch_reports"
    assert settings.export_dir() == root / "warehouse" / "dyadwatch_export"
    assert settings.pg_port() == 5433
    assert settings.docs_port() == 8080

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(settings.SNAPSHOT_ENV, "served/snapshot.duckdb")
    monkeypatch.setenv(settings.PG_PORT_ENV, "6543")
    assert settings.snapshot_path() == tmp_path / "served" / "snapshot.duckdb"
    assert settings.pg_port() == 6543
    monkeypatch.setenv(settings.DOCS_PORT_ENV, "8181")
    assert settings.docs_port() == 8181

    monkeypatch.setenv(settings.PG_PORT_ENV, "not-a-port")
    with pytest.raises(ValueError, match="DYADWATCH_PG_PORT"):
        settings.pg_port()
    monkeypatch.setenv(settings.DOCS_PORT_ENV, "80")
    with pytest.raises(ValueError, match="DYADWATCH_DOCS_PORT"):
        settings.docs_port()


def test_every_output_lies_beside_its_own_warehouse(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (settings.SNAPSHOT_ENV, settings.PG_DATA_ENV, settings.REPORTS_DIR_ENV, settings.EXPORT_DIR_ENV):
        monkeypatch.delenv(name, raising=False)

    def outputs(warehouse: Path) -> list[Path]:
        monkeypatch.setenv(settings.WAREHOUSE_ENV, str(warehouse))
        return [
            settings.snapshot_path(),
            settings.reports_dir(),
            settings.export_dir(),
            settings.pg_data_dir(),
            settings.dbt_docs_dir(),
            settings.build_logs_dir(),
        ]

    first = outputs(tmp_path / "data" / "iraq.duckdb")
    second = outputs(tmp_path / "data" / "region.duckdb")

    assert first == [
        tmp_path / "data" / "iraq_snapshot.duckdb",
        tmp_path / "data" / "iraq_reports",
        tmp_path / "data" / "iraq_export",
        tmp_path / "data" / "iraq_pg",
        tmp_path / "data" / "iraq_docs",
        tmp_path / "data" / "iraq_logs",
    ]
    assert not set(first) & set(second)
