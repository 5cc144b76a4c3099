"""Fixtures shared by the unit tests: a small landing folder of the bundled files, and its load."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration.landing.inventory import take_inventory
from orchestration.landing.sources import landing_source
from orchestration.loading.landing_audit import record_refusals, retire_vanished
from orchestration.loading.loader import load_landed
from tests.conftest import BUNDLED_RAW

RAW = BUNDLED_RAW
EVENTS = landing_source("gdelt_events")
ARTICLES = landing_source("articles")
TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    root = tmp_path / "landing"
    (root / "gdelt" / "events").mkdir(parents=True)
    (root / "articles").mkdir()
    for name in ("20250322180000.export.csv", "20250511180000.export.csv"):
        shutil.copy(RAW / "gdelt" / "events" / name, root / "gdelt" / "events" / name)
    shutil.copy(RAW / "articles" / "000_fb962030f17fa4db.txt", root / "articles" / "000_fb962030f17fa4db.txt")
    return root


def audit_and_load(connection: duckdb.DuckDBPyConnection, root: Path, load_id: str) -> dict[str, list]:
    inventory = take_inventory(root, today=TODAY)
    retired = retire_vanished(connection, inventory, load_id)
    refused = record_refusals(connection, inventory, load_id)
    loaded = [
        outcome
        for source in (EVENTS, ARTICLES)
        for outcome in load_landed(connection, source, inventory.files_of(source), load_id)
    ]
    return {"retired": retired, "refused": refused, "loaded": loaded}
