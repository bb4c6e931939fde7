"""Synthetic data at N times the real size: python scripts/synthetic.py --factor N --out DIR.

Entry point of `python scripts/synthetic.py`; the work is done in `scripts/benchmarks/synthetic.py`, whose docstring says its inputs and outputs.
"""
import sys

from benchmarks.synthetic import main


if __name__ == "__main__":
    sys.exit(main())
