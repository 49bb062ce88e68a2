"""Boete: the workspace of the boete-ambtenaar for one fine (page, calculation, talk)."""

from ui.pages.fine.page import FinePage

__all__ = ["FinePage"]
