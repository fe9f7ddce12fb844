"""The Django project: the thin shell that stores cases and calls the pure core."""
