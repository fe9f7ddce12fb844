"""The backup archive without Django: layout, manifest, hashes, and what a reader refuses."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from gongkai.core import backup as archive
from gongkai.core.backup import BackupError, BackupReader, BackupWriter, Manifest

SCHEMA = {"applications": "0005_clean_stored_text", "auth": "0012_alter_user"}


def _installation(root: Path) -> tuple[Path, Path, Path]:
    database = root / "db.sqlite3"
    database.write_bytes(b"SQLite format 3\x00" + bytes(1000))
    media = root / "media"
    (media / "letters" / "2026").mkdir(parents=True)
    (media / "letters" / "2026" / "告知书.pdf").write_bytes(b"%PDF-1.7 letter")
    (media / "service-proofs").mkdir()
    (media / "service-proofs" / "scan.png").write_bytes(bytes(range(256)))
    reports = root / "report-files"  # absent: a tree with no files
    return database, media, reports


def _write(root: Path, **changes: object) -> tuple[Path, Manifest]:
    database, media, reports = _installation(root)
    path = root / "backup.zip"
    writer = BackupWriter(path)
    writer.add_database("sqlite", database)
    counts = {
        "media": writer.add_tree("media", media),
        "report-files": writer.add_tree("report-files", reports),
    }
    assert counts == {"media": 2, "report-files": 0}
    fields: dict[str, object] = {
        "gongkai_version": "0.1.0",
        "created_at": "2026-12-06T12:00:00+00:00",
        "engine": "sqlite",
        "schema": SCHEMA,
        "trees": ("media", "report-files"),
        **changes,
    }
    return path, writer.finish(Manifest(**fields))  # type: ignore[arg-type]


def _rewrite(source: Path, target: Path, *, member: str, data: bytes | None) -> None:
    """Copy the archive with one member replaced (``data``) or, with None, left out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename == member:
                if data is not None:
                    new.writestr(info, data)
            else:
                new.writestr(info, old.read(info))


def test_round_trip_keeps_every_byte_and_the_manifest(tmp_path: Path) -> None:
    path, written = _write(tmp_path)
    with zipfile.ZipFile(path) as raw:
        names = raw.namelist()
    assert names[0] == "database/gongkai.sqlite3" and names[-1] == "manifest.json"
    with BackupReader(path) as reader:
        assert reader.manifest == written
        reader.extract_verified(tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "database/gongkai.sqlite3").read_bytes() == (tmp_path / "db.sqlite3").read_bytes()
    assert (out / "files/media/letters/2026/告知书.pdf").read_bytes() == b"%PDF-1.7 letter"
    assert written.tree_files("media") == ["letters/2026/告知书.pdf", "service-proofs/scan.png"]
    document = json.loads(written.to_json())
    assert document["database"] == {"engine": "sqlite", "member": "database/gongkai.sqlite3"}
    assert document["schema"] == SCHEMA and document["format_version"] == 1
    entry = document["files"]["files/media/service-proofs/scan.png"]
    assert entry["size"] == 256 and len(entry["sha256"]) == 64


def test_replace_tree_leaves_exactly_the_restored_files(tmp_path: Path) -> None:
    root = tmp_path / "media"
    (root / "old").mkdir(parents=True)
    (root / "old" / "stale.txt").write_text("x")
    staged = tmp_path / "staged"
    (staged / "letters").mkdir(parents=True)
    (staged / "letters" / "a.pdf").write_bytes(b"a")
    assert archive.replace_tree(root, staged) == 1
    assert [p for p, _ in archive.stored_files(root)] == ["letters/a.pdf"]
    assert archive.replace_tree(root, tmp_path / "absent") == 0
    assert archive.stored_files(root) == []


@pytest.mark.parametrize(
    ("member", "data", "message"),
    [
        ("files/media/service-proofs/scan.png", b"changed", "校验值不符：files/media/service"),
        ("database/gongkai.sqlite3", b"", "校验值不符：database/gongkai.sqlite3"),
        ("files/media/letters/2026/告知书.pdf", None, "缺少文件：files/media/letters"),
    ],
)
def test_a_changed_or_missing_member_is_refused_before_anything_is_restored(
    tmp_path: Path, member: str, data: bytes | None, message: str
) -> None:
    path, _ = _write(tmp_path)
    tampered = tmp_path / "tampered.zip"
    _rewrite(path, tampered, member=member, data=data)
    with BackupReader(tampered) as reader, pytest.raises(BackupError, match=message) as caught:
        reader.extract_verified(tmp_path / "out")
    assert "未做任何恢复" in str(caught.value)


