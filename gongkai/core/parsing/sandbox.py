"""Reading an untrusted document in a child process with its own resource limits.

The readers' own limits (:mod:`gongkai.core.parsing.limits`) are checked before each costly
step, but a hostile file can still hit a cost no check foresaw: a PDF whose Flate stream
inflates to gigabytes inside pdfium, or a text file whose parse holds twenty times its size.
So a web server never reads an uploaded document in its own process. The child

- sets ``RLIMIT_AS`` (memory), ``RLIMIT_CPU`` (CPU time), ``RLIMIT_FSIZE`` (the size of the
  result it may write) and ``RLIMIT_CORE`` = 0 on itself before it reads a byte of the file
  (in the child's ``main``, not in ``preexec_fn``, which is unsafe in a threaded server);
- reads the file from a temporary file on its standard input, checks it as every upload is
  checked (:func:`gongkai.core.uploads.content_kind`: executables, ZIP bombs, XML with a
  DTD, images over the pixel limit), runs
  :func:`~gongkai.core.parsing.read.read_report`, and writes the report as JSON (or the
  Chinese refusal) to a temporary file on its standard output.

The parent waits at most ``wall_seconds``, then kills it. A child killed by a limit, or one
that dies any other way, becomes an :class:`InputError` with a Chinese message; the parent's
memory holds only the file and the result, never what the reader unpacked.

At most ``GONGKAI_SANDBOX_CHILDREN`` children run at once, in a process and across the
server's processes (:mod:`gongkai.core.parsing.child_slots`).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import IO, Any

from gongkai.core.errors import InputError
from gongkai.core.parsing.child_slots import child_slot
from gongkai.core.parsing.limits import MAX_BYTES_BY_KIND
from gongkai.core.report.model import AnnualReport

_MB = 1024 * 1024
EXIT_MEMORY = 71  # the child ran out of its address space in Python code (MemoryError)
EXIT_INTERNAL = 70  # a reader failed with something other than InputError


@dataclass(frozen=True)
class ProcessLimits:
    """What one child may use. ``memory_bytes`` is address space (``RLIMIT_AS``), which is
    larger than the resident memory it allows: the OCR models and thread stacks reserve
    address space they never touch."""

    memory_bytes: int = 1536 * _MB
    cpu_seconds: int = 120
    output_bytes: int = 32 * _MB
    wall_seconds: float = 180.0


# Per kind of file (judged from its first bytes, as in ``prefix_kind``): text-like files need
# little memory; a PDF or an image may need OCR, which loads models and may take minutes.
PROCESS_LIMITS: dict[str, ProcessLimits] = {
    "text": ProcessLimits(memory_bytes=768 * _MB, cpu_seconds=60, wall_seconds=90.0),
    "zip": ProcessLimits(memory_bytes=1024 * _MB, cpu_seconds=90, wall_seconds=120.0),
    "pdf": ProcessLimits(memory_bytes=1536 * _MB, cpu_seconds=600, wall_seconds=900.0),
    "image": ProcessLimits(memory_bytes=1536 * _MB, cpu_seconds=120, wall_seconds=180.0),
}


def prefix_kind(data: bytes) -> str:
    """ "pdf" | "image" | "zip" | "text" from the first bytes alone: cheap enough to run in the
    server process on any input. The child runs the full :func:`sniff`."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    return "text"


def limits_for(data: bytes) -> ProcessLimits:
    return PROCESS_LIMITS[prefix_kind(data)]


def read_report_contained(
    data: bytes, name: str | None = None, limits: ProcessLimits | None = None
) -> AnnualReport:
    """:func:`read_report` in a child process under ``limits`` (by default those of the
    file's kind). Raises InputError (Chinese) for an unreadable, oversized or hostile file."""
    from gongkai.core.report.jsonio import report_from_json

    kind = prefix_kind(data)
    _check_size(data, kind)
    result = run_contained(data, name, limits or PROCESS_LIMITS[kind])
    return report_from_json(result)


def _check_size(data: bytes, kind: str) -> None:
    if not data:
        raise InputError("文件是空的。")
    cap = MAX_BYTES_BY_KIND[kind]
    if len(data) > cap:
        raise InputError(
            f"文件过大（{len(data) / _MB:.1f}MB），此类文件（{_KIND_NAMES[kind]}）"
            f"上限为{cap // _MB}MB，未读取。"
        )


_KIND_NAMES = {"pdf": "PDF", "image": "图片", "zip": "Word/OFD", "text": "文本/网页/JSON"}


def run_contained(data: bytes, name: str | None, limits: ProcessLimits) -> dict[str, Any]:
    """The report's JSON as the child wrote it; InputError for a refusal or a killed child."""
    with child_slot():
        return _run_child(data, name, limits)


