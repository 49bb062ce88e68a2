"""Dialogs that more than one screen opens, one per module."""
