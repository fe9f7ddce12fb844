"""Limits on hostile or absurd input, in one place so that documentation and code agree.

Each is checked before the costly step it protects (decompression, page parsing, grid
expansion), and each refusal is an InputError with a Chinese message.
"""

from __future__ import annotations

MAX_BYTES = 50 * 1024 * 1024  # any input file

# DOCX (a ZIP container), checked from the ZIP directory before anything is decompressed.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100  # total uncompressed / total compressed; real reports stay under 20
MAX_DOCX_ENTRY_RATIO = 1000  # one highly repetitive part may compress well, not this well
MAX_DOCX_ENTRIES = 5000

# PDF
MAX_PDF_PAGES = 300
PDF_TIME_BUDGET_SECONDS = 60.0

# Tables (HTML spans are attacker-controlled numbers)
MAX_HTML_SPAN = 1000
MAX_TABLE_CELLS = 200_000
