"""The backup archive of an installation: layout, manifest, hashes (no Django here).

A backup is one ZIP file (readable anywhere, and its central directory lets the manifest be
read without unpacking the rest)::

    database/gongkai.sqlite3     SQLite: a copy made with SQLite's online backup API
    database/gongkai.pgdump      PostgreSQL: ``pg_dump --format=custom``
    files/<tree>/<path>          every stored file, per tree (``media``: letters, uploads,
                                 proof scans; ``report-files``: published report versions)
    manifest.json                written last, read first

The manifest records the format, the gongkai version, the time (UTC), the database engine,
the schema (the latest applied migration per app) and the SHA-256 and size of every other
member; it is computed from the very bytes written, so a file that changes while the
backup runs cannot make the archive disagree with itself. Reading checks every member
against it before anything is restored (:meth:`BackupReader.extract_verified`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any

from gongkai.core.errors import GongkaiError

FORMAT = "gongkai-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_DIR = "database"
FILES_DIR = "files"
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DATABASE_MEMBERS = {
    "sqlite": f"{DATABASE_DIR}/gongkai.sqlite3",
    "postgresql": f"{DATABASE_DIR}/gongkai.pgdump",
}
CHUNK = 1 << 20
_TREE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MIGRATION_NUMBER = re.compile(r"^(\d+)")


class BackupError(GongkaiError):
    """A backup cannot be written or restored; the message says why, in Chinese."""


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    gongkai_version: str
    created_at: str  # ISO 8601, UTC
    engine: str  # a key of ENGINES
    schema: dict[str, str]  # app label → latest applied migration
    trees: tuple[str, ...]  # the stored-file trees the backup covers (possibly empty ones)
    files: dict[str, FileEntry] = field(default_factory=dict)  # every member but the manifest
    format_version: int = FORMAT_VERSION

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.engine]

    def tree_files(self, tree: str) -> list[str]:
        """The members of one tree, as paths relative to the tree."""
        prefix = f"{FILES_DIR}/{tree}/"
        return sorted(name[len(prefix) :] for name in self.files if name.startswith(prefix))

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": self.format_version,
            "gongkai_version": self.gongkai_version,
            "created_at": self.created_at,
            "database": {"engine": self.engine, "member": self.database_member},
            "schema": dict(sorted(self.schema.items())),
            "trees": list(self.trees),
            "files": {
                name: {"sha256": entry.sha256, "size": entry.size}
                for name, entry in sorted(self.files.items())
            },
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        """Parse and validate a manifest; BackupError for anything malformed."""
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise BackupError(
                "备份清单（manifest.json）不是有效的 JSON，备份文件可能已损坏"
            ) from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise BackupError("这不是 gongkai 的备份文件（备份清单格式不符）")
        version = document.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise BackupError("备份清单缺少格式版本号，备份文件可能已损坏")
        if version > FORMAT_VERSION:
            raise BackupError(
                f"此备份由更新版本的 gongkai 生成（备份格式 {version}，本程序只认识到 "
                f"{FORMAT_VERSION}），请先升级 gongkai 再恢复"
            )
        try:
            engine = document["database"]["engine"]
            schema = document["schema"]
            files = document["files"]
            manifest = cls(
                gongkai_version=_text(document["gongkai_version"]),
                created_at=_text(document["created_at"]),
                engine=_text(engine),
                schema={_text(app): _text(name) for app, name in schema.items()},
                trees=tuple(_text(tree) for tree in document["trees"]),
                files={
                    _text(name): FileEntry(_sha256_text(info["sha256"]), _size(info["size"]))
                    for name, info in files.items()
                },
                format_version=version,
            )
        except (KeyError, TypeError, AttributeError, ValueError):
            raise BackupError("备份清单内容不完整或格式不符，备份文件可能已损坏") from None
        if manifest.engine not in ENGINES:
            raise BackupError(f"备份清单中的数据库类型“{manifest.engine}”无法识别")
        for tree in manifest.trees:
            if not _TREE_NAME.match(tree):
                raise BackupError(f"备份清单中的文件目录名“{tree}”不合规")
        for name in manifest.files:
            check_member_name(name, manifest.trees)
        if manifest.database_member not in manifest.files:
            raise BackupError("备份清单中没有数据库文件，备份文件不完整")
        return manifest


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _sha256_text(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[0-9a-f]{64}", text):
        raise ValueError(text)
    return text


def _size(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(value)
    return value


def check_member_name(name: str, trees: Iterable[str]) -> None:
    """Refuse a member name that could escape the restore folder or is not in the layout."""
    path = PurePosixPath(name)
    parts = path.parts
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise BackupError(f"备份中的文件名“{name}”不安全，拒绝恢复")
    if name in DATABASE_MEMBERS.values():
        return
    if len(parts) >= 3 and parts[0] == FILES_DIR and parts[1] in set(trees):
        return
    raise BackupError(f"备份中有不属于备份格式的文件“{name}”，拒绝恢复")


def latest_migrations(applied: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The latest applied migration per app, by its number (then its name)."""

    def order(name: str) -> tuple[int, str]:
        number = _MIGRATION_NUMBER.match(name)
        return (int(number.group(1)) if number else -1, name)

    latest: dict[str, str] = {}
    for app, name in applied:
        if app not in latest or order(name) > order(latest[app]):
            latest[app] = name
    return dict(sorted(latest.items()))


def unknown_migrations(schema: Mapping[str, str], known: Mapping[str, Iterable[str]]) -> list[str]:
    """The backup's migrations this installation does not have (``app.migration``): the
    backup comes from a newer schema."""
    missing = []
    for app, name in sorted(schema.items()):
        if name not in set(known.get(app, ())):
            missing.append(f"{app}.{name}")
    return missing


