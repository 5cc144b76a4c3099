"""The serving side: the read-only snapshot, Parquet export, PostgreSQL and the chart report."""
