from __future__ import annotations

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
application = get_wsgi_application()


def _warm() -> None:
    """Import every view and compile the platform's page templates now, once: `gongkai
    serve` imports this module before gunicorn forks its workers, which then start with
    them (and share their memory) instead of each paying for them on its first requests
    (about a tenth of the CPU of a 20-second load run, bench/serve_load.py)."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 -- imports the URLconf, builds the reverse map
    templates = Path(__file__).resolve().parent / "templates"
    for path in sorted(templates.rglob("*.html")):
        get_template(path.relative_to(templates).as_posix())


_warm()
