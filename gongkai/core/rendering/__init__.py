"""Writing a report out: plain text in the layouts found in the wild (more formats follow)."""
