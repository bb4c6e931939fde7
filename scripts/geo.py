"""Step geo: Shandong's city and county boundaries for the locator maps, and each zone's place on them.

Entry point of `make geo`; the work is done in `scripts/models/geo.py`, whose docstring says its inputs and outputs.
"""
import sys

from models.geo import main


if __name__ == "__main__":
    sys.exit(main())