def stored_files(root: Path, *, skip: Iterable[Path] = ()) -> list[tuple[str, Path]]:
    """Every regular file under ``root`` as (relative POSIX path, path), sorted; links and
    what is at or under the paths in ``skip`` are left out. A missing root has no files."""
    skipped = tuple(os.path.realpath(path) for path in skip)
    found: list[tuple[str, Path]] = []
    if not root.is_dir():
        return found
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in names:
            path = Path(folder) / name
            real = os.path.realpath(path)
            if path.is_symlink() or not path.is_file() or _under(real, skipped):
                continue
            found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def _under(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root + os.sep) for root in roots)


def _copy_hashing(source: IO[bytes], target: IO[bytes], limit: int | None = None) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if limit is not None and size > limit:
            break  # longer than the manifest says: no need to read (or write) the rest
        digest.update(chunk)
        target.write(chunk)
    return FileEntry(digest.hexdigest(), size)


class BackupWriter:
    """Writes the archive; the manifest goes in last, from the hashes of what was written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        self.files: dict[str, FileEntry] = {}

    def add_file(self, name: str, source: Path) -> FileEntry:
        info = zipfile.ZipInfo.from_file(source, name)  # keeps the file's time
        info.compress_type = zipfile.ZIP_DEFLATED
        with source.open("rb") as handle, self._zip.open(info, "w", force_zip64=True) as member:
            entry = _copy_hashing(handle, member)
        self.files[name] = entry
        return entry

    def add_database(self, engine: str, source: Path) -> FileEntry:
        return self.add_file(DATABASE_MEMBERS[engine], source)

    def add_tree(self, tree: str, root: Path, *, skip: Iterable[Path] = ()) -> int:
        if not _TREE_NAME.match(tree):
            raise ValueError(tree)
        count = 0
        for relative, path in stored_files(root, skip=skip):
            try:
                self.add_file(f"{FILES_DIR}/{tree}/{relative}", path)
            except FileNotFoundError:
                continue  # removed since the listing (a failed step's file): not stored
            count += 1
        return count

    def finish(self, manifest: Manifest) -> Manifest:
        final = Manifest(
            gongkai_version=manifest.gongkai_version,
            created_at=manifest.created_at,
            engine=manifest.engine,
            schema=manifest.schema,
            trees=manifest.trees,
            files=dict(self.files),
        )
        self._zip.writestr(MANIFEST_NAME, final.to_json())
        self._zip.close()
        return final

    def abort(self) -> None:
        self._zip.close()


class BackupReader:
    """An archive opened for restoring: the manifest at once, the members after checking."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.exists():
            raise BackupError(f"找不到备份文件：{path}")
        if not path.is_file():
            raise BackupError(f"不是文件：{path}")
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
            raise BackupError(
                f"{path} 不是有效的 gongkai 备份文件（无法作为 ZIP 读取，可能已损坏）"
            ) from None
        try:
            data = self._zip.read(MANIFEST_NAME)
        except KeyError:
            self._zip.close()
            raise BackupError(
                f"{path} 中没有备份清单（manifest.json），不是 gongkai 的备份文件"
            ) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
            self._zip.close()
            raise BackupError(f"{path} 的备份清单无法读取，备份文件已损坏") from None
        self.manifest = Manifest.from_json(data)

    def __enter__(self) -> BackupReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def extract_verified(self, target: Path) -> None:
        """Unpack every member under ``target`` (same relative names), checking each one's
        size and SHA-256 against the manifest and that no member is missing or extra.
        BackupError, listing what failed, before anything else is done with them."""
        manifest = self.manifest
        members = [info for info in self._zip.infolist() if info.filename != MANIFEST_NAME]
        names = {info.filename for info in members}
        problems: list[str] = []
        for name in sorted(names - manifest.files.keys()):
            problems.append(f"清单中没有的文件：{name}")
        for name in sorted(manifest.files.keys() - names):
            problems.append(f"缺少文件：{name}")
        if len(names) != len(members):
            problems.append("有重复的文件名")
        for info in members:
            expected = manifest.files.get(info.filename)
            if expected is None:
                continue
            if info.is_dir():
                problems.append(f"不是普通文件：{info.filename}")
                continue
            destination = target / info.filename
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                with self._zip.open(info) as source, destination.open("wb") as out:
                    found = _copy_hashing(source, out, limit=expected.size)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError):
                problems.append(f"已损坏，无法读出：{info.filename}")
                continue
            except OSError as exc:  # the disk, not the archive
                raise BackupError(f"无法写入临时目录 {target}：{exc.strerror or exc}") from None
            if found != expected:
                problems.append(f"校验值不符：{info.filename}")
        if problems:
            shown = "；".join(problems[:10])
            more = f"；等共 {len(problems)} 处" if len(problems) > 10 else ""
            raise BackupError(
                f"备份文件校验失败，未做任何恢复（文件被改动或已损坏）：{shown}{more}"
            )


def replace_tree(root: Path, staged: Path) -> int:
    """Make ``root`` hold exactly the files under ``staged`` (moved there); return how many."""
    root.mkdir(parents=True, exist_ok=True)
    for child in list(root.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    count = 0
    if staged.is_dir():
        for child in list(staged.iterdir()):
            shutil.move(str(child), str(root / child.name))
        count = sum(1 for _ in _files_under(root))
    return count


def _files_under(root: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            yield Path(folder) / name
