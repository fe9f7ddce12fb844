"""Turning a folder of published reports into a checked dataset (the shell around the
core readers: files, processes, a Dask cluster, Parquet and CSV)."""
