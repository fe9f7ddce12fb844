"""Domain errors. Each carries a message a person can read (in Chinese)."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base of every error the core raises on purpose; its message is shown to users."""


class InputError(GongkaiError):
    """An input document or value cannot be read (unreadable, hostile, wrong type)."""


class CalendarDataMissing(GongkaiError):
    """A date falls in a year for which no working-day calendar data exists."""