def test_an_extra_member_is_refused(tmp_path: Path) -> None:
    path, _ = _write(tmp_path)
    with zipfile.ZipFile(path, "a") as raw:
        raw.writestr("files/media/smuggled.txt", b"not in the manifest")
    with BackupReader(path) as reader, pytest.raises(BackupError, match="清单中没有的文件"):
        reader.extract_verified(tmp_path / "out")


def test_corrupt_bytes_are_refused(tmp_path: Path) -> None:
    path, _ = _write(tmp_path)
    data = bytearray(path.read_bytes())
    start = data.index(b"database/gongkai.sqlite3") + 40  # inside the compressed database
    data[start : start + 20] = bytes(20)
    path.write_bytes(bytes(data))
    with BackupReader(path) as reader, pytest.raises(BackupError, match=r"损坏|校验值不符"):
        reader.extract_verified(tmp_path / "out")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "找不到备份文件"),
        (b"plain text, not a zip", "不是有效的 gongkai 备份文件"),
    ],
)
def test_missing_or_unreadable_files_are_refused(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "backup.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BackupError, match=message):
        BackupReader(path)


def test_a_zip_without_manifest_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as raw:
        raw.writestr("readme.txt", "hello")
    with pytest.raises(BackupError, match="没有备份清单"):
        BackupReader(path)


def _manifest_document(**changes: object) -> bytes:
    document = {
        "format": "gongkai-backup",
        "format_version": 1,
        "gongkai_version": "0.1.0",
        "created_at": "2026-12-06T12:00:00+00:00",
        "database": {"engine": "sqlite", "member": "database/gongkai.sqlite3"},
        "schema": SCHEMA,
        "trees": ["media"],
        "files": {"database/gongkai.sqlite3": {"sha256": "0" * 64, "size": 3}},
        **changes,
    }
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "something-else"}, "不是 gongkai 的备份文件"),
        ({"format_version": 2}, "更新版本的 gongkai 生成"),
        ({"schema": ["not", "a", "mapping"]}, "不完整或格式不符"),
        ({"database": {"engine": "oracle"}}, "数据库类型“oracle”无法识别"),
        ({"files": {}}, "没有数据库文件"),
        ({"files": {"database/gongkai.sqlite3": {"sha256": "xyz", "size": 3}}}, "格式不符"),
        ({"files": {"../../etc/passwd": {"sha256": "0" * 64, "size": 1}}}, "不安全"),
        ({"files": {"/etc/passwd": {"sha256": "0" * 64, "size": 1}}}, "不安全"),
        ({"files": {"files/elsewhere/x": {"sha256": "0" * 64, "size": 1}}}, "不属于备份格式"),
    ],
)
def test_malformed_manifests_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(BackupError, match=message):
        Manifest.from_json(_manifest_document(**changes))


def test_not_json_is_refused() -> None:
    with pytest.raises(BackupError, match="不是有效的 JSON"):
        Manifest.from_json(b"\xff{")


def test_latest_migration_per_app_and_the_ones_this_installation_lacks() -> None:
    applied = [
        ("auth", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("auth", "0002_alter_permission_name_max_length"),
        ("applications", "0010_later"),
        ("applications", "0009_earlier"),
    ]
    latest = archive.latest_migrations(applied)
    assert latest == {
        "applications": "0010_later",
        "auth": "0012_alter_user_first_name_max_length",
    }
    known = {"auth": {"0012_alter_user_first_name_max_length"}, "applications": {"0009_earlier"}}
    assert archive.unknown_migrations(latest, known) == ["applications.0010_later"]
    assert archive.unknown_migrations({"procrastinate": "0001_initial"}, known) == [
        "procrastinate.0001_initial"
    ]
