"""dyadwatch's benchmarks: how fast and in how much memory its pipelines run (see README.md)."""
