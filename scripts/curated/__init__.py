"""Layer 1, the curated data: where things are, the package's schemas and labels, validation
(raw files, frictionless, provenance, coverage of every number) and the figure-level diff.
Imports nothing of the project's other layers."""
