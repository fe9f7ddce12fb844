"""`gongkai serve` under load, its first start, and the annual report's publish and PDF times.

Not a test: a measurement to run by hand (loopback only, a temporary var dir):

    .venv/bin/python -m bench.serve_load                  # gunicorn, a process per core
    GONGKAI_SERVE_WORKERS=1 .venv/bin/python -m bench.serve_load   # waitress, one process
    .venv/bin/python -m bench.serve_load --dev            # Django's runserver, to compare
    .venv/bin/python -m bench.serve_load --clients 50 --seconds 30

1. First start: ``gongkai serve`` on an empty var dir (migrate + the demo), timed until the
   public portal answers; the demo's progress lines are printed as the server prints them.
2. Report times on that demo, in a separate process: ``gongkai report export <bureau> <last
   year> --format pdf`` (wall time of the command), and what publishing costs before its
   transaction: assembling the report and rendering every format once (``services.publish``
   renders HTML, DOCX, PDF and XLSX, then stores them), per format.
3. Load: one demo staff user (承办) logs in once; ``--clients`` threads, each with that
   session, request in turn a case page (of the cases the whole queue lists) and one of the
   staff queue, the public portal and the agency's public pages (主动公开目录, 年度报告),
   for ``--seconds``, each sending its next request once the last is answered (``--think``
   adds a pause, as a person reading the page would). Prints requests/s,
   p50/p95/max latency and errors (any status but 200, or a failed connection), the CPU time
   the server's processes used per request (Linux), which other work on the machine changes
   far less than the latencies, and the load average before and after.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAFF = ("chengban", "chengban-demo-2026")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["GONGKAI_VAR_DIR"] = str(var)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_server(var: Path, port: int, dev: bool) -> tuple[subprocess.Popen[str], float]:
    """Start ``gongkai serve`` and wait until it answers; returns it and the seconds taken."""
    command = [sys.executable, "-m", "gongkai.cli.main", "serve", "--port", str(port)]
    if dev:
        command.append("--dev")
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=_environment(var),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    out = process.stdout

    def echo() -> None:
        for line in out:
            if '"GET ' not in line and '"POST ' not in line:  # runserver's access log
                print(f"  | {line.rstrip()}", flush=True)

    threading.Thread(target=echo, daemon=True).start()
    while True:
        if process.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=2):
                return process, time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)


def report_times(var: Path) -> None:
    """Report export (the CLI command) and publish's rendering, on the demo in ``var``."""
    code = "111305340000000027"  # the demo bureau
    env = _environment(var)
    year = time.localtime().tm_year - 1
    with tempfile.TemporaryDirectory() as out:
        for fmt in ("pdf", "pdf"):
            started = time.monotonic()
            done = subprocess.run(
                [
                    *(sys.executable, "-m", "gongkai.cli.main", "report", "export"),
                    *(code, str(year), "--format", fmt, "-o", str(Path(out) / f"r.{fmt}")),
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            took = time.monotonic() - started
            size = (Path(out) / f"r.{fmt}").stat().st_size if done.returncode == 0 else 0
            failed = f" {done.stderr[-300:]}" if done.returncode else ""
            print(
                f"  gongkai report export {code} {year} --format {fmt}: {took:.1f} s "
                f"(exit {done.returncode}, {size} bytes){failed}"
            )
    script = f"""
import json, os, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
import django; django.setup()
from django.utils import timezone
from gongkai.core.reporting.formats import available_formats, render
from gongkai.web.agencies.models import Agency
from gongkai.web.reports.builder import assemble
agency = Agency.objects.get(code="{code}")
times = {{}}
t = time.monotonic(); report = assemble(agency, {year}, on=timezone.localdate()).report
times["assemble"] = time.monotonic() - t
for fmt in available_formats():
    t = time.monotonic(); render(report, fmt); times[fmt] = time.monotonic() - t
print(json.dumps(times))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        print(f"  publish rendering failed: {done.stderr[-500:]}")
        return
    times = json.loads(done.stdout.strip().splitlines()[-1])
    total = sum(times.values())
    parts = ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
    print(f"  publish (assemble + render every format once): {total:.1f} s ({parts})")


def _session(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": STAFF[0], "password": STAFF[1], "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    request = urllib.request.Request(f"{base}/login/", data=data, headers={"Referer": base})
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "login failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU seconds of process ``pid`` and its children (gunicorn's workers),
    from Linux's /proc; None elsewhere."""
    proc = Path("/proc")
    if not (proc / str(pid) / "stat").exists():
        return None
    ticks = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        # After the name: state, ppid, …; utime and stime are the 12th and 13th.
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def load(
    base: str, clients: int, seconds: float, think: float = 0.0, server_pid: int | None = None
) -> None:
    cookie = _session(base)

    def get(path: str) -> tuple[int, bytes]:
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    queue = get("/applications/?group=all")[1].decode()
    cases = sorted(set(re.findall(r'href="(/applications/\d+/)"', queue)))[:40]
    public = get("/public/")[1].decode()
    agencies = sorted(set(re.findall(r'href="/public/(\d+)/apply/"', public)))
    agency_pages = [f"/{part}/{pk}/" for pk in agencies for part in ("catalogue", "reports")]
    paths = ["/applications/", "/applications/?group=all", "/public/", *agency_pages]
    print(f"  {len(cases)} case pages, public pages: {', '.join(paths[1:])}")
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    barrier = threading.Barrier(clients)

    def client(n: int) -> None:
        mine: list[float] = []
        wrong: list[str] = []
        i = n
        barrier.wait()
        while time.monotonic() < stop:
            path = cases[i % len(cases)] if i % 2 and cases else paths[i % len(paths)]
            i += 1
            started = time.monotonic()
            try:
                status, _ = get(path)
            except Exception as exc:
                wrong.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            mine.append(time.monotonic() - started)
            if status != 200:
                wrong.append(f"{path}: {status}")
            if think:
                time.sleep(think)
        with lock:
            latencies.extend(mine)
            errors.extend(wrong)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    load_before = _load_average()
    cpu_before = _cpu_seconds(server_pid) if server_pid else None
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    cpu_after = _cpu_seconds(server_pid) if server_pid else None
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else float("nan")
    p50 = statistics.median(latencies)
    print(
        f"  {clients} clients{f' ({think:g} s between requests)' if think else ''}, "
        f"{took:.1f} s: {len(latencies)} requests, "
        f"{len(latencies) / took:.1f} requests/s, p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms, errors {len(errors)}"
    )
    if cpu_before is not None and cpu_after is not None and latencies:
        used = cpu_after - cpu_before
        print(
            f"  server CPU {used:.1f} s, {used / len(latencies) * 1000:.1f} ms per request; "
            f"load average {load_before} before, {_load_average()} after"
        )
    for error in errors[:5]:
        print(f"    {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dev", action="store_true", help="Django's runserver (gongkai serve --dev)"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--think", type=float, default=0, help="each client's pause between requests (s)"
    )
    parser.add_argument("--no-report-times", action="store_true")
    parser.add_argument("--var", type=Path, help="a var dir to reuse (first start not timed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-serve-load-") as tmp:
        var = args.var or Path(tmp)
        port = _free_port()
        server = "runserver (--dev)" if args.dev else "gongkai serve"
        print(f"gongkai serve, {server}, var dir {var}")
        process, took = start_server(var, port, args.dev)
        try:
            print(f"  first answer after {took:.1f} s (migrate, demo on a first run)")
            if not args.no_report_times:
                report_times(var)
            load(f"http://127.0.0.1:{port}", args.clients, args.seconds, args.think, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
