"""Serving the marts: the snapshot, the Parquet export, PostgreSQL, dbt's documentation and the chart report."""
