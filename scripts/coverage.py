"""Coverage of every number in a source: python scripts/coverage.py --draft SOURCE_ID drafts its exclusions.

Entry point of `make validate (coverage)`; the work is done in `scripts/curated/coverage.py`, whose docstring says its inputs and outputs.
"""
import sys

from curated.coverage import main


if __name__ == "__main__":
    sys.exit(main())
