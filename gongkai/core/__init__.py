"""The pure domain core: no Django, no I/O beyond what a caller hands in."""
