"""The layers hold: the UI reaches the data only through the services. (ui/ruff.toml bans the
imports; this also catches a reach through an object, ``session.store.…``.)"""

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


def runtime_imports(source: str) -> list[str]:
    """Modules a file imports when it runs (what ``if TYPE_CHECKING:`` guards is left out)."""
    found: list[str] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append(node.module)
            elif isinstance(node, ast.Import):
                found.extend(a.name for a in node.names)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    visit([child])

    visit(ast.parse(source).body)
    return found


def test_the_documents_do_not_import_the_services() -> None:
    """services -> export, one way: a renderer gets what it shows, it imports no service."""
    problems = {
        str(path.relative_to(ROOT)): used
        for path in sorted((ROOT / "werkplein" / "export").rglob("*.py"))
        if (
            used := [
                m
                for m in runtime_imports(path.read_text(encoding="utf-8"))
                if m.startswith("werkplein.services")
            ]
        )
    }
    assert problems == {}
    assert runtime_imports("if TYPE_CHECKING:\n    import a\nimport b\n") == ["b"]


# What a writing service method may return: what it changed, or the id of what it made (whose
# changes the screens get from ``Session.take_changes``), or a result of its own kind.
WRITE_RESULTS = {"Changes", "str", "ImportResult", "BatchResult", "Session"}


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
