"""A crash of the app or the CLI leaves no core dump: it would hold names, BSNs and the
passphrase unencrypted. Checked in a real process started the way the program starts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.e2e.conftest import cli_env

PROBE = """
import resource, sys
from werkplein import cli, hardening
try:
    cli.main(["--version"])
except SystemExit:
    pass
print(resource.getrlimit(resource.RLIMIT_CORE), hardening.dumpable())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX core dumps")
def test_the_program_turns_core_dumps_off_before_anything_else() -> None:
    proc = subprocess.run(
        ["bash", "-c", f"ulimit -c unlimited && exec {sys.executable} -c '{PROBE}'"],
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    limits, dumpable = proc.stdout.strip().splitlines()[-1].rsplit(" ", 1)
    assert limits == "(0, 0)"
    if sys.platform.startswith("linux"):
        assert dumpable == "False"