def _run_child(data: bytes, name: str | None, limits: ProcessLimits) -> dict[str, Any]:
    with (
        tempfile.TemporaryFile() as source,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        source.write(data)
        source.seek(0)
        command = [
            sys.executable,
            "-m",
            "gongkai.core.parsing.sandbox",
            str(limits.memory_bytes),
            str(limits.cpu_seconds),
            str(limits.output_bytes),
            name or "",
        ]
        env = {k: v for k, v in os.environ.items() if k in _ENV_KEPT}
        env.update(OMP_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=_pythonpath())
        proc = subprocess.Popen(  # our own interpreter and module; no shell
            command, stdin=source, stdout=out, stderr=err, env=env, close_fds=True
        )
        try:
            code = proc.wait(timeout=limits.wall_seconds)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise InputError(
                f"读取此文件超过{limits.wall_seconds:g}秒仍未完成，已停止；"
                "文件可能过大、已损坏或为恶意文件。"
            ) from None
        if code != 0:
            raise _refusal(code, limits, _tail(err))
        return _result(out, limits)


_ENV_KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "RAPIDOCR_MODEL_DIR")


def _pythonpath() -> str:
    # The child imports gongkai from where this process did, installed or not.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    return os.pathsep.join([root, *filter(None, [os.environ.get("PYTHONPATH")])])


def _tail(err: IO[bytes]) -> str:
    err.seek(0, os.SEEK_END)
    err.seek(max(0, err.tell() - 2000))
    return err.read().decode("utf-8", errors="replace")


_ALLOCATION_FAILURES = (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS)


def _refusal(code: int, limits: ProcessLimits, stderr: str) -> InputError:
    mb = limits.memory_bytes // _MB
    if code == EXIT_MEMORY or (code < 0 and "MemoryError" in stderr) or "bad_alloc" in stderr:
        return InputError(
            f"读取此文件所需内存超过上限（{mb}MB），已停止；疑为恶意文件（如压缩炸弹）或文件已损坏。"
        )
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return InputError(
            f"读取此文件耗用的计算时间超过上限（{limits.cpu_seconds}秒），已停止；"
            "文件可能过大、已损坏或为恶意文件。"
        )
    if code == -signal.SIGXFSZ:
        return InputError(
            f"读取结果超过{limits.output_bytes // _MB}MB的上限，已停止；文件内容异常，未读取。"
        )
    if code in _ALLOCATION_FAILURES:  # pdfium etc. abort when an allocation fails
        return InputError(
            f"读取此文件的进程异常终止（信号{-code}），多因所需内存超过上限（{mb}MB）；"
            "疑为恶意文件（如压缩炸弹）或文件已损坏，未读取。"
        )
    if code < 0:
        return InputError(
            f"读取此文件的进程被终止（信号{-code}），文件可能已损坏或为恶意文件，未读取。"
        )
    return InputError(f"读取此文件时出错（读取进程退出码{code}），文件可能已损坏，未读取。")


def _result(out: IO[bytes], limits: ProcessLimits) -> dict[str, Any]:
    size = out.tell()
    if size > limits.output_bytes:  # pragma: no cover (RLIMIT_FSIZE stops the child first)
        raise InputError(f"读取结果超过{limits.output_bytes // _MB}MB的上限，未读取。")
    out.seek(0)
    try:
        message = json.loads(out.read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("读取此文件的进程没有给出完整结果，未读取。") from None
    if not isinstance(message, dict):
        raise InputError("读取此文件的进程没有给出完整结果，未读取。")
    if "error" in message:
        raise InputError(str(message["error"]))
    report = message.get("report")
    if not isinstance(report, dict):
        raise InputError("读取此文件的进程没有给出完整结果，未读取。")
    return report


def _limit_self(memory: int, cpu: int, output: int) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))  # SIGXFSZ past it


def _child(argv: list[str]) -> int:
    memory, cpu, output = (int(a) for a in argv[:3])
    name = argv[3] if len(argv) > 3 and argv[3] else None
    _limit_self(memory, cpu, output)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it; die instead
    try:
        from gongkai.core.parsing.read import read_report
        from gongkai.core.report.jsonio import report_to_json
        from gongkai.core.uploads import content_kind

        data = sys.stdin.buffer.read()
        content_kind(data)  # the upload check: executables, bombs, DTDs, huge images
        message: dict[str, Any] = {"report": report_to_json(read_report(data, name))}
    except InputError as exc:
        message = {"error": str(exc)}
    except MemoryError:
        os._exit(EXIT_MEMORY)  # nothing more can be allocated: no message, no traceback
    except Exception as exc:  # any other failure: a refusal, in the parent
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL
    try:
        sys.stdout.buffer.write(json.dumps(message, ensure_ascii=False).encode("utf-8"))
        sys.stdout.buffer.flush()
    except MemoryError:
        os._exit(EXIT_MEMORY)
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
