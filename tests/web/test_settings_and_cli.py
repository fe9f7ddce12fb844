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


def test_serve_runs_waitress_by_default_and_runserver_with_dev(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real server with the burst settings (listen backlog 128, a thread pool, a
    connection limit); Django's development server only with --dev."""
    import waitress

    from gongkai.cli import serve_cmd

    monkeypatch.setattr(serve_cmd, "prepare", lambda **kw: ["数据库已迁移到最新结构。"])
    served: dict[str, object] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: served.update(kw, app=app))
    args = build_parser().parse_args(["serve", "--port", "8123", "--no-demo"])
    assert args.dev is False and args.threads == serve_cmd.DEFAULT_THREADS
    assert args.func(args) == 0
    assert served["port"] == 8123 and served["host"] == "127.0.0.1"
    assert served["backlog"] == serve_cmd.LISTEN_BACKLOG == 128
    assert served["threads"] == serve_cmd.DEFAULT_THREADS
    assert served["connection_limit"] == serve_cmd.CONNECTION_LIMIT
    assert callable(served["app"])

    ran: list[tuple[object, ...]] = []
    monkeypatch.setattr("django.core.management.call_command", lambda *a, **kw: ran.append(a))
    dev = build_parser().parse_args(["serve", "--no-demo", "--dev", "--threads", "3"])
    assert dev.func(dev) == 0
    assert ran and ran[0][1] == "127.0.0.1:8000"
    assert ran[0][0].server_cls.request_queue_size == 128


@pytest.mark.django_db
def test_static_files_are_served_without_debug_or_collectstatic() -> None:
    """WhiteNoise serves the admin's and the API docs' files from the apps' folders."""
    from django.conf import settings
    from django.test import Client

    assert not settings.DEBUG
    client = Client()
    response = client.get("/static/admin/css/base.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    response.close()
    assert client.get("/static/no-such-file.css").status_code == 404
