"""Step aggregate: the curated tables and the SQL models in build/data/zones.duckdb.

Entry point of `make aggregate`; the work is done in `scripts/models/aggregate.py`, whose docstring says its inputs and outputs.
"""
import sys

from models.aggregate import main


if __name__ == "__main__":
    sys.exit(main())
