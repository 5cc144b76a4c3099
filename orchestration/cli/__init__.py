"""What `make` runs: the build with its display and its closing summary."""
