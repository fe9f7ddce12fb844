"""``DATABASE_URL`` → Django's DATABASES entry, without a dj-database-url dependency."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from gongkai.core.errors import GongkaiError

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}


def parse_database_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """Support ``postgres://user:pass@host:port/name?opt=v`` and ``sqlite:///path``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as dj-database-url reads them.
        raw = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if raw in ("", ":memory:"):
            return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        path = Path(raw)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path if path.is_absolute() else base_dir / path),
        }
    if scheme in POSTGRES_SCHEMES:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise GongkaiError("DATABASE_URL 缺少数据库名，例如 postgres://user@host:5432/gongkai")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": dict(parse_qsl(parts.query)),
        }
    raise GongkaiError(
        f"不支持的 DATABASE_URL 类型：{parts.scheme or url}（支持 postgres:// 与 sqlite://）"
    )
