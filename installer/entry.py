"""The frozen app's entry point (PyInstaller runs this file as ``__main__``).

The same as the ``werkplein`` console script (``werkplein.cli:main``): no arguments opens the
desktop app, a subcommand runs the command line. On Windows the bundle carries this entry twice:
``werkplein.exe`` (console, for the command line and IT scripts) and ``werkpleinw.exe`` (no
console window, what the Start menu shortcut starts).
"""

from werkplein.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
