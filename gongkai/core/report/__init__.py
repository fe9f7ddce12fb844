"""The annual report as data: labels, the typed model and its canonical JSON."""
