"""``gongkai backup FILE`` and ``gongkai restore FILE``: the database and every stored file.

The archive's layout, manifest and hashes are in :mod:`gongkai.core.backup` (no Django);
this module takes the database and the files from the running installation and puts them
back. The backup is consistent while the server runs: the database is copied first, as one
snapshot (SQLite's online backup API; ``pg_dump``, which reads in one transaction), then the
stored files. Rows refer to files that are written before their row commits (proof scans,
uploads) or right after it (letters, report files), so every file a row of the snapshot
refers to is in the archive (at worst a few newer files too, which nothing refers to yet; a
letter rendered again meanwhile from its stored text is there in its newer rendering).

``restore`` checks before it touches anything: the archive and its manifest, the engine, the
schema (a backup whose migrations this installation does not have is refused), the
installation being empty (unless ``force``), and every member's SHA-256 while unpacking it
to a staging folder. Then it replaces the database and the stored-file trees and migrates
(a backup from an older schema is brought up to date).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

import gongkai
from gongkai.core import backup as archive
from gongkai.core.backup import BackupError, Manifest

# libpq connection keywords that may come from DATABASE_URL's query (OPTIONS).
LIBPQ_KEYWORDS = {
    "dbname",
    "user",
    "host",
    "hostaddr",
    "port",
    "service",
    "passfile",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "sslmode",
    "sslcert",
    "sslkey",
    "sslrootcert",
    "sslcrl",
    "sslpassword",
    "gssencmode",
    "channel_binding",
    "target_session_attrs",
}


@dataclass
class BackupSummary:
    path: Path
    manifest: Manifest
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        database = self.manifest.files[self.manifest.database_member]
        files = "，".join(f"{tree} {count} 个" for tree, count in self.counts.items())
        return [
            f"已备份到 {self.path}（{_size(self.path.stat().st_size)}）：",
            f"  数据库：{archive.ENGINES[self.manifest.engine]}，{_size(database.size)}",
            f"  文件：{files}",
            f"  数据库结构：{len(self.manifest.schema)} 个应用的最新迁移已记入备份清单",
        ]


@dataclass
class RestoreSummary:
    path: Path
    manifest: Manifest
    counts: dict[str, int] = field(default_factory=dict)
    migrated: bool = False

    def lines(self) -> list[str]:
        manifest = self.manifest
        files = "，".join(f"{tree} {count} 个" for tree, count in self.counts.items())
        lines = [
            f"已从 {self.path} 恢复（备份时间 {manifest.created_at}，gongkai "
            f"{manifest.gongkai_version}，{archive.ENGINES[manifest.engine]}）：",
            "  数据库：已恢复，所有文件的 SHA-256 校验通过",
            f"  文件：{files}",
        ]
        if self.migrated:
            lines.append("  备份的数据库结构较旧，已迁移到本安装的最新结构")
        return lines


def _size(count: int) -> str:
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def engine() -> str:
    if connection.vendor not in archive.ENGINES:
        raise BackupError(f"不支持备份此类数据库：{connection.vendor}")
    return connection.vendor


def stored_trees() -> dict[str, Path]:
    """Where the stored files live: letters, uploads and proof scans under MEDIA_ROOT, the
    published report versions in the report-files storage."""
    from gongkai.web.reports import files as report_files

    return {
        "media": Path(settings.MEDIA_ROOT),
        "report-files": Path(report_files.storage().location),
    }


def applied_schema() -> dict[str, str]:
    """The latest applied migration per app (empty for a database never migrated)."""
    return archive.latest_migrations(MigrationRecorder(connection).applied_migrations())


def known_migrations() -> dict[str, set[str]]:
    known: dict[str, set[str]] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations:
        known.setdefault(app, set()).add(name)
    return known


# -- backup ---------------------------------------------------------------------------


def backup(path: Path) -> BackupSummary:
    """Write the archive of the database and every stored file to ``path`` (replaced
    atomically: a failed backup leaves no partial file under that name)."""
    path = Path(path).resolve()
    if not path.parent.is_dir():
        raise BackupError(f"目录不存在：{path.parent}")
    if path.is_dir():
        raise BackupError(f"{path} 是一个目录，请给出备份文件名，例如 {path / 'gongkai.zip'}")
    kind = engine()
    work = Path(tempfile.mkdtemp(prefix=".gongkai-backup-", dir=path.parent))
    partial = work / "backup.zip"
    try:
        dump = work / "database"
        if kind == "sqlite":
            schema = _dump_sqlite(dump)
        else:
            schema = _database_schema()
            _dump_postgresql(dump)
        if not schema:
            raise BackupError("数据库尚未建立（从未迁移），没有可备份的内容")
        writer = archive.BackupWriter(partial)
        try:
            writer.add_database(kind, dump)
            dump.unlink()
            counts = {
                tree: writer.add_tree(tree, root, skip=(work, path))
                for tree, root in stored_trees().items()
            }
            manifest = writer.finish(
                Manifest(
                    gongkai_version=gongkai.__version__,
                    created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    engine=kind,
                    schema=schema,
                    trees=tuple(counts),
                )
            )
        except BaseException:
            writer.abort()
            raise
        os.replace(partial, path)
    except OSError as exc:
        raise BackupError(
            f"写入备份失败：{exc.strerror or exc}（{exc.filename or path}）"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BackupSummary(path, manifest, counts)


def _database_schema() -> dict[str, str]:
    try:
        return applied_schema()
    except DatabaseError as exc:
        raise BackupError(f"无法读取数据库：{exc}") from None


def _sqlite_name() -> str:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError("内存中的 SQLite 数据库不能备份或恢复")
    return name


def _dump_sqlite(target: Path) -> dict[str, str]:
    """Copy the database with SQLite's online backup API (one step, so one consistent
    snapshot; the server's writers wait at most for the copy) and read the schema from the
    copy itself."""
    name = _sqlite_name()
    if not Path(name).exists():
        raise BackupError(f"数据库文件不存在：{name}（尚未建库）")
    timeout = float(getattr(settings, "GONGKAI_SQLITE_TIMEOUT", 20))
    try:
        source = sqlite3.connect(name, timeout=timeout)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            # A self-contained file: no write-ahead log beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            try:
                rows = copy.execute("SELECT app, name FROM django_migrations").fetchall()
            except sqlite3.OperationalError:
                rows = []
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"复制 SQLite 数据库失败：{exc}") from None
    return archive.latest_migrations((str(app), str(mig)) for app, mig in rows)


def _client_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"未找到 PostgreSQL 客户端工具 {name}：请安装与数据库服务器同一主版本或更新的 "
            f"PostgreSQL 客户端（Debian/Ubuntu：apt install postgresql-client），"
            f"并确保 {name} 在 PATH 中"
        )
    return found


def _libpq() -> tuple[str, dict[str, str]]:
    """The connection string (without the password) and the environment (with it) for
    pg_dump and pg_restore, from the same settings Django connects with."""
    from psycopg.conninfo import make_conninfo

    params = connection.get_connection_params()
    password = params.pop("password", None) or connection.settings_dict.get("PASSWORD")
    keywords = {
        key: str(value)
        for key, value in params.items()
        if key in LIBPQ_KEYWORDS and isinstance(value, str | int) and str(value) != ""
    }
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return make_conninfo(**keywords), env


def _run(tool: str, arguments: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(
            [tool, *arguments], env=env, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise BackupError(f"无法运行 {tool}：{exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.strip().splitlines()[-3:])[-600:]
        hint = ""
        if "version mismatch" in detail or "unsupported version" in detail:
            hint = "（PostgreSQL 客户端工具的版本须不低于数据库服务器和生成备份时的版本）"
        name = Path(tool).name
        raise BackupError(f"{name} 执行失败（退出码 {done.returncode}）{hint}：{detail}")


def _dump_postgresql(target: Path) -> None:
    pg_dump = _client_tool("pg_dump")
    conninfo, env = _libpq()
    _run(pg_dump, ["--format=custom", f"--file={target}", f"--dbname={conninfo}"], env)


# -- restore --------------------------------------------------------------------------


def installation_contents() -> list[str]:
    """What the installation holds (empty list: nothing to lose): rows of users and of the
    platform's own models, and stored files. Tables migrate itself fills (content types,
    permissions) do not count."""
    found: list[str] = []
    try:
        tables = set(connection.introspection.table_names())
        user_model = get_user_model()
        for model in apps.get_models():
            own = model.__module__.startswith("gongkai.web.") or model is user_model
            if not own or model._meta.db_table not in tables or model._meta.proxy:
                continue
            count = model._default_manager.count()
            if count:
                found.append(f"{model._meta.verbose_name} {count} 条")
    except DatabaseError as exc:
        raise BackupError(f"无法读取数据库：{exc}") from None
    for tree, root in stored_trees().items():
        count = len(archive.stored_files(root))
        if count:
            found.append(f"{tree} 中的文件 {count} 个")
    return found


def restore(path: Path, *, force: bool = False) -> RestoreSummary:
    path = Path(path).resolve()
    with archive.BackupReader(path) as reader:
        manifest = reader.manifest
        _check_restorable(manifest, force=force)
        pg_restore = _client_tool("pg_restore") if manifest.engine == "postgresql" else ""
        var_dir = Path(settings.VAR_DIR)
        var_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".gongkai-restore-", dir=var_dir))
        try:
            reader.extract_verified(staging)
            database = staging / manifest.database_member
            if manifest.engine == "sqlite":
                _restore_sqlite(database)
            else:
                _restore_postgresql(pg_restore, database)
            counts = {}
            trees = stored_trees()
            for tree, root in trees.items():
                counts[tree] = archive.replace_tree(root, staging / archive.FILES_DIR / tree)
        except OSError as exc:
            raise BackupError(f"恢复文件失败：{exc.strerror or exc}（{exc.filename}）") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    try:
        call_command("migrate", interactive=False, verbosity=0)
        migrated = applied_schema() != manifest.schema
    except DatabaseError as exc:
        raise BackupError(f"数据库已恢复，但迁移到最新结构失败：{exc}") from None
    return RestoreSummary(path, manifest, counts, migrated)


def _check_restorable(manifest: Manifest, *, force: bool) -> None:
    here = engine()
    if manifest.engine != here:
        raise BackupError(
            f"此备份来自 {archive.ENGINES[manifest.engine]} 数据库，本安装使用 "
            f"{archive.ENGINES[here]}：只能恢复到同类数据库（请按备份时的 DATABASE_URL 设置）"
        )
    newer = archive.unknown_migrations(manifest.schema, known_migrations())
    if newer:
        shown = "、".join(newer[:5]) + ("等" if len(newer) > 5 else "")
        raise BackupError(
            f"此备份的数据库结构比本安装新（本安装没有这些迁移：{shown}），"
            f"请先把 gongkai 升级到 {manifest.gongkai_version} 或更新的版本再恢复"
        )
    unknown_trees = sorted(set(manifest.trees) - stored_trees().keys())
    if unknown_trees:
        raise BackupError(f"此备份含有本安装不认识的文件目录：{'、'.join(unknown_trees)}")
    if not force:
        contents = installation_contents()
        if contents:
            shown = "、".join(contents[:4]) + ("等" if len(contents) > 4 else "")
            raise BackupError(
                f"本安装已有数据（{shown}），恢复会整个覆盖它们。确认要覆盖，请加 --force 再运行"
            )


def _restore_sqlite(database: Path) -> None:
    """Write the backup's pages into the installation's database file with the backup API
    (the file keeps its name, and any connection still open sees the restored database)."""
    name = _sqlite_name()
    connections.close_all()
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    timeout = float(getattr(settings, "GONGKAI_SQLITE_TIMEOUT", 20))
    try:
        source = sqlite3.connect(database)
        target = sqlite3.connect(name, timeout=timeout)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"恢复 SQLite 数据库失败：{exc}") from None


def _restore_postgresql(pg_restore: str, dump: Path) -> None:
    """Drop every table of the installation, then ``pg_restore`` the dump in one
    transaction. The dump's table of contents is read first, so a dump pg_restore cannot
    read (a newer format) is refused before anything is dropped."""
    conninfo, env = _libpq()
    _run(pg_restore, ["--list", str(dump)], env)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    except DatabaseError as exc:
        raise BackupError(f"清空数据库失败：{exc}") from None
    connections.close_all()
    _run(
        pg_restore,
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(dump),
        ],
        env,
    )
