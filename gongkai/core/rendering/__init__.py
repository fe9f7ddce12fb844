"""Writing a report out: plain text in the layouts found in the wild, and the official
layout as HTML, PDF, DOCX and XLSX (``render_html``, ``render_pdf``, ``render_docx``,
``render_xlsx``), all drawn from one table layout (``layout.py``). See docs/rendering.md."""
