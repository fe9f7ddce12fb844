"""The CPU each page of ``bench/serve_load.py``'s mix costs in the process itself.

Not a test: a measurement to run by hand, on a demo var dir that ``gongkai serve`` (or
``bench/serve_load.py --var DIR``) loaded once:

    .venv/bin/python -m bench.page_costs --var DIR             # min / median per page
    .venv/bin/python -m bench.page_costs --var DIR --queries   # queries per page, too
    .venv/bin/python -m bench.page_costs --var DIR --profile queue   # cProfile of one page

The demo's 承办 logs in through Django's test client, which runs every middleware as the
server does (session, user, CSRF, security headers); the pages are those the load bench
requests: the staff queue (open cases, and ``?group=all``), case pages, the public portal,
the agency's 主动公开目录 and 年度报告 list. Each round requests every page once, in turn, so
that other work on the machine spreads over all of them alike; the CPU of each request is
``time.process_time`` (this process only, all its threads). The database is a copy of the
var dir's, so nothing measured here changes the demo.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

STAFF = ("chengban", "chengban-demo-2026")


def _setup(var: Path, scratch: Path) -> None:
    for name in ("gongkai.sqlite3", "secret_key"):
        shutil.copy(var / name, scratch / name)
    os.environ["GONGKAI_VAR_DIR"] = str(scratch)
    os.environ.pop("DATABASE_URL", None)
    os.environ["GONGKAI_LOG_FILE"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    import django

    django.setup()


def _pages(client: object) -> dict[str, list[str]]:
    get = client.get  # type: ignore[attr-defined]
    queue = get("/applications/?group=all").content.decode()
    cases = sorted(set(re.findall(r'href="(/applications/\d+/)"', queue)))[:40]
    public = get("/public/").content.decode()
    agencies = sorted(set(re.findall(r'href="/public/(\d+)/apply/"', public)))
    return {
        "queue": ["/applications/"],
        "queue_all": ["/applications/?group=all"],
        "case": cases,
        "portal": ["/public/"],
        "catalogue": [f"/catalogue/{pk}/" for pk in agencies],
        "reports": [f"/reports/{pk}/" for pk in agencies],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--var", type=Path, required=True, help="a var dir with the demo")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--queries", action="store_true", help="print each page's queries")
    parser.add_argument("--profile", help="cProfile this page kind (queue, case, portal, …)")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-page-costs-") as tmp:
        _setup(args.var, Path(tmp))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        client = Client(HTTP_HOST="127.0.0.1")
        assert client.login(username=STAFF[0], password=STAFF[1]), "login failed"
        pages = _pages(client)
        for paths in pages.values():  # warm: templates, URL resolvers, first queries
            for path in paths:
                assert client.get(path).status_code == 200, path
        if args.queries:
            for kind, paths in pages.items():
                with CaptureQueriesContext(connection) as queries:
                    client.get(paths[0])
                print(f"{kind} {paths[0]}: {len(queries)} queries")
                for query in queries:
                    print(f"    {query['sql'][:160]}")
        if args.profile:
            paths = pages[args.profile]
            profile = cProfile.Profile()
            profile.enable()
            for n in range(args.rounds):
                client.get(paths[n % len(paths)])
            profile.disable()
            profile.dump_stats("/tmp/gkperf/last.prof")
            stats = pstats.Stats(profile).strip_dirs().sort_stats("cumulative")
            stats.print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            return
        costs: dict[str, list[float]] = {kind: [] for kind in pages}
        for n in range(args.rounds):
            for kind, paths in pages.items():
                path = paths[n % len(paths)]
                started = time.process_time()
                client.get(path)
                costs[kind].append(time.process_time() - started)
        print(f"{args.rounds} rounds, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        # The load bench's mix: every other request a case page, the rest the other pages.
        others = [k for k in pages if k != "case"]
        mix = 0.5 * statistics.median(costs["case"]) + 0.5 * statistics.mean(
            statistics.median(costs[k]) for k in others
        )
        for kind, values in costs.items():
            print(
                f"  {kind:<10} min {min(values) * 1000:5.1f} ms, "
                f"median {statistics.median(values) * 1000:5.1f} ms"
            )
        print(f"  the load bench's mix (medians): {mix * 1000:.1f} ms per request")


if __name__ == "__main__":
    main()
