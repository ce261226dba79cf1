"""A corpus of reports as a dataset: one row per report, cell, finding and section text, in DuckDB (or Parquet, CSV)."""
