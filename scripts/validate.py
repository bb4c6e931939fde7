"""Step validate: check the curated package; nothing after a failed validation runs.

Entry point of `make validate`; the work is done in `scripts/curated/validation.py`, whose docstring says its inputs and outputs.
"""
import sys

from curated.validation import main


if __name__ == "__main__":
    sys.exit(main())
