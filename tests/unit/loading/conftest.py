"""Fixtures shared by the loading tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.loading.warehouse import connect


@pytest.fixture
def connection(tmp_path: Path):
    """A fresh warehouse file of the test's own, closed afterwards."""
    connection = connect(tmp_path / "warehouse.duckdb")
    yield connection
    connection.close()
