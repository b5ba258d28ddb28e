"""Performance benchmarks: `make bench` (python -m bench.run_all) prints the figures.

They measure and report against targets; they never fail a build."""
