"""Writing an agency's annual report: drafting the narrative from figures, deciding whether a
report may be published, its deadline, and what changed between two published versions."""
