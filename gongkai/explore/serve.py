"""``gongkai explore --serve``: the same page on 127.0.0.1, with filters (year, kind,
level, province, agency) applied to the corpus before the views are computed, and every
view's table exported as CSV or XLSX. Standard library server: one user, local only."""

from __future__ import annotations

import dataclasses
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import polars as pl

from gongkai.explore import export
from gongkai.explore.corpus import Corpus
from gongkai.explore.page import render
from gongkai.explore.views import View, all_views

FILTERS = (("year", "年度"), ("kind", "类别"), ("level", "层级"), ("province", "省份"))


def filtered(corpus: Corpus, query: dict[str, str]) -> Corpus:
    reports = corpus.reports
    for key, _ in FILTERS:
        value = query.get(key, "")
        if value:
            column = pl.col(key).cast(pl.String)
            reports = reports.filter(column == value)
    if query.get("agency"):
        reports = reports.filter(pl.col("agency").str.contains(query["agency"], literal=True))
    return dataclasses.replace(corpus, reports=reports)


def filters_form(corpus: Corpus, query: dict[str, str]) -> str:
    parts = ['<form class="filters" method="get">']
    for key, label in FILTERS:
        values = sorted(str(v) for v in corpus.reports[key].drop_nulls().unique().to_list())
        options = "".join(
            f'<option value="{escape(v)}"{" selected" if query.get(key) == v else ""}>'
            f"{escape(v)}</option>"
            for v in values
        )
        parts.append(
            f'<select name="{key}" aria-label="{label}"><option value="">全部{label}</option>'
            f"{options}</select>"
        )
    agency = escape(query.get("agency", ""))
    parts.append(
        f'<input name="agency" placeholder="机关名称包含…" value="{agency}">'
        '<button type="submit">筛选</button></form>'
    )
    return "".join(parts)


def make_handler(corpus: Corpus, subtitle: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            views = all_views(filtered(corpus, query))
            if url.path in ("/", "/index.html"):
                qs = "?" + urlencode(query) if query else ""
                page = render(views, subtitle, filters_html=filters_form(corpus, query), exports=qs)
                self._send(200, "text/html; charset=utf-8", page.encode())
                return
            if url.path.startswith("/export/"):
                name, _, ext = url.path.removeprefix("/export/").partition(".")
                view = next((v for v in views if v.id == name), None)
                if view is not None and ext in ("csv", "xlsx"):
                    self._export(view, ext)
                    return
            self._send(404, "text/plain; charset=utf-8", "没有这个页面。".encode())

        def _export(self, view: View, ext: str) -> None:
            if ext == "csv":
                body, kind = export.to_csv(view), "text/csv; charset=utf-8"
            else:
                body = export.to_xlsx(view)
                kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Disposition", f'attachment; filename="{view.id}.{ext}"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # a local tool: no access log on the terminal

    return Handler


def server(corpus: Corpus, subtitle: str, port: int) -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("127.0.0.1", port), make_handler(corpus, subtitle))
