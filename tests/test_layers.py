"""The layers hold: the UI reaches the data only through the services. (ui/ruff.toml bans the
imports; this also catches a reach through an object, ``session.store.…``.) And the document
renderers (werkplein/export/) lay out data gathered for them: they never reach back into the
services or the store."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BELOW_SERVICES = ("werkplein.store", "werkplein.sync")


def reaches_past_services(source: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "store":
            found.append(f"line {node.lineno}: .store")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(BELOW_SERVICES):
            found.append(f"line {node.lineno}: from {node.module}")
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if a.name.startswith(BELOW_SERVICES)
            ]
    return found


def test_the_ui_goes_through_the_services_only() -> None:
    problems = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "ui").rglob("*.py"))
        if (found := reaches_past_services(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_check_sees_each_way_past_the_services() -> None:
    assert reaches_past_services("x = session.store.meta('k')") == ["line 1: .store"]
    assert reaches_past_services("from werkplein.store.clock import iso") == [
        "line 1: from werkplein.store.clock"
    ]
    assert reaches_past_services("import werkplein.sync.engine") == [
        "line 1: import werkplein.sync.engine"
    ]
    assert reaches_past_services("from werkplein.services.types import iso") == []


SERVICES = "werkplein.services"
STORE_HANDLES = ("store", "conn")  # the store, and its database connection


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes (a docstring may name the services: it is prose)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def reaches_back(source: str) -> list[str]:
    """What in a document module reaches past the data it is given: any import of the services
    (also one under ``if TYPE_CHECKING:`` or inside a function), any other naming of them in
    code (``werkplein.services.x``, a string annotation), and the store (``.store``, ``.conn``)."""
    tree = ast.parse(source)
    prose = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = [f"{module}.{a.name}" for a in node.names]
            if node.level and module.split(".")[0] == "services":
                found.append((node.lineno, f"from {'.' * node.level}{module}"))
            elif not node.level and any(n.startswith(SERVICES) for n in [module, *names]):
                found.append((node.lineno, f"from {module}"))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, f"import {a.name}") for a in node.names if a.name.startswith(SERVICES)
            ]
        elif isinstance(node, ast.Attribute) and node.attr in STORE_HANDLES:
            found.append((node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Attribute) and ast.unparse(node) == SERVICES:
            found.append((node.lineno, SERVICES))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and SERVICES in node.value
            and id(node) not in prose
        ):
            found.append((node.lineno, f"{node.value!r}"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def test_the_documents_do_not_import_the_services() -> None:
    """services -> export, one way: a renderer gets the data it shows (gathered by
    ``werkplein/services/documents.py``); it imports no service, not even for type checking,
    and never reaches the store."""
    problems = {
        str(path.relative_to(ROOT)): found
        for path in sorted((ROOT / "werkplein" / "export").rglob("*.py"))
        if (found := reaches_back(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_check_sees_each_way_back_from_the_documents() -> None:
    """What the renderers did before the data was gathered for them, planted."""
    planted = (
        '"""Lays out what werkplein.services gathered (prose may name them)."""\n'
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from werkplein.services.session import Session\n"
        "def build(session: 'werkplein.services.session.Session') -> None:\n"
        "    from werkplein import services\n"
        "    import werkplein.services.policy\n"
        "    case = session.store.require('casus', 'c1')\n"
        "    entries = audit.for_resident(store.conn, case['inwoner_id'])\n"
        "    werkplein.services.policy.region()\n"
        "    from ..services import documents\n"
    )
    assert reaches_back(planted) == [
        "line 4: from werkplein.services.session",
        "line 5: 'werkplein.services.session.Session'",
        "line 6: from werkplein",
        "line 7: import werkplein.services.policy",
        "line 8: .store",
        "line 9: .conn",
        "line 10: werkplein.services",
        "line 11: from ..services",
    ]
    clean = (
        "from werkplein.store.store import Record\n"
        "from werkplein.store.audit import Action\n"
        "def render(data: VisitData) -> Rendered:\n"
        "    return Rendered(build(data.visit), data.resident['id'], 'huisbezoek')\n"
    )
    assert reaches_back(clean) == []


# What a writing service method may return: what it changed, or the id of what it made (whose
# changes the screens get from ``Session.take_changes``), or a result of its own kind.
WRITE_RESULTS = {"Changes", "str", "ImportResult", "BatchResult", "Session", "Erased"}


def silent_writers(source: str) -> list[str]:
    """Methods that write (open ``_write()`` or ``store.write(``) but say nothing back."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef) or node.name == "_write":
            continue
        body = ast.unparse(node)
        if "_write()" not in body and "store.write(" not in body:
            continue
        returns = ast.unparse(node.returns) if node.returns is not None else "None"
        if returns not in WRITE_RESULTS:
            found.append(f"{node.name} -> {returns}")
    return found


def test_every_write_says_what_it_changed() -> None:
    problems = {
        path.name: found
        for path in sorted((ROOT / "werkplein" / "services").glob("*.py"))
        if (found := silent_writers(path.read_text(encoding="utf-8")))
    }
    assert problems == {}
    planted = "def close(self) -> None:\n    with self._write() as w:\n        w.put()\n"
    assert silent_writers(planted) == ["close -> None"]
