"""The site's front door (``/``: every agency's public portal) and each role's home after
login (``/my/``). Queries live in ``selectors``; the views only pick the sections."""
