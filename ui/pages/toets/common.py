"""What the toets panels share: step states and their symbols, the method's guidance, and small
helpers for values and fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from babel.dates import format_date, format_datetime
from babel.lists import format_list
from PySide6.QtCore import (
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from ui.format import format_money
from ui.widgets.tables import Fields
from werkplein import i18n
from werkplein.domain import toets
from werkplein.i18n import N_, _

DONE, OPEN, LOCKED = "done", "open", "locked"
STATE_WORDS = {DONE: N_("completed"), OPEN: N_("open"), LOCKED: N_("locked")}
DECISION_INDEX = 4  # the fifth panel, after the four steps

GUIDANCE = {
    1: N_(
        "What does the resident want to achieve? Write it down in the resident's own words. "
        "The goal, not the means."
    ),
    2: N_(
        "Which laws are in play? Does the intended effect fit the reason the law was written, "
        "its grondwaarde? Articles are instruments, not goals in themselves."
    ),
    3: N_(
        "What will the intended decision do? Weigh every question below with the resident, "
        "and compare the costs of the intervention with the costs of doing nothing."
    ),
    4: N_(
        "Only now: what does the law allow? Name the legal instruments, from any of the laws, "
        "that deliver the effect. Where the decision deviates from policy, write down why."
    ),
}
DECISION_GUIDANCE = N_(
    "Write down the decision and why. A decision that deviates from policy goes to a "
    "teamleider for approval first; otherwise you set it yourself once all four steps are "
    "complete."
)


# ---------------------------------------------------------------------- small helpers


def _text(value: Any) -> str | None:
    """Text as stored: stripped, and None when empty."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _instruments(rows: Sequence[Fields] | None) -> list[Fields]:
    """Legal instruments as stored: law, article and explanation, trimmed."""
    return [
        {key: str(row.get(key) or "").strip() for key in ("wet", "artikel", "toelichting")}
        for row in rows or []
    ]


def _same(name: str, old: Any, new: Any) -> bool:
    """Whether a form value equals the stored one (so saving it would change nothing)."""
    if name == "instrumenten":
        return _instruments(old) == _instruments(new)
    if name == "wetten":
        return sorted(old or []) == sorted(new or [])
    if name == "afweging":
        return {k: v for k, v in (old or {}).items() if _text(v)} == (new or {})
    if name in ("kosten_interventie", "kosten_niets_doen", "instrumenten", "voorwaarden"):
        return list(old or []) == list(new or [])
    if isinstance(new, str) or isinstance(old, str):
        return _text(old) == _text(new)
    return bool(old == new)


def date_text(iso: str | None) -> str:
    if not iso:
        return ""
    locale = i18n.locale_name()
    if "T" in iso:  # a moment, stored in UTC: shown in the computer's time zone
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
        return str(format_datetime(moment, "d MMMM yyyy HH:mm", locale=locale))
    return str(format_date(dt.date.fromisoformat(iso[:10]), "d MMMM yyyy", locale=locale))


def _steps_text(steps: Sequence[int]) -> str:
    return str(format_list([str(n) for n in sorted(steps)], locale=i18n.locale_name()))


def costs_verdict(costs: toets.CostComparison) -> str:
    """Which is cheaper for society, in one plain sentence."""
    difference = format_money(abs(costs.verschil_cent))
    if not costs.interventie and not costs.niets_doen:
        return _("Add cost lines to compare the intervention with doing nothing.")
    if costs.verschil_cent > 0:
        return _(
            "The intervention is cheaper for society: doing nothing costs {amount} more.",
            amount=difference,
        )
    if costs.verschil_cent < 0:
        return _(
            "Doing nothing is cheaper for society: the intervention costs {amount} more.",
            amount=difference,
        )
    return _("The intervention and doing nothing cost society the same.")


def state_icon(state: str, size: int) -> QIcon:
    """A check in a circle (completed), an open circle (open) or a padlock (locked)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    line = max(1.5, size / 11)
    box = QRectF(line, line, size - 2 * line, size - 2 * line)
    if state == DONE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1e7d32"))  # 5:1 on white
        painter.drawEllipse(box)
        pen = QPen(QColor("white"), line * 1.3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        tick = QPainterPath(QPointF(size * 0.28, size * 0.52))
        tick.lineTo(QPointF(size * 0.44, size * 0.68))
        tick.lineTo(QPointF(size * 0.73, size * 0.34))
        painter.drawPath(tick)
    elif state == LOCKED:
        colour = QColor("#5f6368")
        painter.setPen(QPen(colour, line))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(size * 0.3, size * 0.12, size * 0.4, size * 0.5), 0, 180 * 16)
        painter.drawLine(QPointF(size * 0.3, size * 0.37), QPointF(size * 0.3, size * 0.47))
        painter.drawLine(QPointF(size * 0.7, size * 0.37), QPointF(size * 0.7, size * 0.47))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(size * 0.2, size * 0.45, size * 0.6, size * 0.43), 2, 2)
    else:
        painter.setPen(QPen(QColor("#5f6368"), line))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box)
    painter.end()
    return QIcon(pixmap)


def _text_edit(parent: QWidget, lines: int) -> QPlainTextEdit:
    """A multi-line field that Tab leaves (keyboard users must get out of it)."""
    edit = QPlainTextEdit(parent)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(int(height * 1.6))
    return edit


def _label(text_parent: QWidget, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text_parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
