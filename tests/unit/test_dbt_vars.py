"""What the settings share with dbt: the watch list a build passes as a var, the multi-party kinds."""

import csv

import pytest

from orchestration import settings


def test_a_build_passes_dbt_the_watch_list_as_the_settings_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.WATCH_LIST_ENV, raising=False)
    assert settings.dbt_vars() == {"watch_list": settings.watch_list()}
    assert "IRQ" in settings.dbt_vars()["watch_list"]
    monkeypatch.setenv(settings.WATCH_LIST_ENV, " irq, SYR ,")
    assert settings.dbt_vars() == {"watch_list": ["IRQ", "SYR"]}


def test_the_multi_party_kinds_are_kinds_of_the_contact_kinds_seed() -> None:
    with (settings.SEEDS_DIR / "contact_kinds.csv").open(encoding="utf-8") as seed:
        kinds = {row["kind"] for row in csv.DictReader(seed)}
    assert settings.MULTI_PARTY_KINDS and kinds > settings.MULTI_PARTY_KINDS
