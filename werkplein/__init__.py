"""Werkplein: offline-first casework for small-region werkpleinen.

The core package. Nothing below here imports Qt: the desktop app (`ui/`) and the CLI
(`werkplein.cli`) are two thin fronts on the same services.
"""

__version__ = "0.1.0"
