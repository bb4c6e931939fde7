"""Step site: mkdocs build and the search index into build/site/, swapped in only on success.

Entry point of `make site`; the work is done in `scripts/website/publish.py`, whose docstring says its inputs and outputs.
"""
import sys

from website.publish import build_site


if __name__ == "__main__":
    sys.exit(build_site())
