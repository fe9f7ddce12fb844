"""Benchmark: ``gongkai parse`` of a folder of text reports, as a ratio to a bare floor
measured in the same run.

    python bench/parse_speed.py [--copies 400] [--runs 5] [--seeds DIR]

The corpus is ``--copies`` copies of each seed report (``tests/fixtures/seeds``, or
``--seeds``) written to a temporary folder: 2,000 files by default. Two whole processes
are timed, start-up included, in turn (floor, parse, floor, parse …, so that a machine
whose speed drifts moves both alike):

* the floor: a bare Python process that reads each file, decodes it and finds its digits
  with one compiled regular expression — what any reader of these files must at least do;
* ``gongkai parse DIR --format json`` with its output written to /dev/null: sniffing,
  reading, interpreting, every check and the JSON, one report a line. It runs as a user
  runs it, with one worker process per core (the default), and again with ``--jobs 1``,
  one process, to show what a core does.

Both run as an installed program runs: with its modules' bytecode written by an untimed
first run (``installed_env``), whatever PYTHONDONTWRITEBYTECODE says.

Printed: wall and CPU seconds of each (min and median over the runs; CPU includes the
workers'), reports a second, and the ratios to the floor: best run to best run, and the
median of the pairs timed one after the other (the least pair ratio is not shown: it picks
the pair where a slow floor met a fast parse). The wall ratio of
the default run is what a user waits; the CPU ratio of ``--jobs 1`` is the reader's cost
per core. The floor is one process: a floor in several processes would gain little, its
work is mostly the start-up and the reading of the files. The identical
copies are no shortcut: no result is cached by content from one report to the next, every
file is read, interpreted and checked afresh (the caches that exist hold how a short
cell, label or line reads — up to 80 and 120 characters —, or live for one report). Such
texts recur more among copies than among distinct reports: docs/readers.md gives the
instruction counts on both.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

FLOOR = r"""
import os, re, sys
digits = re.compile(r"\d+")
n = 0
for entry in sorted(os.scandir(sys.argv[1]), key=lambda e: e.name):
    with open(entry.path, "rb") as f:
        n += len(digits.findall(f.read().decode("utf-8")))
print(n)
"""


def build(folder: Path, seeds: Path, copies: int) -> int:
    files = sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix == ".txt")
    for i in range(copies):
        for seed in files:
            shutil.copyfile(seed, folder / f"{i:04d}_{seed.name}")
    return copies * len(files)


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system of the children) seconds of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def installed_env(bytecode: Path) -> dict[str, str]:
    """The environment of the timed processes: Python writes the modules' bytecode once
    and reuses it, as an installed package has it (pip compiles it), even where the shell
    sets PYTHONDONTWRITEBYTECODE (compiling gongkai's modules anew was 40 ms of each
    start); written under ``bytecode``, a temporary folder, not into the source tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def gongkai_command() -> list[str]:
    exe = Path(sys.executable).with_name("gongkai")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "gongkai.cli.main"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="gongkai-speed-") as tmp,
        tempfile.TemporaryDirectory(prefix="gongkai-speed-bytecode-") as bytecode,
    ):
        folder = Path(tmp)
        env = installed_env(Path(bytecode))
        count = build(folder, args.seeds, args.copies)
        size = sum(p.stat().st_size for p in folder.iterdir())
        floor_cmd = [sys.executable, "-c", FLOOR, str(folder)]
        parse_cmd = [*gongkai_command(), "parse", str(folder), "--format", "json"]
        single_cmd = [*parse_cmd, "--jobs", "1"]
        timed(floor_cmd, env)  # warm the page cache and the interpreter's files
        timed(parse_cmd, env)  # … and write the bytecode
        floors: list[tuple[float, float]] = []
        parses: list[tuple[float, float]] = []
        singles: list[tuple[float, float]] = []
        for _ in range(args.runs):
            floors.append(timed(floor_cmd, env))
            parses.append(timed(parse_cmd, env))
            singles.append(timed(single_cmd, env))
    print(f"corpus: {count} text reports ({args.copies} copies of each seed), {size / 1e6:.1f} MB")
    print(f"{args.runs} runs each, in turn; seconds as min / median")
    rows = (
        ("floor (read + digit regex)", floors),
        ("gongkai parse --format json", parses),
        ("  the same with --jobs 1", singles),
    )
    for label, runs in rows:
        walls = [w for w, _ in runs]
        cpus = [c for _, c in runs]
        print(
            f"  {label:28} wall {min(walls):6.2f} / {statistics.median(walls):6.2f}   "
            f"cpu {min(cpus):6.2f} / {statistics.median(cpus):6.2f}   "
            f"{count / min(walls):7.0f} reports/s (best wall)"
        )
    # Two fair ratios: best against best, and the median of the pairs taken in turn. The
    # least ratio of a pair is not one: it picks the run where a slow floor met a fast parse.
    for label, runs in (("parse", parses), ("parse --jobs 1", singles)):
        wall, cpu = _ratios(floors, runs, 0, "wall"), _ratios(floors, runs, 1, "cpu")
        print(f"ratio {label}/floor: {wall}; {cpu}")


def _ratios(
    floors: list[tuple[float, float]], runs: list[tuple[float, float]], i: int, name: str
) -> str:
    best = min(r[i] for r in runs) / min(f[i] for f in floors)
    pairs = statistics.median(r[i] / f[i] for f, r in zip(floors, runs, strict=True))
    return f"{name} {best:.1f}× best to best, {pairs:.1f}× median pair"


if __name__ == "__main__":
    main()
