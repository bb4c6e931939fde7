"""Step export: every table in every published format, the zip and the manifest.

Entry point of `make export`; the work is done in `scripts/models/export.py`, whose docstring says its inputs and outputs.
"""
import sys

from models.export import main


if __name__ == "__main__":
    sys.exit(main())
