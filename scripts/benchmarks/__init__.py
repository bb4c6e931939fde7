"""Layer 5, the benchmarks: synthetic data at N times the real size, timed builds, chart
rendering and search measured in a browser; `make bench` prints them. Imports any layer."""
