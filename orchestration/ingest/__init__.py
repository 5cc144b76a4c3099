"""Pure readers: a landed file in, a typed Polars frame and its rejected lines out."""
