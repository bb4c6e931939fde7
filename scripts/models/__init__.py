"""Layer 2, the DuckDB models: the curated tables loaded and the SQL models of `sql/` run in
order (one model per file), and every table exported in the published formats.
Imports only from `curated`."""
