"""The docker/ files, checked with what runs here (no Docker engine): they parse, and the
commands they run are the ones the project runs and tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"


def test_compose_names_the_dagster_services_and_postgres() -> None:
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    assert set(compose["services"]) == {"postgres", "code", "webserver", "daemon"}
    assert compose["services"]["postgres"]["image"] == "postgres:15"
    for service in ("code", "webserver", "daemon"):
        environment = compose["services"][service]["environment"]
        assert environment["DYADWATCH_WAREHOUSE"].startswith("/data/")


def test_every_command_the_containers_run_is_installed_in_the_project_environment() -> None:
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    bin_dir = Path(sys.executable).parent
    for service in ("code", "webserver", "daemon"):
        executable = compose["services"][service]["command"][0]
        assert (bin_dir / executable).exists() or shutil.which(executable), executable


def test_the_image_prepares_the_dbt_manifest_as_make_does() -> None:
    dockerfile = (DOCKER / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    prepare = "dagster-dbt project prepare-and-package --file orchestration/project.py"
    assert prepare in dockerfile and prepare in makefile
    assert "uv sync --frozen" in dockerfile


def test_the_code_location_the_workspace_names_is_served_by_the_code_service() -> None:
    workspace = yaml.safe_load((DOCKER / "workspace.yaml").read_text())
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text())
    server = workspace["load_from"][0]["grpc_server"]
    command = compose["services"]["code"]["command"]
    assert server["host"] == "code"
    assert str(server["port"]) == command[command.index("-p") + 1]
    assert command[command.index("-m") + 1] == "orchestration.definitions"


def test_the_instance_configs_limit_the_duckdb_writer_pool_to_one() -> None:
    for path in (DOCKER / "dagster.yaml", ROOT / "dagster_home" / "dagster.yaml"):
        config = yaml.safe_load(path.read_text())
        assert config["concurrency"]["pools"]["default_limit"] == 1
        assert config["telemetry"]["enabled"] is False


def test_make_dev_loads_the_code_location_under_the_name_the_project_gives_it() -> None:
    """`make dev`'s workspace is tracked, loads the module the project names, and names the location
    as `[tool.dg.project]` does, so that Dagster does not warn on every load that the names differ."""
    workspace_path = re.search(r"dagster dev -w (\S+)", (ROOT / "Makefile").read_text()).group(1)
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", workspace_path], cwd=ROOT, capture_output=True, check=False
    )
    assert tracked.returncode == 0, f"{workspace_path} is not tracked: a fresh clone's `make dev` would not find it"
    (location,) = yaml.safe_load((ROOT / workspace_path).read_text())["load_from"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    assert location["python_module"]["module_name"] == project["dagster"]["module_name"] == "orchestration.definitions"
    assert location["python_module"]["location_name"] == project["dg"]["project"]["code_location_name"] == "dyadwatch"
