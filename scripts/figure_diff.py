"""The figures added, changed and removed since a git ref: python scripts/figure_diff.py --base REF [--format text|markdown].

Entry point of `make diff`; the work is done in `scripts/curated/figure_diff.py`, whose docstring says its inputs and outputs.
"""
import sys

from curated.figure_diff import main


if __name__ == "__main__":
    sys.exit(main())
