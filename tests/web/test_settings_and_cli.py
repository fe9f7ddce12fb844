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


def test_serve_runs_gunicorn_workers_waitress_with_one_and_runserver_with_dev(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real server with the burst settings (listen backlog 128, a thread pool, a
    connection limit): gunicorn with one process per core where it runs, waitress with one
    process (``--workers 1``, or Windows); Django's development server only with --dev."""
    import waitress

    from gongkai.cli import serve_cmd

    monkeypatch.setattr(serve_cmd, "prepare", lambda **kw: ["数据库已迁移到最新结构。"])
    monkeypatch.setattr(serve_cmd, "default_workers", lambda: 2)
    forked: list[tuple[object, ...]] = []
    monkeypatch.setattr(serve_cmd, "_serve_gunicorn", lambda *a: forked.append(a) or 0)
    served: dict[str, object] = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: served.update(kw, app=app))

    args = build_parser().parse_args(["serve", "--port", "8123", "--no-demo"])
    assert args.dev is False and args.threads == serve_cmd.DEFAULT_THREADS
    assert args.func(args) == 0
    assert not served
    app, host, port, workers, threads = forked[0]
    assert callable(app) and (host, port, workers, threads) == ("127.0.0.1", 8123, 2, 8)

    monkeypatch.setattr(serve_cmd, "gunicorn_available", lambda: False)  # Windows
    assert args.func(args) == 0
    assert len(forked) == 1 and served["port"] == 8123

    served.clear()
    monkeypatch.setattr(serve_cmd, "gunicorn_available", lambda: True)
    one = build_parser().parse_args(["serve", "--port", "8123", "--no-demo", "--workers", "1"])
    assert one.func(one) == 0
    assert len(forked) == 1
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


def test_gunicorn_runs_threaded_workers_on_one_socket() -> None:
    """The options reach gunicorn's own configuration: threaded workers, the backlog of 128,
    each worker taking no more connections than it can soon serve, IPv6 bound in brackets."""
    from gongkai.cli import serve_cmd

    options = serve_cmd.gunicorn_options("::1", 8123, workers=3, threads=4)
    config = serve_cmd.gunicorn_server(lambda environ, start: [], options).cfg
    assert config.bind == ["[::1]:8123"]
    assert (config.workers, config.worker_class_str, config.threads) == (3, "gthread", 4)
    assert config.backlog == serve_cmd.LISTEN_BACKLOG
    assert config.worker_connections == 8
    assert config.timeout == serve_cmd.WORKER_TIMEOUT
    assert config.accesslog is None
    assert serve_cmd.default_workers() >= 1


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
