"""Reading a batch in worker processes gives what one process gives, in the same order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gongkai.cli.batch import CHUNK, MAX_CHUNK, PARALLEL_FROM, chunk_size, worker_count
from gongkai.cli.main import main

SEED_DIR = Path(__file__).parents[1] / "fixtures" / "seeds"


def _corpus(folder: Path, copies: int) -> list[str]:
    """Seeds interleaved with unreadable files, so that order and errors both show."""
    names = []
    for i in range(copies):
        for seed in sorted(SEED_DIR.glob("*.txt")):
            target = folder / f"{i:03d}_{seed.name}"
            shutil.copyfile(seed, target)
            names.append(target.name)
        bad = folder / f"{i:03d}_zz_broken.pdf"
        bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
        names.append(bad.name)
    return sorted(names)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_workers_give_the_single_process_output_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = _corpus(tmp_path, copies=4)
    parallel = _run(["parse", str(tmp_path), "--jobs", "2"], capsys)
    single = _run(["parse", str(tmp_path), "--jobs", "1"], capsys)
    assert parallel == single
    status, out, err = parallel
    assert status == 2  # the broken files are reported, the batch goes on
    files = [Path(json.loads(line)["source"]["file"]).name for line in out.splitlines()]
    assert files == [n for n in names if "broken" not in n]
    assert len(err.splitlines()) == 4 and all("broken" in line for line in err.splitlines())


def test_check_in_workers_matches_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus(tmp_path, copies=2)
    assert _run(["check", str(tmp_path), "-j", "2"], capsys) == _run(
        ["check", str(tmp_path), "-j", "1"], capsys
    )


@pytest.mark.parametrize("text", ["0", "-2", "two"])
def test_jobs_must_be_a_positive_integer(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["parse", str(SEED_DIR), "--jobs", text])
    assert "进程数应为正整数" in capsys.readouterr().err


def test_small_batches_and_stdin_stay_in_one_process() -> None:
    few = [f"f{i}" for i in range(PARALLEL_FROM - 1)]
    many = [f"f{i}" for i in range(CHUNK * 4)]
    assert worker_count(8, few) == 1
    assert worker_count(8, [*many, "-"]) == 1
    assert worker_count(8, many) == 4  # never more workers than chunks
    assert worker_count(2, many) == 2


def test_a_large_batch_is_handed_over_in_larger_chunks_each_worker_getting_many() -> None:
    assert chunk_size(100, 2) == CHUNK  # a slow file holds up one chunk of few
    assert chunk_size(2000, 2) == MAX_CHUNK  # 63 hand-overs instead of 250
    for files in (10, 100, 500, 1000, 5000, 100_000):
        for workers in (2, 4, 16):
            size = chunk_size(files, workers)
            assert CHUNK <= size <= MAX_CHUNK
            assert size == CHUNK or files // size >= workers * 16
