"""Simultaneous writes through the real server: online applications and staff steps.

    python bench/concurrency.py [--submissions 20] [--confirms 20] [--registrations 10]
                                [--runs 3]

Starts the server the way ``gongkai serve`` does (migrate, then its WSGI server: gunicorn, a
process per core, or waitress on Windows) on a free loopback port, on SQLite in a temporary
folder and, when ``DATABASE_URL`` names a PostgreSQL server, on a throwaway database created
there and dropped afterwards. Then, per run:

* ``--submissions`` applicants each load the online form (CSRF cookie and token, the form
  ticket, the question) and all post it at the same moment;
* as many staff steps at the same moment: ``--confirms`` 确认收到 on the cases just
  submitted and ``--registrations`` new registrations on the in-person form, by several
  logged-in registrars.

It prints, per database and kind: sent, stored (rows in the database), acknowledged (the
receipt page, or the case page after a step), HTTP 500s, other answers and the latency.
The server runs with the portal's per-address and per-applicant limits raised
(``GONGKAI_PORTAL_SUBMIT_RATE``, ``GONGKAI_PORTAL_APPLICANT_RATE``) and the least fill-in time
at 0 s (``GONGKAI_PORTAL_MIN_FILL_SECONDS``): every request here comes from one address and
one applicant, seconds after the form was served. ``tests/web/test_concurrency.py``
runs the same rounds and asserts on them.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
STAFF_PASSWORD = "bench-Concurrency-2026"
STAFF_USERS = 4
REQUEST_TIMEOUT = 60.0
SERVE = [sys.executable, "-m", "gongkai.cli.main", "serve", "--no-demo"]

SERVER_ENV = {
    "GONGKAI_PORTAL_SUBMIT_RATE": "100000/hour",
    # The bursts apply in one applicant's name: accepted applications per applicant raised too.
    "GONGKAI_PORTAL_APPLICANT_RATE": "100000/day",
    "GONGKAI_PORTAL_MIN_FILL_SECONDS": "0",
    "GONGKAI_SECRET_KEY": "bench-concurrency-secret-key-not-for-production",
    "GONGKAI_DEBUG": "",
}


# -- the database and the server -------------------------------------------------------------


@dataclass
class Target:
    """One database to run against: its name in the output and the server's environment."""

    name: str
    env: dict[str, str]
    workdir: Path


