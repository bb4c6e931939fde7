"""make bench: build times, page weight, chart rendering and search at 1x, 10x and 100x data.

Entry point of `make bench`; the work is done in `scripts/benchmarks/report.py`, whose docstring says its inputs and outputs.
"""
import sys

from benchmarks.report import main


if __name__ == "__main__":
    sys.exit(main())
