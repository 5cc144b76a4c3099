"""Loading into the DuckDB warehouse: manifest, replace-by-file, quarantine, audit."""