@contextmanager
def sqlite_target(parent: Path | None = None) -> Iterator[Target]:
    workdir = Path(tempfile.mkdtemp(prefix="gongkai-concurrency-", dir=parent))
    try:
        env = {
            "DATABASE_URL": f"sqlite:///{workdir / 'gongkai.sqlite3'}",
            "GONGKAI_VAR_DIR": str(workdir),
            "GONGKAI_MEDIA_DIR": str(workdir / "media"),
        }
        yield Target("sqlite", env, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def postgres_target(url: str, parent: Path | None = None) -> Iterator[Target]:
    """A fresh database on the server ``url`` names, dropped afterwards."""
    import psycopg

    parts = urlsplit(url)
    name = f"gongkai_concurrency_{os.getpid()}_{secrets.token_hex(3)}"
    admin_url = url
    workdir = Path(tempfile.mkdtemp(prefix="gongkai-concurrency-", dir=parent))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {
            "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}")),
            "GONGKAI_VAR_DIR": str(workdir),
            "GONGKAI_MEDIA_DIR": str(workdir / "media"),
        }
        yield Target("postgresql", env, workdir)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def _environment(target: Target) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(SERVER_ENV)
    env.update(target.env)
    env["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def _helper(target: Target, command: str, timeout: float = 300) -> dict[str, Any]:
    """Run this script's ``command`` in a process set up like the server; its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), command],
        env=_environment(target),
        cwd=target.workdir,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{done.stdout}\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    log: Path
    seed: dict[str, Any]

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


@contextmanager
def running_server(target: Target, start_timeout: float = 120) -> Iterator[Server]:
    """Migrate and seed (one agency open for online applications, registrars), then run
    ``gongkai serve --no-demo`` on a free loopback port until the block ends."""
    seed = _helper(target, "_seed")
    port = _free_port()
    log = target.workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SERVE, "--host", "127.0.0.1", "--port", str(port)],
            env=_environment(target),
            cwd=target.workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log, seed)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{server.log_tail()}")
            try:
                with urllib.request.urlopen(f"{server.base}/public/", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer:\n{server.log_tail()}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)


def inspect(target: Target) -> dict[str, Any]:
    """What the database holds: applications, submissions and audit events."""
    return _helper(target, "_inspect")


# -- HTTP through the real forms ---------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def browser(jar: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar or http.cookiejar.CookieJar()), _NoRedirect()
    )


@dataclass
class Answer:
    status: int
    location: str
    body: str
    seconds: float


def request(
    opener: urllib.request.OpenerDirector,
    url: str,
    data: dict[str, str] | None = None,
    *,
    multipart: bool = False,
) -> Answer:
    body: bytes | None = None
    headers: dict[str, str] = {}
    if data is not None and multipart:
        boundary = f"----gongkai{secrets.token_hex(12)}"
        parts = []
        for key, value in data.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            )
        parts.append(f"--{boundary}--\r\n")
        body = "".join(parts).encode("utf-8")
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    elif data is not None:
        body = urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    req = urllib.request.Request(url, data=body, headers=headers)
    start = time.perf_counter()
    try:
        with opener.open(req, timeout=REQUEST_TIMEOUT) as response:
            status, location = response.status, response.headers.get("Location", "")
            text = response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        status, location = exc.code, exc.headers.get("Location", "")
        text = exc.read().decode("utf-8", errors="replace")
    except OSError as exc:  # connection refused or reset, timeout
        status, location, text = 0, "", repr(exc)
    return Answer(status, location, text, time.perf_counter() - start)


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    if match is None:
        raise AssertionError(f"no {name} in the page")
    return html.unescape(match.group(1))


def answer_question(page: str) -> str:
    """The answer to ``三加五等于几？`` as a person would type it."""
    from gongkai.core.portal.challenge import parse_answer

    match = re.search(r"验证问题：(.+?)(加|减)(.+?)等于几", page)
    if match is None:
        raise AssertionError("no question in the form")
    left, right = parse_answer(match.group(1)), parse_answer(match.group(3))
    assert left is not None and right is not None
    return str(left + right if match.group(2) == "加" else left - right)


# -- the rounds ----------------------------------------------------------------------------------


@dataclass
class Round:
    """What one burst of simultaneous requests got back."""

    kind: str
    sent: int
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    acknowledged: int = 0
    stored: int = 0
    audited: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def errors_500(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def latency(self) -> str:
        if not self.seconds:
            return "-"
        ordered = sorted(self.seconds)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return (
            f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms"
        )


def _burst(count: int, prepare: Any, fire: Any) -> list[tuple[Any, Answer | None, str]]:
    """``prepare(i)`` in each thread, then ``fire(prepared)`` in all at the same moment."""
    barrier = threading.Barrier(count)
    results: list[tuple[Any, Answer | None, str]] = [(None, None, "")] * count

    def work(i: int) -> None:
        prepared: Any = None
        try:
            prepared = prepare(i)
        except BaseException as exc:
            barrier.abort()
            results[i] = (None, None, f"prepare: {exc!r}")
            return
        try:
            barrier.wait(REQUEST_TIMEOUT)
        except threading.BrokenBarrierError:
            results[i] = (prepared, None, "barrier broken")
            return
        results[i] = (prepared, fire(prepared), "")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(3 * REQUEST_TIMEOUT)
    return results


def apply_url(server: Server) -> str:
    return f"{server.base}/public/{server.seed['agency']}/apply/"


def filled_form(
    opener: urllib.request.OpenerDirector, url: str, i: int, run: int = 0
) -> dict[str, str]:
    """Load the online form as applicant ``i`` and fill it in, the question answered."""
    page = request(opener, url)
    if page.status != 200:
        raise AssertionError(f"GET form: {page.status}")
    return {
        "applicant_type": "natural_person",
        "person_name": f"申请人{run}-{i}",
        "id_document_type": "resident_id",
        "id_number": "11010519491231002X",
        "contact_phone": f"138{run:04d}{i:04d}",
        "contact_address": "清河县人民路1号",
        "contact_email": f"applicant{run}-{i}@example.cn",
        "description": f"并发测试{run}-{i}：2025年度本县道路交通事故统计数据",
        "purpose": "",
        "requested_form": "electronic",
        "delivery": "email",
        "xq7_vrk": "",  # the honeypot (antispam.HONEYPOT), left empty as people leave it
        "csrfmiddlewaretoken": hidden(page.body, "csrfmiddlewaretoken"),
        "ticket": hidden(page.body, "ticket"),
        "challenge": hidden(page.body, "challenge"),
        "challenge_answer": answer_question(page.body),
    }


def portal_round(server: Server, count: int, run: int = 0) -> Round:
    """``count`` applicants post the online form at the same moment."""
    url = apply_url(server)

    def prepare(i: int) -> tuple[urllib.request.OpenerDirector, dict[str, str]]:
        opener = browser()
        return opener, filled_form(opener, url, i, run)

    def fire(prepared: tuple[urllib.request.OpenerDirector, dict[str, str]]) -> Answer:
        opener, form = prepared
        return request(opener, url, form, multipart=True)

    result = Round("online applications", count)
    for prepared, answer, problem in _burst(count, prepare, fire):
        if answer is None:
            result.failures.append(problem)
            continue
        result.statuses[answer.status] += 1
        result.seconds.append(answer.seconds)
        if answer.status == 302 and "/receipt/" in answer.location:
            receipt = request(prepared[0], server.base + answer.location)
            if receipt.status == 200 and 'id="tracking-number"' in receipt.body:
                result.acknowledged += 1
                continue
            result.failures.append(f"receipt: {receipt.status}")
        else:
            result.failures.append(f"POST: {answer.status} {_why(answer.body)}")
    return result


def _why(page: str) -> str:
    """The error messages a refused form shows, else the start of the page."""
    found = re.findall(r'class="(?:error|errorlist[^"]*|refusal[^"]*)"[^>]*>(.*?)</', page, re.S)
    text = "; ".join(html.unescape(re.sub(r"<[^>]+>", "", f)).strip() for f in found)
    return text or page[:300]


def login(server: Server, username: str) -> urllib.request.OpenerDirector:
    opener = browser()
    page = request(opener, f"{server.base}/login/")
    token = hidden(page.body, "csrfmiddlewaretoken")
    data = {"username": username, "password": STAFF_PASSWORD, "csrfmiddlewaretoken": token}
    answer = request(opener, f"{server.base}/login/", data)
    if answer.status != 302:
        raise AssertionError(f"login {username}: {answer.status}")
    return opener


def staff_round(
    server: Server,
    confirm_ids: list[int],
    registrations: int,
    today: str,
    sessions: list[urllib.request.OpenerDirector],
    run: int = 0,
) -> Round:
    """确认收到 on each case of ``confirm_ids`` and ``registrations`` in-person registrations,
    all at the same moment, through the case page's and the registration page's forms."""
    jobs: list[tuple[str, int]] = [("confirm", pk) for pk in confirm_ids]
    jobs += [("register", i) for i in range(registrations)]

    def prepare(i: int) -> tuple[urllib.request.OpenerDirector, str, dict[str, str]]:
        opener = sessions[i % len(sessions)]
        kind, value = jobs[i]
        if kind == "confirm":
            page_url = f"{server.base}/applications/{value}/"
            post_url = f"{page_url}steps/confirm_receipt/"
            form = {"confirm_receipt-on": today, "confirm_receipt-method": "电话确认"}
        else:
            page_url = post_url = f"{server.base}/applications/register/in_person/"
            form = {
                "agency": str(server.seed["agency"]),
                "arrived_on": today,
                "applicant_type": "natural_person",
                "applicant_name": f"来访人{run}-{value}",
                "contact_phone": "13900000000",
                "description": f"并发登记{run}-{value}：本局2025年度行政处罚案件数量",
                "requested_form": "paper",
                "delivery": "pickup",
            }
        page = request(opener, page_url)
        if page.status != 200:
            raise AssertionError(f"GET {page_url}: {page.status}")
        form["csrfmiddlewaretoken"] = hidden(page.body, "csrfmiddlewaretoken")
        return opener, post_url, form

    def fire(prepared: tuple[urllib.request.OpenerDirector, str, dict[str, str]]) -> Answer:
        opener, post_url, form = prepared
        return request(opener, post_url, form)

    result = Round("staff steps", len(jobs))
    for prepared, answer, problem in _burst(len(jobs), prepare, fire):
        if answer is None:
            result.failures.append(problem)
            continue
        result.statuses[answer.status] += 1
        result.seconds.append(answer.seconds)
        if answer.status == 302 and re.search(r"/applications/\d+/", answer.location):
            case = request(prepared[0], server.base + answer.location.split("#")[0])
            if case.status == 200:
                result.acknowledged += 1
                continue
            result.failures.append(f"case page: {case.status}")
        else:
            result.failures.append(f"POST: {answer.status} {_why(answer.body)}")
    return result


def measure(
    target: Target, submissions: int, confirms: int, registrations: int, runs: int
) -> list[Round]:
    """Start the server on ``target`` and run the bursts ``runs`` times; count what was
    stored and audited after each."""
    rounds: list[Round] = []
    with running_server(target) as server:
        sessions = [login(server, f"registrar{i}") for i in range(STAFF_USERS)]
        for run in range(runs):
            before = inspect(target)
            portal = portal_round(server, submissions, run)
            after_portal = inspect(target)
            portal.stored = after_portal["online"] - before["online"]
            portal.audited = (
                after_portal["online_registered_events"] - before["online_registered_events"]
            )
            waiting = after_portal["awaiting_confirmation"]
            new_ids = [pk for pk in waiting if pk not in before["awaiting_confirmation"]]
            staff = staff_round(
                server, new_ids[:confirms], registrations, server.seed["today"], sessions, run
            )
            after = inspect(target)
            confirmed = len(set(new_ids[:confirms]) & set(after["confirmed"]))
            registered = after["staff_registered"] - after_portal["staff_registered"]
            staff.stored = confirmed + registered
            staff.audited = (
                after["confirm_events"]
                - after_portal["confirm_events"]
                + after["staff_register_events"]
                - after_portal["staff_register_events"]
            )
            staff.sent = len(new_ids[:confirms]) + registrations
            rounds += [portal, staff]
            if any(r.errors_500 for r in (portal, staff)):
                rounds[-1].failures.append(server.log_tail(40))
    return rounds


def report(target: str, rounds: list[Round]) -> None:
    for r in rounds:
        other = {s: n for s, n in sorted(r.statuses.items()) if s not in (302,) and s < 500}
        print(
            f"{target:<10} {r.kind:<20} sent {r.sent:>3}  stored {r.stored:>3}  "
            f"audited {r.audited:>3}  acknowledged {r.acknowledged:>3}  "
            f"500: {r.errors_500:>3}  other: {other or '-'}  {r.latency()}"
        )


# -- helpers run in a process set up like the server ---------------------------------------------


def _seed() -> None:
    from gongkai.cli import serve_cmd

    serve_cmd.prepare(demo=False)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gongkai.web.agencies.models import Agency, Membership
    from gongkai.web.portal.models import OnlineIntake

    office = Agency.objects.create(name="并发测试县人民政府办公室", kind="government_office")
    agency = Agency.objects.create(name="并发测试县公安局", kind="department", supervisor=office)
    OnlineIntake.objects.create(agency=agency, accepts=True)
    for i in range(STAFF_USERS):
        user = get_user_model().objects.create_user(f"registrar{i}", password=STAFF_PASSWORD)
        Membership.objects.create(user=user, agency=agency, role="registrar")
    print(json.dumps({"agency": agency.pk, "today": timezone.localdate().isoformat()}))


def _inspect() -> None:
    import django

    django.setup()
    from django.db.models import Count

    from gongkai.web.applications.models import Application, CaseEvent
    from gongkai.web.portal.models import OnlineSubmission

    online = Application.objects.filter(channel="online")
    submissions = OnlineSubmission.objects.all()
    assert submissions.count() == online.count()
    numbers = list(Application.objects.values_list("number", flat=True))
    tracking = list(submissions.values_list("tracking_number", flat=True))
    events = CaseEvent.objects.all()
    print(
        json.dumps(
            {
                "online": online.count(),
                "online_registered_events": events.filter(
                    action="register", application__channel="online"
                ).count(),
                "awaiting_confirmation": list(
                    online.filter(status="awaiting_confirmation")
                    .order_by("pk")
                    .values_list("pk", flat=True)
                ),
                "confirmed": list(
                    events.filter(action="confirm_receipt").values_list("application_id", flat=True)
                ),
                "confirm_events": events.filter(action="confirm_receipt").count(),
                "staff_registered": Application.objects.exclude(channel="online").count(),
                "staff_register_events": events.filter(
                    action="register", actor__isnull=False
                ).count(),
                # Every application has its registration event, no step was recorded twice.
                "without_register_event": Application.objects.exclude(
                    events__action="register"
                ).count(),
                "events_twice": events.values("application", "action")
                .annotate(n=Count("pk"))
                .filter(n__gt=1)
                .count(),
                "unique_numbers": len(set(numbers)) == len(numbers),
                "unique_tracking": len(set(tracking)) == len(tracking),
            }
        )
    )


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["_seed"]:
        _seed()
        return 0
    if args_list[:1] == ["_inspect"]:
        _inspect()
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--confirms", type=int, default=20)
    parser.add_argument("--registrations", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(args_list)
    url = os.environ.get("DATABASE_URL", "")
    targets: list[Callable[[], AbstractContextManager[Target]]] = [sqlite_target]
    if url.startswith(("postgres://", "postgresql://")):
        targets.append(functools.partial(postgres_target, url))
    status = 0
    for make in targets:
        with make() as target:
            rounds = measure(target, args.submissions, args.confirms, args.registrations, args.runs)
        report(target.name, rounds)
        for r in rounds:
            if r.errors_500 or r.stored != r.sent or r.acknowledged != r.sent:
                status = 1
                for failure in r.failures[:3]:
                    print(f"  {r.kind}: {failure[:2000]}")
    return status


if __name__ == "__main__":
    sys.exit(main())
