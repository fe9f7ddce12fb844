"""Benchmark: the platform with a province's worth of applications in PostgreSQL.

    python bench/scale.py [--count 1000000] [--database postgres://postgres@127.0.0.1/gongkai_bench]

Fills a dedicated PostgreSQL database (created if missing, reused when it already holds the
requested number of applications) with ``--count`` applications spread over 1,000
departments and three years, one big city bureau holding 5 % of them, then prints:

* the staff work queue page (the big bureau's handler): p50 / p95 latency;
* the API's application list endpoint (same user, token auth): p50 / p95;
* one agency-year's 表三 for the big bureau: time to compute (and that it passes the checks);
* public online submissions per second through the portal's service function.

Aims (issue 4): queue page p95 < 200 ms, 表三 < 1 s. The rows are written with bulk inserts,
not through the service functions: the bench measures reading at scale, and the services'
own cost is measured by the submissions figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1]))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench"
YEARS = (2024, 2025, 2026)
DEPARTMENTS = 1000
BIG_SHARE = 0.05


def _ensure_database(url: str, fresh: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-only")
    os.environ["GONGKAI_ALLOWED_HOSTS"] = "testserver,localhost"
    import logging

    import django

    django.setup()
    from django.conf import settings

    # Receipts would go to the console and notices to the log: keep the figures readable.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    logging.getLogger("gongkai").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm caches, as a running server would be
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(name: str, times: list[float], aim_ms: float | None = None) -> None:
    p50 = statistics.median(times)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    aim = f"（目标 < {aim_ms:.0f} ms：{'达到' if p95 < aim_ms else '未达到'}）" if aim_ms else ""
    print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(times)} requests{aim}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--fresh", action="store_true", help="drop and refill the database")
    args = parser.parse_args()
    _ensure_database(args.database, args.fresh)
    _setup(args.database)
    from bench.scale_data import BIG_BUREAU, fill

    started = time.perf_counter()
    created = fill(args.count, DEPARTMENTS, BIG_SHARE, YEARS)
    if created:
        print(f"wrote {created} applications in {time.perf_counter() - started:.0f} s")
    # A running database has been vacuumed and analysed by autovacuum; a bulk load has not.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE applications_application")
    from bench.scale_measure import measure

    measure(BIG_BUREAU, YEARS[1], args.repeat, _timed, _report)


if __name__ == "__main__":
    main()
