"""Money in the UI: amounts are integer cents in the core, shown and typed as euros.

``format_money(5_350_000)`` gives "€ 53.500,00" in Dutch and "€53,500.00" in English (babel,
active locale). ``parse_money`` reads what people type: "1.234,50", "1234,50", "1234.50",
"€ 12", "12,-".
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLineEdit, QWidget

from ui.format import format_money
from werkplein.i18n import _

_CLEAN = re.compile(r"[\s\u00a0\u202f€]|EUR", re.IGNORECASE)
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)*")


def parse_money(text: str) -> int:
    """What someone typed as an amount of euros -> integer cents.

    The last "," or "." followed by one or two digits is the decimal separator; any other
    separator must group thousands (groups of three digits). Raises ``ValueError`` otherwise.
    """
    raw = _CLEAN.sub("", text)
    if raw.endswith((",-", ".-", ",--", ".--")):  # "12,-" is twelve euros
        raw = raw.rstrip("-")[:-1]
    if not _NUMBER.fullmatch(raw):
        raise ValueError("not an amount")
    negative = raw.startswith("-")
    digits = raw.lstrip("-")
    whole, fraction = digits, ""
    last = max(digits.rfind(","), digits.rfind("."))
    if last >= 0 and 1 <= len(digits) - last - 1 <= 2:
        whole, fraction = digits[:last], digits[last + 1 :]
        if digits[last] in whole:  # "1.234.5": a separator cannot group and divide both
            raise ValueError("not an amount")
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (
        len({s for s in whole if s in ".,"}) > 1
        or not 1 <= len(groups[0]) <= 3
        or any(len(g) != 3 for g in groups[1:])
    ):
        raise ValueError("not an amount")
    cents = int("".join(groups)) * 100 + int(fraction.ljust(2, "0") or "0")
    return -cents if negative else cents


class MoneyEdit(QLineEdit):
    """A line edit for an amount in euros; ``cents()`` is None while the text is not an amount."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("for example 1.234,50"))
        self.editingFinished.connect(self._tidy)

    def cents(self) -> int | None:
        try:
            return parse_money(self.text())
        except ValueError:
            return None

    def set_cents(self, cents: int | None) -> None:
        self.setText(format_money(cents))

    def _tidy(self) -> None:
        value = self.cents()
        if value is not None:
            self.set_cents(value)
