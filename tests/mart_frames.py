"""Mart frames for the chart tests, one tuple per row: the columns named as dbt builds
`marts.dyad_contacts_monthly` and `marts.dyad_interactions_daily`, the rows as each test needs."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

CONTACTS_MONTHLY_COLUMNS = ("country_a", "country_b", "month", "kind", "n_contacts", "n_a_to_b", "n_b_to_a")
INTERACTIONS_DAILY_COLUMNS = ("actor1_country", "actor2_country", "day", "quad_class", "n_records")


def contacts_monthly(rows: Sequence[tuple]) -> pl.DataFrame:
    """Rows of (country_a, country_b, month, kind, n_contacts, n_a_to_b, n_b_to_a)."""
    return pl.DataFrame(list(rows), schema=list(CONTACTS_MONTHLY_COLUMNS), orient="row")


def interactions_daily(rows: Sequence[tuple], *, with_source_system: bool = True) -> pl.DataFrame:
    """Rows of (source_system, actor1_country, actor2_country, day, quad_class, n_records), or
    without the source system when `with_source_system` is false (a mart of one source)."""
    columns = ["source_system", *INTERACTIONS_DAILY_COLUMNS] if with_source_system else list(INTERACTIONS_DAILY_COLUMNS)
    return pl.DataFrame(list(rows), schema=columns, orient="row")
