"""Step pages: every page of every page family, with its CSV and charts, into build/docs/.

Entry point of `make pages`; the work is done in `scripts/website/pages.py`, whose docstring says its inputs and outputs.
"""
import sys

from website.pages import main


if __name__ == "__main__":
    sys.exit(main())
