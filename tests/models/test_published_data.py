"""The published downloads as other tools read them: the DuckDB file in DuckDB 1.1.3, every table with
NULL (never an empty text) where nothing is known, the zip with every table, its schema and a README,
and figures.csv citing each figure on its own (source, publisher, dates, permalink)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from curated import paths
from models import export

pytestmark = pytest.mark.site

LOCK = paths.ROOT / "requirements-duckdb1.txt"
OLD_DUCKDB = "1.1.3"
# A venv of its own, kept between sessions (build/ is never committed): pip runs once.
OLD_VENV = paths.ROOT / "build" / "cache" / f"duckdb-{OLD_DUCKDB}"
READ_WITH_OLD_DUCKDB = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
print(json.dumps({"version": duckdb.__version__,
                  "rows": {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables},
                  "permalink": con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'figures' "
                                           "AND column_name = 'permalink'").fetchone()[0]}))
"""


def old_duckdb_python() -> Path:
    """The python of a venv holding DuckDB 1.1.3, installed from the hashed lock (reused when present)."""
    python = OLD_VENV / "bin" / "python"
    probe = [str(python), "-c", f"import duckdb; assert duckdb.__version__ == '{OLD_DUCKDB}'"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(OLD_VENV)], check=True)
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--require-hashes",
                              "-r", str(LOCK)], capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    return python


@pytest.fixture(scope="module")
def manifest(build_dir) -> list[dict]:
    return json.loads((build_dir / "data" / "downloads.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def descriptor(build_dir) -> dict:
    return json.loads((build_dir / "data" / "datapackage.json").read_text(encoding="utf-8"))


def test_the_published_database_opens_in_duckdb_1_1(site_dir, manifest):
    published = site_dir / "data" / "zones.duckdb"
    result = subprocess.run([str(old_duckdb_python()), "-c", READ_WITH_OLD_DUCKDB, str(published)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    assert read["version"] == OLD_DUCKDB
    expected = {e["table"]: e["rows"] for e in manifest if e["format"] == "csv"}
    assert read["rows"] == expected
    assert read["permalink"] == export.PERMALINK_COMMENT


def test_the_database_the_site_offers_is_the_published_one_not_the_build_database(site_dir, build_dir):
    with duckdb.connect(str(site_dir / "data" / "zones.duckdb"), read_only=True) as con:
        assert "permalink" in con.table("figures").columns


def test_no_published_table_holds_an_empty_text(site_dir, descriptor):
    """Parquet, JSON and DuckDB: what is not known is NULL, so `IS NULL` finds every such value."""
    empty = []
    with duckdb.connect(str(site_dir / "data" / "zones.duckdb"), read_only=True) as con:
        for resource in (r for r in descriptor["resources"] if "schema" in r):  # the tables (not the GeoJSON)
            table = resource["name"]
            rows = json.loads((site_dir / "data" / f"{table}.json").read_text(encoding="utf-8"))
            empty += [f"{table}.json: {k}" for row in rows for k, v in row.items() if v == ""][:1]
            for source in (f'"{table}"', f"read_parquet('{site_dir / 'data' / f'{table}.parquet'}')"):
                columns = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
                for name, kind, *_ in columns:
                    if kind == "VARCHAR" and con.execute(f'SELECT count(*) FROM {source} WHERE "{name}" = \'\'').fetchone()[0]:
                        empty.append(f"{source}.{name}")
    assert not empty, empty


def test_chart_sets_context_id_is_a_text_column(site_dir):
    with duckdb.connect() as con:
        kinds = dict(con.execute(f"SELECT name, type FROM parquet_schema('{site_dir / 'data' / 'chart_sets.parquet'}')")
                     .fetchall())
    assert kinds["context_id"] == "BYTE_ARRAY"


def test_the_zip_holds_every_table_with_its_schema_and_a_readme(site_dir, descriptor, tmp_path):
    from frictionless import Package
    with zipfile.ZipFile(site_dir / "data" / export.ZIP_NAME) as archive:
        archive.extractall(tmp_path)
        names = set(archive.namelist())
    tables = {r["name"] for r in descriptor["resources"] if "schema" in r}
    assert {f"shandong-zones/data/{t}.csv" for t in tables} | {"shandong-zones/datapackage.json",
                                                                "shandong-zones/data/zone_locations.geojson",
                                                                "shandong-zones/README.md"} == names
    readme = (tmp_path / "shandong-zones" / "README.md").read_text(encoding="utf-8")
    assert all(f"| {t} |" in readme for t in tables) and "creativecommons.org/licenses/by/4.0" in readme
    report = Package(str(tmp_path / "shandong-zones" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])[:5]


def test_figures_csv_cites_every_figure_on_its_own(site_dir):
    rows = list(csv.DictReader(io.StringIO((site_dir / "data" / "figures.csv").read_text(encoding="utf-8"))))
    sources = {r["id"]: r for r in csv.DictReader(io.StringIO((site_dir / "data" / "sources.csv").read_text(encoding="utf-8")))}
    assert rows
    for row in rows:
        source = sources[row["source_id"]]
        assert row["source_title_zh"] and row["source_title_en"] and row["source_published"], row["observation_id"]
        assert row["source_published_inferred"] == source["published_inferred"], row["observation_id"]
        assert row["source_publisher_inferred"] == source["publisher_inferred"], row["observation_id"]
        assert (row["source_publisher_zh"], row["source_publication_zh"]) == (source["publisher_zh"], source["publication_zh"])
        assert row["permalink"].startswith(paths.SITE_URL.rstrip("/") + "/sources/" + row["source_id"] + "/")
        assert row["permalink"].endswith("#" + row["observation_id"])
