"""The corpus explorer: many ingested reports → views of agencies, peers, quality and
anomalies (docs/explore.md). Plain Python over Polars; no Django."""
