"""``gongkai backup`` / ``gongkai restore``: a demo installation backed up, wiped (a new
empty database, no stored files) and restored has every row of every model, every audit
entry and every stored file back, byte for byte; on SQLite always, on PostgreSQL when
DATABASE_URL is set (in a throwaway database). And what restore refuses, in Chinese, before
touching anything: a tampered or corrupt archive, a newer schema, another engine, a
non-empty installation without --force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from gongkai.cli.main import main
from gongkai.core import backup as archive
from gongkai.web import backup as shell

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = Path(__file__).with_name("backup_scenario.py")
AUDIT_MODELS = (
    "applications.caseevent",
    "catalogue.itemevent",
    "catalogue.catalogueaudit",
    "remedies.remedyevent",
    "reports.reportevent",
)
POSTGRES_URL = os.environ.get("DATABASE_URL", "")


class Installation:
    """One installation in a folder of its own, driven through separate processes."""

    def __init__(self, var_dir: Path, database_url: str) -> None:
        self.var_dir = var_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "GONGKAI_MEDIA_DIR", "GONGKAI_VAR_DIR"}
        }
        self.env.update(
            GONGKAI_VAR_DIR=str(var_dir),
            GONGKAI_SECRET_KEY="backup-test-secret-key",
            GONGKAI_LOG_FILE="",
            DJANGO_SETTINGS_MODULE="gongkai.web.settings",
        )
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def run(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        assert done.returncode == expect, done.stdout + done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def gongkai(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "gongkai.cli.main", *args, expect=expect)

    def scenario(self, *steps: str) -> None:
        self.run(str(SCENARIO), *steps)

    def files(self) -> dict[str, bytes]:
        found = {}
        for tree in ("media", "report-files"):
            for relative, path in archive.stored_files(self.var_dir / tree):
                found[f"{tree}/{relative}"] = path.read_bytes()
        return found


def _postgres_database() -> Iterator[str]:
    """A throwaway database on the DATABASE_URL server (dropped afterwards), empty."""
    import psycopg

    parts = urlsplit(POSTGRES_URL)
    name = f"gongkai_backup_{uuid.uuid4().hex[:12]}"
    admin = urlunsplit(parts._replace(path="/postgres", query=""))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _recreate_postgres(url: str) -> None:
    """Wipe: the same database name, dropped and created again (empty)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres", query=""))
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not POSTGRES_URL.startswith("postgres"), reason="DATABASE_URL not set"
            ),
        ),
    ]
)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield ""  # the default: a new SQLite file under each installation's var dir
    else:
        yield from _postgres_database()


