"""The import contract: which layer of gongkai may import which (docs/architecture.md).

Read from the source with ``ast`` (nothing is imported), so it holds for imports inside
functions too: a lazy import upward is still a dependency upward. The layers, bottom first:

* ``gongkai.core``: plain Python; imports nothing of gongkai outside itself, and no Django.
* ``gongkai.ingest``: core only, no Django.
* ``gongkai.web``, bottom to top (each may import the layers below it, never a sibling):
  the kernel and the shell's plain helper modules → the base apps (agencies, tasks) → the
  catalogue → the cases (applications) → the apps on cases (fees, remedies, reports,
  workcalendar, portal) → the composition (home, api, demo, backup) → the entry points.
* ``gongkai.cli``: anything.

And no module of gongkai imports itself in a circle. A new module or app must be placed in
a layer below (the test names it); see "Where new code goes" in docs/architecture.md.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gongkai"

# gongkai.web's units (an app or a top-level module), bottom layer first. Within the kernel
# layer the plain helpers may use each other (settings reads dburl); in every other layer
# the units are siblings and independent.
WEB_LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "kernel",
        frozenset(
            {
                "kernel",
                "client_address",
                "dbretry",
                "dburl",
                "errors",
                "axes_app",
                "form_rendering",
                "layout",
                "read_only_admin",
                "request_id",
                "security_headers",
                "text_input",
            }
        ),
    ),
    ("base apps", frozenset({"agencies", "tasks"})),
    # A case may point at what the catalogue published (a reply's 答复附件 can be a
    # catalogue file); the catalogue knows nothing of cases.
    ("catalogue", frozenset({"catalogue"})),
    ("cases", frozenset({"applications"})),
    ("apps on cases", frozenset({"fees", "remedies", "reports", "workcalendar", "portal"})),
    # site_context: the frame's context processor, reads the user's agencies.
    ("composition", frozenset({"home", "api", "demo", "backup", "site_context"})),
    ("entry points", frozenset({"urls", "settings", "wsgi", "manage"})),
)
SIBLINGS_MAY_IMPORT_EACH_OTHER = frozenset({"kernel", "entry points"})
DJANGO_WORLD = ("django", "ninja", "procrastinate", "django_htmx")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_names(
    name: str, path: Path, known: frozenset[str] = frozenset()
) -> Iterator[tuple[str, int]]:
    """Every module name an import statement of ``path`` names, with its line.

    ``from package import name`` names ``package.name`` when that is a module of the tree
    (``known``), else ``package``: importing a submodule is no import of its siblings."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield (submodule if submodule in known else base), node.lineno


def resolve(target: str, known: dict[str, Path]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def web_unit(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if parts[:2] == ["gongkai", "web"] and len(parts) > 2 else None


def layer_of(unit: str) -> int:
    for index, (_, units) in enumerate(WEB_LAYERS):
        if unit in units:
            return index
    raise LookupError(unit)


def import_graph() -> dict[str, set[tuple[str, int]]]:
    """module → the gongkai modules it imports (resolved to a file of the tree), with lines."""
    known = modules()
    graph: dict[str, set[tuple[str, int]]] = {}
    for name, path in known.items():
        edges = graph.setdefault(name, set())
        for target, line in imported_names(name, path, frozenset(known)):
            found = resolve(target, known) if target.startswith("gongkai") else None
            if found and found != name:
                edges.add((found, line))
    return graph


def external_imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    for target, line in imported_names(name, path):
        if not target.startswith("gongkai"):
            yield target, line


def test_every_web_unit_is_placed_in_a_layer() -> None:
    units = {web_unit(name) for name in modules()} - {None}
    placed = {unit for _, layer in WEB_LAYERS for unit in layer}
    unplaced = sorted(str(u) for u in units - placed)
    assert not unplaced, f"gongkai.web units without a layer (add them to WEB_LAYERS): {unplaced}"


def violations() -> list[str]:
    known = modules()
    found: list[str] = []
    for name, edges in sorted(import_graph().items()):
        top = name.split(".")[1] if "." in name else name
        for target, line in sorted(edges):
            where = f"{known[name].relative_to(ROOT)}:{line} imports {target}"
            target_top = target.split(".")[1] if "." in target else target
            if top in ("core", "ingest") and target_top not in ("core", top):
                found.append(f"{where}: gongkai.{top} may import gongkai.core and itself only")
            source_unit, target_unit = web_unit(name), web_unit(target)
            if source_unit is None or target_unit is None or source_unit == target_unit:
                continue
            source_layer, target_layer = layer_of(source_unit), layer_of(target_unit)
            if target_layer > source_layer:
                found.append(
                    f"{where}: {WEB_LAYERS[source_layer][0]} ({source_unit}) imports upward, "
                    f"from {WEB_LAYERS[target_layer][0]} ({target_unit})"
                )
            elif target_layer == source_layer and (
                WEB_LAYERS[source_layer][0] not in SIBLINGS_MAY_IMPORT_EACH_OTHER
            ):
                found.append(f"{where}: {source_unit} and {target_unit} are independent siblings")
    for name, path in sorted(known.items()):
        if name.startswith(("gongkai.core", "gongkai.ingest")):
            for target, line in external_imports(name, path):
                if target.split(".")[0] in DJANGO_WORLD:
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {target}: no Django")
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    found = violations()
    assert not found, "import contract broken:\n" + "\n".join(found)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_in_a_circle() -> None:
    graph = {name: {target for target, _ in edges} for name, edges in import_graph().items()}
    circles = cycles(graph)
    assert not circles, "import circles:\n" + "\n".join(" ⇄ ".join(c) for c in circles)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [["a", "b", "c"]]),
    ],
)
def test_the_circle_finder_finds_circles(
    graph: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert cycles(graph) == expected


def test_the_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """The checks above are not vacuous: an app importing the demo, and core importing the
    shell, are what they report."""
    source = "from gongkai.web.demo import BUREAU\nfrom gongkai.core import errors\n"
    path = tmp_path / "x.py"
    path.write_text(source, encoding="utf-8")
    names = [target for target, _ in imported_names("gongkai.web.fees.x", path)]
    assert "gongkai.web.demo" in names
    assert layer_of(web_unit("gongkai.web.demo.BUREAU") or "") > layer_of("fees")
    assert layer_of("kernel") < layer_of("catalogue") < layer_of("applications")
    assert layer_of("applications") < layer_of("portal")
