"""Sync through a shared folder: see engine.py for the order of work, files.py for the share."""