def _tampered(source: Path, target: Path, member: str) -> None:
    """The archive with one member's bytes changed (a valid ZIP, the manifest as it was)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                data = data[:-1] + bytes([data[-1] ^ 1])
            new.writestr(info, data)


def test_backup_wipe_restore_gives_back_every_row_and_file(
    database_url: str, tmp_path: Path
) -> None:
    first = Installation(tmp_path / "first", database_url)
    first.scenario("load", "dump", str(tmp_path / "before.json"))
    backup_file = tmp_path / "gongkai-backup.zip"
    out = first.gongkai("backup", str(backup_file)).stdout
    assert "已备份到" in out
    before_rows = (tmp_path / "before.json").read_text(encoding="utf-8")
    before_files = first.files()
    models = {row["model"] for row in json.loads(before_rows)}
    assert set(AUDIT_MODELS) <= models  # the audit trail is part of what is compared
    assert {"applications.letter", "applications.servicerecord", "reports.reportversion"} <= models
    assert any(name.endswith(".pdf") for name in before_files if name.startswith("media/"))
    assert any(name.startswith("media/service-proofs/") for name in before_files)
    assert sum(name.startswith("report-files/") for name in before_files) == 4

    with archive.BackupReader(backup_file) as reader:
        manifest = reader.manifest
    assert manifest.engine == ("postgresql" if database_url else "sqlite")
    assert manifest.schema["applications"] >= "0005"
    assert len(manifest.files) == len(before_files) + 1  # and the database

    # Wipe: a new empty database, no stored files.
    if database_url:
        _recreate_postgres(database_url)
    second = Installation(tmp_path / "second", database_url)
    assert "已从" in second.gongkai("restore", str(backup_file)).stdout
    second.scenario("dump", str(tmp_path / "after.json"), "touch")
    assert (tmp_path / "after.json").read_text(encoding="utf-8") == before_rows
    restored_files = second.files()
    assert restored_files.pop("media/after-backup.txt")  # written by "touch", after the dump
    assert restored_files == before_files

    # Now it holds data: refused without --force; a tampered archive is refused outright,
    # with --force too, and nothing is touched.
    refused = second.gongkai("restore", str(backup_file), expect=2).stderr
    assert "本安装已有数据" in refused and "--force" in refused
    tampered = tmp_path / "tampered.zip"
    _tampered(backup_file, tampered, sorted(name for name in manifest.files if "report" in name)[0])
    refused = second.gongkai("restore", "--force", str(tampered), expect=2).stderr
    assert "校验值不符" in refused and "未做任何恢复" in refused
    assert (second.var_dir / "media" / "after-backup.txt").exists()

    # --force: back to the backup exactly (the later user and file are gone).
    second.gongkai("restore", "--force", str(backup_file))
    second.scenario("dump", str(tmp_path / "forced.json"))
    assert (tmp_path / "forced.json").read_text(encoding="utf-8") == before_rows
    assert second.files() == before_files


# -- refusals, in this process (each one before anything is touched) -------------------


def _archive(path: Path, **changes: object) -> Path:
    """A well-formed archive for this installation's engine and schema, with ``changes``
    to its manifest; its database member is a stand-in (restore refuses before using it)."""
    stand_in = path.with_suffix(".db")
    stand_in.write_bytes(b"not a database")
    fields: dict[str, object] = {
        "gongkai_version": "0.1.0",
        "created_at": "2026-01-01T00:00:00+00:00",
        "engine": shell.engine(),
        "schema": shell.applied_schema(),
        "trees": ("media", "report-files"),
        **changes,
    }
    writer = archive.BackupWriter(path)
    writer.add_database(str(fields["engine"]), stand_in)
    writer.finish(archive.Manifest(**fields))  # type: ignore[arg-type]
    return path


def _restore(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["restore", *extra, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err
    return err


@pytest.mark.django_db
def test_a_newer_schema_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = {**shell.applied_schema(), "applications": "9999_from_a_newer_version"}
    err = _restore(_archive(tmp_path / "newer.zip", schema=schema), capsys, "--force")
    assert "数据库结构比本安装新" in err and "applications.9999_from_a_newer_version" in err


@pytest.mark.django_db
def test_another_engine_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = "postgresql" if shell.engine() == "sqlite" else "sqlite"
    err = _restore(_archive(tmp_path / "other.zip", engine=other), capsys, "--force")
    assert "只能恢复到同类数据库" in err


@pytest.mark.django_db
def test_a_hash_mismatch_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _archive(tmp_path / "good.zip")
    bad = tmp_path / "bad.zip"
    _tampered(good, bad, archive.DATABASE_MEMBERS[shell.engine()])
    err = _restore(bad, capsys, "--force")
    assert "校验值不符" in err


def test_missing_and_corrupt_archives_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "找不到备份文件" in _restore(tmp_path / "nowhere.zip", capsys)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 this is not a zip at all")
    assert "不是有效的 gongkai 备份文件" in _restore(junk, capsys)


@pytest.mark.django_db
def test_a_non_empty_installation_needs_force(
    staff: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _restore(_archive(tmp_path / "good.zip"), capsys)
    assert "本安装已有数据" in err and "用户" in err and "--force" in err


def test_missing_postgresql_client_tools_are_named_in_chinese(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shell.shutil, "which", lambda name: None)
    with pytest.raises(archive.BackupError, match="未找到 PostgreSQL 客户端工具 pg_dump"):
        shell._client_tool("pg_dump")
