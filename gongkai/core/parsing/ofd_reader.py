"""OFD (GB/T 33190, China's fixed-layout format) → paragraphs and table rows, by position.

An OFD is a ZIP package: ``OFD.xml`` names the document (``DocBody/DocRoot``), whose
``Document.xml`` lists the pages (``Pages/Page/@BaseLoc``) and the templates drawn under
them (``CommonData/TemplatePage``). Each page's content holds text objects with their
characters' positions and path objects whose straight sides are the tables' rulings, as
a PDF's text layer does; ``ofd_page`` turns them into the PDF reader's characters and
edges, and the PDF reader's table geometry, furniture removal and joining of tables
across pages (``pdf_reader.page_lines``) do the rest, so both formats read alike.

The package is hostile until proven otherwise: its ZIP directory is checked before
anything is decompressed (sizes, ratios, parts, encryption: the DOCX limits), every XML
part is parsed without entities, DTDs, network or huge-tree support, and a part that
declares a DTD is refused outright.
"""

from __future__ import annotations

import io
import posixpath
import time
import zipfile
from typing import Any

from gongkai.core.errors import InputError
from gongkai.core.parsing.document import SourceDocument
from gongkai.core.parsing.grid import cell_text
from gongkai.core.parsing.limits import (
    MAX_OFD_PAGES,
    OFD_TIME_BUDGET_SECONDS,
    check_zip_directory,
)
from gongkai.core.parsing.ofd_page import POINTS_PER_MM, PageObjects, local, numbers
from gongkai.core.parsing.pdf_page import PageContent
from gongkai.core.parsing.pdf_reader import page_lines

_A4_MM = (210.0, 297.0)  # the page size when neither page nor document gives one
_MAX_PAGE_MM = 2000.0  # A0 is 841 × 1189 mm; a larger page is an attack on the geometry
_HOSTILE_DTD = "OFD 文件的 {} 含有 DTD 或实体声明，疑为恶意文件，未读取。"


