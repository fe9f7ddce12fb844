from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.cli.main import build_parser
from gongkai.core.errors import GongkaiError
from gongkai.web.dburl import parse_database_url


def test_postgres_url_is_parsed() -> None:
    db = parse_database_url(
        "postgres://user:p%40ss@db.example:6543/gongkai?sslmode=require", base_dir=Path("/x")
    )
    assert db == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "gongkai",
        "USER": "user",
        "PASSWORD": "p@ss",
        "HOST": "db.example",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }


def test_sqlite_urls_relative_and_absolute() -> None:
    base = Path("/srv/app")
    assert parse_database_url("sqlite:///var/db.sqlite3", base_dir=base)["NAME"] == (
        "/srv/app/var/db.sqlite3"
    )
    assert parse_database_url("sqlite:////tmp/db.sqlite3", base_dir=base)["NAME"] == (
        "/tmp/db.sqlite3"
    )


def test_unknown_or_incomplete_urls_are_refused_in_chinese() -> None:
    with pytest.raises(GongkaiError, match="不支持"):
        parse_database_url("mysql://x@y/z", base_dir=Path("."))
    with pytest.raises(GongkaiError, match="数据库名"):
        parse_database_url("postgres://x@y", base_dir=Path("."))


def test_serve_command_is_registered() -> None:
    args = build_parser().parse_args(["serve", "--port", "8123", "--no-demo"])
    assert (args.host, args.port, args.no_demo) == ("127.0.0.1", 8123, True)
