"""Layer 3, the charts: a chart's Vega-Lite specs (Altair), the subset CJK font, and the rendering
to SVG, PNG and CSV by worker processes with a cache keyed on the inputs.
Imports only from `curated` (the charts know nothing of pages)."""