def check_container(data: bytes) -> zipfile.ZipFile:
    """The opened package, once its directory shows no bomb, encryption or missing root."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError("OFD 文件已损坏（不是有效的 ZIP 容器），无法读取。") from exc
    infos = package.infolist()
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError("OFD 文件的部件已加密，无法读取；请提供未加密的文件。")
    check_zip_directory(infos, "OFD 文件")
    if "OFD.xml" not in package.namelist():
        raise InputError("ZIP 文件中没有 OFD 入口文件（OFD.xml），不是 OFD 文档，无法读取。")
    return package


def read_ofd(data: bytes) -> SourceDocument:
    started = time.monotonic()
    with check_container(data) as package:
        parts = _Parts(package)
        root = parts.xml("OFD.xml")
        body = _child(root, "DocBody")
        doc_root = _child(body, "DocRoot") if body is not None else None
        if doc_root is None or not (doc_root.text or "").strip():
            raise InputError("OFD 文件不完整：OFD.xml 中没有文档入口（DocBody/DocRoot）。")
        info = _child(body, "DocInfo")
        title_node = _child(info, "Title") if info is not None else None
        document_name = parts.resolve("", doc_root.text or "")
        document = parts.xml(document_name)
        base = posixpath.dirname(document_name)
        common = _child(document, "CommonData")
        default_size = _page_size(common, "PageArea", _A4_MM)
        templates = {
            t.get("ID"): t.get("BaseLoc") or ""
            for t in _children(common, "TemplatePage")
            if t.get("ID")
        }
        pages = list(_children(_child(document, "Pages"), "Page"))
        if not pages:
            raise InputError("OFD 文件中没有页面，无法读取。")
        if len(pages) > MAX_OFD_PAGES:
            raise InputError(f"OFD 共{len(pages)}页，超过{MAX_OFD_PAGES}页的上限，未读取。")
        read: list[tuple[int, PageContent]] = []
        pages_without_text: list[int] = []
        for number, page in enumerate(pages, start=1):
            if time.monotonic() - started > OFD_TIME_BUDGET_SECONDS:
                raise InputError(
                    f"OFD 读取超过{OFD_TIME_BUDGET_SECONDS:.0f}秒仍未读完"
                    f"（读到第{number}页，共{len(pages)}页），已停止。"
                )
            location = page.get("BaseLoc") or ""
            if not location:
                raise InputError(f"OFD 文件不完整：第{number}页没有内容位置（BaseLoc）。")
            name = parts.resolve(base, location)
            content = parts.xml(name, f"第{number}页的内容")
            width, height = _page_size(_child(content, "Area"), "", default_size)
            objects = PageObjects(width * POINTS_PER_MM, height * POINTS_PER_MM)
            # each template once: a page naming one a thousand times must not multiply it
            named = dict.fromkeys(t.get("TemplateID") for t in _children(content, "Template"))
            for template_id in named:
                where = templates.get(template_id)
                if where:  # a template the document does not declare draws nothing
                    objects.add_content(parts.xml(parts.resolve(base, where), "页面模板"))
            objects.add_content(content)
            page_content = PageContent(
                width * POINTS_PER_MM,
                height * POINTS_PER_MM,
                objects.chars,
                objects.edges,
                objects.images,
                objects.paths,
            )
            if page_content.visible_chars() == 0:
                if objects.images:  # a scanned page: OFD images are not OCR'd (yet)
                    pages_without_text.append(number)
                continue
            read.append((number, page_content))
    if not read:
        raise InputError(
            "OFD 文件中没有文字（可能是扫描件，每页只有图片），暂无法读取；请提供有文字的版本。"
        )
    title = title_node.text if title_node is not None else None
    meta: dict[str, Any] = {
        "title": cell_text(title) or None if title else None,
        "pages": len(pages),
        "pages_without_text": pages_without_text,
    }
    return SourceDocument(page_lines(read), "ofd", meta)


class _Parts:
    """The package's XML parts, read safely and by the locations the parts give."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        from lxml import etree

        self.package = package
        self.names = set(package.namelist())
        self.etree = etree
        self.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
        )
        self.cache: dict[str, Any] = {}  # a template is drawn under many pages

    def resolve(self, base: str, location: str) -> str:
        """A part's name from a location: absolute ("/Doc_0/…"), or relative to the
        referring part's folder, or (as some producers write it) to the package root."""
        location = location.strip().replace("\\", "/")
        if location.startswith("/"):
            return posixpath.normpath(location.lstrip("/"))
        relative = posixpath.normpath(posixpath.join(base, location))
        if relative in self.names:
            return relative
        return posixpath.normpath(location)

    def xml(self, name: str, what: str | None = None) -> Any:
        if name in self.cache:
            return self.cache[name]
        if name not in self.names:
            raise InputError(f"OFD 文件不完整：缺少{what or '部件'}（{name}）。")
        data = self.package.read(name)
        # OFD has no DTD: one in a part can only be there to attack the parser (entity
        # expansion). Looked for in the bytes first (a few ms on the largest part); a
        # DTD in another encoding is caught by libxml2's limits or the tree's docinfo.
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise InputError(_HOSTILE_DTD.format(name))
        try:
            root = self.etree.fromstring(data, self.parser)
        except self.etree.XMLSyntaxError as exc:
            if "entit" in str(exc.msg).lower():  # libxml2 refusing to amplify entities
                raise InputError(_HOSTILE_DTD.format(name)) from exc
            raise InputError(f"OFD 文件已损坏：{name} 不是有效的 XML（{exc.msg}）。") from exc
        if root.getroottree().docinfo.internalDTD is not None:
            raise InputError(_HOSTILE_DTD.format(name))
        self.cache[name] = root
        return root


def _child(element: Any, name: str) -> Any:
    if element is None:
        return None
    return next((c for c in element if local(c) == name), None)


def _children(element: Any, name: str) -> list[Any]:
    return [] if element is None else [c for c in element if local(c) == name]


def _page_size(area: Any, wrapper: str, default: tuple[float, float]) -> tuple[float, float]:
    """Width and height (mm) from a PhysicalBox "x y w h", or the default."""
    holder = _child(area, wrapper) if wrapper else area
    physical = _child(holder, "PhysicalBox")
    box = numbers(physical.text) if physical is not None else None
    if box is None or len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        return default
    if max(box[2], box[3]) > _MAX_PAGE_MM:
        raise InputError(
            f"OFD 页面尺寸异常（{box[2]:.0f}×{box[3]:.0f}毫米，"
            f"上限{_MAX_PAGE_MM:.0f}毫米），未读取。"
        )
    return box[2], box[3]
