"""The core stays Qt-free: the CLI and scripts must run without loading a GUI toolkit."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import werkplein


def test_no_core_module_loads_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages(werkplein.__path__, "werkplein.")]
    assert "werkplein.store.store" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name != 'werkplein.__main__':\n"
        "        importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
