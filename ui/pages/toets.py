"""De Omgekeerde Toets for one case: the four steps in order, then the decision.

Left the steps with their state (a symbol and a word, never colour alone), right the form of
the chosen step with its guidance from the method, under it what is still missing. Leaving a
step saves it, so nothing is lost; changing a completed step reopens it and every later step
(the core decides, the screen says so before and after). Step 4, the juridische toets, stays
locked until steps 1-3 are complete: the law closes the process. The fifth panel drafts the
decision, sends it to the teamleider when it deviates from policy, or sets it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date, format_datetime
from babel.lists import format_list
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QHideEvent,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.export import DocumentExport, file_name
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from ui.widgets.money import format_money
from werkplein import i18n
from werkplein.domain import besluit as decision_rules
from werkplein.domain import toets
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import AFWEGING, BESLUIT_STATUS, GRONDWAARDE_PAST, UITKOMSTEN, WETTEN
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.cases import StepState
from werkplein.services.session import Session

Row = dict[str, Any]

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


def _scaled(font: QFont, factor: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    out = QFont(font)
    out.setPointSizeF(font.pointSizeF() * factor)
    out.setWeight(weight)
    return out


def _text(value: Any) -> str | None:
    """Text as stored: stripped, and None when empty."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _instruments(rows: Sequence[Row] | None) -> list[Row]:
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


# ---------------------------------------------------------------------- table model


_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    title: str  # message id
    show: Callable[[Row], str]
    key: str | None = None  # set: the cell can be edited and writes this field
    number: bool = False  # right-aligned; edits as a whole number


class RowsModel(QAbstractTableModel):
    """A small table of dicts (cost lines, legal instruments, decisions)."""

    edited = Signal()

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[Row] = []
        self.editable = False

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.endResetModel()

    def append(self, row: Row) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()
        self.edited.emit()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.beginRemoveRows(QModelIndex(), index, index)
            del self.rows[index]
            self.endRemoveRows()
            self.edited.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.show(row)
        if role == Qt.ItemDataRole.EditRole:
            value = row.get(column.key or "")
            return int(value or 0) if column.number else str(value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.isValid() and self.columns[index.column()].key:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 2
    ) -> bool:
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or column.key is None or not self.editable:
            return False
        if column.number:
            try:
                value = max(0, int(value))
            except (TypeError, ValueError):
                return False
        else:
            value = str(value).strip()
        self.rows[index.row()][column.key] = value
        last = self.index(index.row(), len(self.columns) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        self.edited.emit()
        return True


class CompactTable(QTableView):
    """A table as high as its rows (between ``min_rows`` and ``max_rows``), then it scrolls."""

    def __init__(
        self, model: RowsModel, parent: QWidget, min_rows: int = 1, max_rows: int = 6
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._rows = (min_rows, max_rows)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        low, high = self._rows
        rows = min(max(self.model().rowCount(), low), high)
        height = (
            self.horizontalHeader().sizeHint().height()
            + rows * self.verticalHeader().defaultSectionSize()
            + 2 * self.frameWidth()
            + 4
        )
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class Choice(QWidget):
    """A row of radio buttons for one value (yes/no, yes/partly/no); nothing chosen is None."""

    changed = Signal()

    def __init__(self, options: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = tuple(options)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QRadioButton] = []
        for index, _option in enumerate(self.options):
            button = QRadioButton(self)
            self.group.addButton(button, index)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.group.idToggled.connect(self._toggled)

    def _toggled(self, _index: int, checked: bool) -> None:
        if checked:
            self.changed.emit()

    def retranslate(self, name: str) -> None:
        self.setAccessibleName(name)
        for button, (_value, text) in zip(self.buttons, self.options, strict=True):
            button.setText(_(text))
            button.setAccessibleName(f"{name}: {_(text)}")

    def value(self) -> Any:
        index = self.group.checkedId()
        return None if index < 0 else self.options[index][0]

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for button, (option, _text) in zip(self.buttons, self.options, strict=True):
            button.setChecked(value is not None and option == value)
        self.group.setExclusive(True)

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons:
            button.setEnabled(editable)


YES_NO: tuple[tuple[Any, str], ...] = ((True, N_("yes")), (False, N_("no")))


# ---------------------------------------------------------------------- step panels


class StepPanel(QWidget):
    """One step: a heading, the method's guidance, the explanation when locked, the form."""

    changed = Signal()
    fields: tuple[str, ...] = ()

    def __init__(self, step: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.fields = toets.STEP_FIELDS[step]
        self.heading = QLabel(self)
        self.heading.setFont(_scaled(self.font(), 1.3, QFont.Weight.DemiBold))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance = _label(self)
        self.guidance.setObjectName("guidance")
        self.guidance.setContentsMargins(12, 8, 12, 8)
        self.guidance.setAutoFillBackground(True)
        palette = self.guidance.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.guidance.setPalette(palette)
        self.locked_row = QWidget(self)
        self.locked_icon = QLabel(self.locked_row)
        size = self.fontMetrics().height() + 2
        self.locked_icon.setPixmap(state_icon(LOCKED, size).pixmap(size, size))
        self.locked_label = _label(self.locked_row)
        self.locked_label.setObjectName("lockedExplanation")
        locked_line = QHBoxLayout(self.locked_row)
        locked_line.setContentsMargins(0, 0, 0, 0)
        locked_line.addWidget(self.locked_icon, 0, Qt.AlignmentFlag.AlignTop)
        locked_line.addWidget(self.locked_label, 1)
        self.locked_row.setVisible(False)
        self.form = QWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.guidance)
        layout.addWidget(self.locked_row)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def retranslate(self) -> None:
        title = _(toets.STEP_TITLES[self.step])
        self.heading.setText(_("Step {number}: {title}", number=self.step, title=title))
        self.guidance.setText(_(GUIDANCE[self.step]))
        self.locked_label.setText(_(toets.order_problems({}, 4)[0]))

    def values(self) -> Row:
        raise NotImplementedError

    def load(self, case: Row) -> None:
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        raise NotImplementedError

    def first_field(self) -> QWidget:
        raise NotImplementedError

    def set_locked(self, locked: bool) -> None:
        self.locked_row.setVisible(locked)
        self.form.setEnabled(not locked)

    def release(self) -> None:
        self.load({})


class EffectPanel(StepPanel):
    """Step 1: the intended effect in the resident's words, the means asked for apart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(1, parent)
        self.effect_edit = _text_edit(self.form, 5)
        self.effect_edit.setObjectName("beoogd_effect")
        self.effect_label = _label(self.form, self.effect_edit)
        self.means_edit = QLineEdit(self.form)
        self.means_edit.setObjectName("gevraagd_middel")
        self.means_label = _label(self.form, self.means_edit)
        self.means_hint = _label(self.form)
        mute(self.means_hint)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.effect_label)
        column.addWidget(self.effect_edit)
        column.addSpacing(6)
        column.addWidget(self.means_label)
        column.addWidget(self.means_edit)
        column.addWidget(self.means_hint)
        self.effect_edit.textChanged.connect(self.changed)
        self.means_edit.textChanged.connect(self.changed)

    def retranslate(self) -> None:
        super().retranslate()
        self.effect_label.setText(_("&Intended effect, in the resident's own words"))
        self.effect_edit.setAccessibleName(_("Intended effect"))
        self.effect_edit.setPlaceholderText(_("For example: I want my children to get to school."))
        self.means_label.setText(_("&Means asked for"))
        self.means_edit.setAccessibleName(_("Means asked for"))
        self.means_hint.setText(
            _("The means is not the goal: you weigh the effect, the means comes later.")
        )

    def values(self) -> Row:
        return {
            "beoogd_effect": _text(self.effect_edit.toPlainText()),
            "gevraagd_middel": _text(self.means_edit.text()),
        }

    def load(self, case: Row) -> None:
        self.effect_edit.setPlainText(case.get("beoogd_effect") or "")
        self.means_edit.setText(case.get("gevraagd_middel") or "")

    def set_editable(self, editable: bool) -> None:
        self.effect_edit.setReadOnly(not editable)
        self.means_edit.setReadOnly(not editable)

    def first_field(self) -> QWidget:
        return self.effect_edit


class GrondwaardePanel(StepPanel):
    """Step 2: the laws in play and whether the effect fits their grondwaarde."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(2, parent)
        self.laws_box = QGroupBox(self.form)
        laws_row = QVBoxLayout(self.laws_box)
        self.law_checks: dict[str, QCheckBox] = {}
        for code in WETTEN:
            check = QCheckBox(self.laws_box)
            check.setObjectName(f"wet_{code}")
            check.toggled.connect(self.changed)
            laws_row.addWidget(check)
            self.law_checks[code] = check
        self.fits = Choice(list(GRONDWAARDE_PAST.items()), self.form)
        self.fits.setObjectName("grondwaarde_past")
        self.fits_label = _label(self.form, self.fits.buttons[0])
        self.fits.changed.connect(self.changed)
        self.explain_edit = _text_edit(self.form, 4)
        self.explain_edit.setObjectName("grondwaarde_toelichting")
        self.explain_label = _label(self.form, self.explain_edit)
        self.explain_edit.textChanged.connect(self.changed)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.laws_box)
        column.addSpacing(6)
        column.addWidget(self.fits_label)
        column.addWidget(self.fits)
        column.addSpacing(6)
        column.addWidget(self.explain_label)
        column.addWidget(self.explain_edit)

    def retranslate(self) -> None:
        super().retranslate()
        self.laws_box.setTitle(_("Laws in play"))
        for code, check in self.law_checks.items():
            check.setText(_(WETTEN[code]))
        self.fits_label.setText(_("Does the intended effect &fit the grondwaarde?"))
        self.fits.retranslate(_("Does the intended effect fit the grondwaarde?"))
        self.explain_label.setText(_("&Explanation"))
        self.explain_edit.setAccessibleName(_("Explanation of the grondwaarde"))

    def values(self) -> Row:
        return {
            "wetten": [code for code, check in self.law_checks.items() if check.isChecked()],
            "grondwaarde_past": self.fits.value(),
            "grondwaarde_toelichting": _text(self.explain_edit.toPlainText()),
        }

    def load(self, case: Row) -> None:
        laws = case.get("wetten") or []
        for code, check in self.law_checks.items():
            check.setChecked(code in laws)
        self.fits.set_value(case.get("grondwaarde_past"))
        self.explain_edit.setPlainText(case.get("grondwaarde_toelichting") or "")

    def set_editable(self, editable: bool) -> None:
        for check in self.law_checks.values():
            check.setEnabled(editable)
        self.fits.set_editable(editable)
        self.explain_edit.setReadOnly(not editable)

    def first_field(self) -> QWidget:
        return next(iter(self.law_checks.values()))


class CostLines(QWidget):
    """One side of the costs comparison: price-list lines and how many of each."""

    changed = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.prices: dict[str, Row] = {}
        self.title_label = QLabel(self)
        self.title_label.setFont(_scaled(self.font(), 1.0, QFont.Weight.DemiBold))
        self.model = RowsModel(
            (
                Column(N_("Item"), self._describe),
                Column(N_("Number"), lambda r: str(r.get("aantal", 1)), "aantal", number=True),
                Column(N_("Price each"), self._price_text, number=True),
                Column(N_("Total"), self._total_text, number=True),
            ),
            self,
        )
        self.view = CompactTable(self.model, self)
        self.view.setObjectName(f"{key}_table")
        self.title_label.setBuddy(self.view)
        header = self.view.horizontalHeader()
        for section in (1, 2, 3):
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.price_combo = QComboBox(self)
        self.price_combo.setObjectName(f"{key}_price")
        self.price_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.price_combo.setMinimumContentsLength(8)
        self.count_spin = QSpinBox(self)
        self.count_spin.setObjectName(f"{key}_count")
        self.count_spin.setRange(1, 999)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName(f"{key}_add")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName(f"{key}_remove")
        self.total_label = QLabel(self)
        self.total_label.setObjectName(f"{key}_total")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        add_row = QHBoxLayout()
        add_row.addWidget(self.price_combo, 1)
        add_row.addWidget(self.count_spin)
        add_row.addWidget(self.add_button)
        total_row = QHBoxLayout()
        total_row.addWidget(self.remove_button)
        total_row.addStretch(1)
        total_row.addWidget(self.total_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.title_label)
        column.addWidget(self.view)
        column.addLayout(add_row)
        column.addLayout(total_row)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.model.edited.connect(self.changed)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def retranslate(self, title: str) -> None:
        self.title_label.setText(title)
        self.view.setAccessibleName(title)
        self.price_combo.setAccessibleName(_("Cost from the price list: {side}", side=title))
        self.count_spin.setAccessibleName(_("Number: {side}", side=title))
        self.add_button.setText(_("Add"))
        self.add_button.setAccessibleName(_("Add the cost line: {side}", side=title))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected line: {side}", side=title))
        self.model.retranslate()
        self.set_prices(self.prices)

    def set_prices(self, prices: dict[str, Row]) -> None:
        self.prices = prices
        current = self.price_combo.currentData()
        self.price_combo.clear()
        ordered = sorted(prices.values(), key=lambda p: str(p["omschrijving"]).lower())
        for price in ordered:
            unit = f" {price['eenheid']}" if price.get("eenheid") else ""
            self.price_combo.addItem(
                f"{price['omschrijving']} ({format_money(int(price['bedrag_cent']))}{unit})",
                price["code"],
            )
        found = self.price_combo.findData(current)
        self.price_combo.setCurrentIndex(max(0, found))

    def _describe(self, row: Row) -> str:
        price = self.prices.get(str(row.get("code")))
        if row.get("omschrijving"):
            return str(row["omschrijving"])
        return str(price["omschrijving"]) if price else str(row.get("code", ""))

    def _unit_cents(self, row: Row) -> int | None:
        if row.get("bedrag_cent") is not None:
            return int(row["bedrag_cent"])
        price = self.prices.get(str(row.get("code")))
        return int(price["bedrag_cent"]) if price else None

    def _price_text(self, row: Row) -> str:
        cents = self._unit_cents(row)
        return "—" if cents is None else format_money(cents)

    def _total_text(self, row: Row) -> str:
        cents = self._unit_cents(row)
        return "—" if cents is None else format_money(cents * int(row.get("aantal", 1)))

    def lines(self) -> list[Row]:
        return [dict(r) for r in self.model.rows]

    def set_lines(self, lines: Sequence[Row]) -> None:
        self.model.set_rows(lines)
        self._update_buttons()

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        for widget in (self.price_combo, self.count_spin, self.add_button, self.remove_button):
            widget.setVisible(editable)
        self._update_buttons()

    def add_line(self) -> None:
        code = self.price_combo.currentData()
        if not self.model.editable or not code:
            return
        for index, row in enumerate(self.model.rows):  # the same item again: count it up
            if row.get("code") == code and not row.get("omschrijving"):
                self.model.setData(
                    self.model.index(index, 1),
                    int(row.get("aantal", 1)) + self.count_spin.value(),
                    Qt.ItemDataRole.EditRole,
                )
                return
        self.model.append({"code": code, "aantal": self.count_spin.value()})
        self.count_spin.setValue(1)

    def remove_line(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if self.model.editable and rows:
            self.model.remove(rows[0].row())

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(
            self.model.editable and self.view.selectionModel().hasSelection()
        )


class AfwegingPanel(StepPanel):
    """Step 3: the effects checklist and the costs of the intervention against doing nothing."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(3, parent)
        self.session = session
        self._case: Row = {}
        self.checklist_box = QGroupBox(self.form)
        grid = QVBoxLayout(self.checklist_box)
        self.item_edits: dict[str, QPlainTextEdit] = {}
        self.item_labels: dict[str, QLabel] = {}
        for key in AFWEGING:
            edit = _text_edit(self.checklist_box, 2)
            edit.setObjectName(f"afweging_{key}")
            edit.textChanged.connect(self.changed)
            label = _label(self.checklist_box, edit)
            grid.addWidget(label)
            grid.addWidget(edit)
            grid.addSpacing(4)
            self.item_edits[key] = edit
            self.item_labels[key] = label
        self.costs_box = QGroupBox(self.form)
        self.costs_intro = _label(self.costs_box)
        mute(self.costs_intro)
        self.intervention = CostLines("kosten_interventie", self.costs_box)
        self.nothing = CostLines("kosten_niets_doen", self.costs_box)
        self.summary = QFrame(self.costs_box)
        self.summary.setObjectName("costsSummary")
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        summary_grid = QGridLayout(self.summary)
        self.sum_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(("interventie", "niets_doen", "verschil")):
            caption, amount = QLabel(self.summary), QLabel(self.summary)
            amount.setObjectName(f"sum_{key}")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight)
            amount.setFont(_scaled(self.font(), 1.0, QFont.Weight.DemiBold))
            summary_grid.addWidget(caption, row, 0)
            summary_grid.addWidget(amount, row, 1)
            self.sum_labels[key] = (caption, amount)
        self.verdict_label = _label(self.summary)
        self.verdict_label.setObjectName("costsVerdict")
        self.verdict_label.setFont(_scaled(self.font(), 1.05, QFont.Weight.DemiBold))
        summary_grid.addWidget(self.verdict_label, 3, 0, 1, 2)
        costs_column = QVBoxLayout(self.costs_box)
        costs_column.addWidget(self.costs_intro)
        costs_column.addWidget(self.intervention)
        costs_column.addSpacing(8)
        costs_column.addWidget(self.nothing)
        costs_column.addSpacing(8)
        costs_column.addWidget(self.summary)
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.checklist_box)
        column.addSpacing(8)
        column.addWidget(self.costs_box)
        for side in (self.intervention, self.nothing):
            side.changed.connect(self.changed)
            side.changed.connect(self.show_costs)

    def retranslate(self) -> None:
        super().retranslate()
        self.checklist_box.setTitle(_("Effects checklist"))
        for key, label in self.item_labels.items():
            text = _(AFWEGING[key])
            label.setText(text)
            self.item_edits[key].setAccessibleName(text)
        self.costs_box.setTitle(_("Costs for society"))
        self.costs_intro.setText(
            _(
                "Choose items from the team's price list: what the intervention costs, and what "
                "it costs society if we do nothing."
            )
        )
        self.intervention.retranslate(_("Intervention"))
        self.nothing.retranslate(_("Doing nothing"))
        self.sum_labels["interventie"][0].setText(_("Intervention costs"))
        self.sum_labels["niets_doen"][0].setText(_("Doing nothing costs"))
        self.sum_labels["verschil"][0].setText(_("Difference"))
        self.show_costs()

    def values(self) -> Row:
        weighed = {k: t for k, e in self.item_edits.items() if (t := _text(e.toPlainText()))}
        return {
            "afweging": weighed,
            "kosten_interventie": self.intervention.lines(),
            "kosten_niets_doen": self.nothing.lines(),
        }

    def load(self, case: Row) -> None:
        self._case = case
        weighed = case.get("afweging") or {}
        for key, edit in self.item_edits.items():
            edit.setPlainText(weighed.get(key) or "")
        self.intervention.set_lines(case.get("kosten_interventie") or [])
        self.nothing.set_lines(case.get("kosten_niets_doen") or [])
        self.show_costs()

    def set_prices(self, prices: dict[str, Row]) -> None:
        self.intervention.set_prices(prices)
        self.nothing.set_prices(prices)

    def set_editable(self, editable: bool) -> None:
        for edit in self.item_edits.values():
            edit.setReadOnly(not editable)
        self.intervention.set_editable(editable)
        self.nothing.set_editable(editable)

    def first_field(self) -> QWidget:
        return next(iter(self.item_edits.values()))

    def show_costs(self) -> None:
        """Totals and difference, computed by the core on the lines as they are on screen."""
        lines = {
            "kosten_interventie": self.intervention.lines(),
            "kosten_niets_doen": self.nothing.lines(),
        }
        try:
            costs = self.session.cases.costs({**self._case, **lines})
        except WerkpleinError as exc:
            self.verdict_label.setText(error_text(exc))
            for _caption, amount in self.sum_labels.values():
                amount.setText("—")
            return
        sums = {
            "interventie": costs.interventie_cent,
            "niets_doen": costs.niets_doen_cent,
            "verschil": abs(costs.verschil_cent),
        }
        for key, cents in sums.items():
            self.sum_labels[key][1].setText(format_money(cents))
        self.intervention.total_label.setText(
            _("Total: {amount}", amount=format_money(costs.interventie_cent))
        )
        self.nothing.total_label.setText(
            _("Total: {amount}", amount=format_money(costs.niets_doen_cent))
        )
        verdict = costs_verdict(costs)
        self.verdict_label.setText(verdict)
        self.summary.setAccessibleName(verdict)


class JuridischPanel(StepPanel):
    """Step 4: the legal instruments, lawful or not, and the motivation of a deviation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(4, parent)
        self.instruments_label = QLabel(self.form)
        self.instruments_label.setFont(_scaled(self.font(), 1.0, QFont.Weight.DemiBold))
        self.model = RowsModel(
            (
                Column(N_("Law"), lambda r: str(r.get("wet") or ""), "wet"),
                Column(N_("Article"), lambda r: str(r.get("artikel") or ""), "artikel"),
                Column(N_("Explanation"), lambda r: str(r.get("toelichting") or ""), "toelichting"),
            ),
            self,
        )
        self.view = CompactTable(self.model, self.form)
        self.view.setObjectName("instrumenten_table")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.instruments_label.setBuddy(self.view)
        self.law_combo = QComboBox(self.form)
        self.law_combo.setObjectName("instrument_wet")
        self.law_combo.setEditable(True)
        self.law_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.article_edit = QLineEdit(self.form)
        self.article_edit.setObjectName("instrument_artikel")
        self.note_edit = QLineEdit(self.form)
        self.note_edit.setObjectName("instrument_toelichting")
        self.add_button = QPushButton(self.form)
        self.add_button.setObjectName("instrument_add")
        self.remove_button = QPushButton(self.form)
        self.remove_button.setObjectName("instrument_remove")
        self.law_label = _label(self.form, self.law_combo)
        self.article_label = _label(self.form, self.article_edit)
        self.note_label = _label(self.form, self.note_edit)
        add_grid = QGridLayout()
        add_grid.addWidget(self.law_label, 0, 0)
        add_grid.addWidget(self.law_combo, 0, 1)
        add_grid.addWidget(self.article_label, 0, 2)
        add_grid.addWidget(self.article_edit, 0, 3)
        add_grid.addWidget(self.note_label, 1, 0)
        add_grid.addWidget(self.note_edit, 1, 1, 1, 2)
        add_grid.addWidget(self.add_button, 1, 3)
        add_grid.setColumnStretch(1, 3)
        add_grid.setColumnStretch(3, 1)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)

        self.lawful = Choice(YES_NO, self.form)
        self.lawful.setObjectName("rechtmatig")
        self.lawful_label = _label(self.form, self.lawful.buttons[0])
        self.deviates = Choice(YES_NO, self.form)
        self.deviates.setObjectName("afwijking_beleid")
        self.deviates_label = _label(self.form, self.deviates.buttons[0])
        self.motivation_edit = _text_edit(self.form, 4)
        self.motivation_edit.setObjectName("motivering_afwijking")
        self.motivation_label = _label(self.form, self.motivation_edit)

        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.instruments_label)
        column.addWidget(self.view)
        column.addLayout(remove_row)
        column.addLayout(add_grid)
        chain: list[QWidget] = [
            self.view,
            self.remove_button,
            self.law_combo,
            self.article_edit,
            self.note_edit,
            self.add_button,
            *self.lawful.buttons,
            *self.deviates.buttons,
            self.motivation_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        column.addSpacing(10)
        column.addWidget(self.lawful_label)
        column.addWidget(self.lawful)
        column.addSpacing(4)
        column.addWidget(self.deviates_label)
        column.addWidget(self.deviates)
        column.addSpacing(4)
        column.addWidget(self.motivation_label)
        column.addWidget(self.motivation_edit)

        self.add_button.clicked.connect(self.add_instrument)
        self.article_edit.returnPressed.connect(self.add_instrument)
        self.note_edit.returnPressed.connect(self.add_instrument)
        self.remove_button.clicked.connect(self.remove_instrument)
        self.model.edited.connect(self.changed)
        self.lawful.changed.connect(self.changed)
        self.deviates.changed.connect(self.changed)
        self.deviates.changed.connect(self._update_motivation_label)
        self.motivation_edit.textChanged.connect(self.changed)
        self.article_edit.textChanged.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def retranslate(self) -> None:
        super().retranslate()
        self.instruments_label.setText(_("Legal &instruments"))
        self.view.setAccessibleName(_("Legal instruments"))
        current = self.law_combo.currentText()
        self.law_combo.clear()
        self.law_combo.addItems([_(label) for label in WETTEN.values()])
        self.law_combo.setCurrentText(current or self.law_combo.itemText(0))
        self.law_label.setText(_("&Law"))
        self.law_combo.setAccessibleName(_("Law of the new instrument"))
        self.article_label.setText(_("&Article"))
        self.article_edit.setAccessibleName(_("Article of the new instrument"))
        self.note_label.setText(_("E&xplanation"))
        self.note_edit.setAccessibleName(_("Explanation of the new instrument"))
        self.add_button.setText(_("A&dd instrument"))
        self.remove_button.setText(_("Remo&ve instrument"))
        self.remove_button.setAccessibleName(_("Remove the selected instrument"))
        self.lawful_label.setText(_("Is the decision law&ful?"))
        self.lawful.retranslate(_("Is the decision lawful?"))
        self.deviates_label.setText(_("Does the decision deviate from &policy?"))
        self.deviates.retranslate(_("Does the decision deviate from policy?"))
        self.model.retranslate()
        self._update_motivation_label()

    def _update_motivation_label(self) -> None:
        if self.deviates.value():
            text = _("&Motivation of the deviation from policy (required)")
        else:
            text = _("&Motivation of the deviation from policy (only when it deviates)")
        self.motivation_label.setText(text)
        self.motivation_edit.setAccessibleName(text.replace("&", ""))

    def add_instrument(self) -> None:
        law, article = self.law_combo.currentText().strip(), self.article_edit.text().strip()
        if not self.model.editable or not law or not article:
            return
        self.model.append({"wet": law, "artikel": article, "toelichting": self.note_edit.text()})
        self.article_edit.clear()
        self.note_edit.clear()
        self.article_edit.setFocus()

    def remove_instrument(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if self.model.editable and rows:
            self.model.remove(rows[0].row())

    def _update_buttons(self) -> None:
        editable = self.model.editable
        self.add_button.setEnabled(editable and bool(self.article_edit.text().strip()))
        self.remove_button.setEnabled(editable and self.view.selectionModel().hasSelection())

    def values(self) -> Row:
        return {
            "instrumenten": _instruments(self.model.rows),
            "rechtmatig": self.lawful.value(),
            "afwijking_beleid": self.deviates.value(),
            "motivering_afwijking": _text(self.motivation_edit.toPlainText()),
        }

    def load(self, case: Row) -> None:
        self.model.set_rows(case.get("instrumenten") or [])
        self.lawful.set_value(case.get("rechtmatig"))
        self.deviates.set_value(case.get("afwijking_beleid"))
        self.motivation_edit.setPlainText(case.get("motivering_afwijking") or "")
        self._update_motivation_label()

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        for widget in (
            self.law_combo,
            self.article_edit,
            self.note_edit,
            self.add_button,
            self.remove_button,
            self.law_label,
            self.article_label,
            self.note_label,
        ):
            widget.setVisible(editable)
        self.lawful.set_editable(editable)
        self.deviates.set_editable(editable)
        self.motivation_edit.setReadOnly(not editable)
        self._update_buttons()

    def first_field(self) -> QWidget:
        return self.law_combo if self.model.editable else self.view


# ---------------------------------------------------------------------- the decision


class DecisionPanel(QWidget):
    """Draft the decision; submit it for approval or set it; a set one only gets new versions."""

    def __init__(self, page: ToetsPage) -> None:
        super().__init__(page)
        self.page = page
        self.decisions: list[Row] = []
        self.selected: Row | None = None
        self.heading = QLabel(self)
        self.heading.setFont(_scaled(self.font(), 1.3, QFont.Weight.DemiBold))
        self.guidance = _label(self)
        self.guidance.setContentsMargins(12, 8, 12, 8)
        self.guidance.setAutoFillBackground(True)
        palette = self.guidance.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.guidance.setPalette(palette)

        self.list_label = QLabel(self)
        self.list_label.setFont(_scaled(self.font(), 1.0, QFont.Weight.DemiBold))
        self.model = RowsModel(
            (
                Column(N_("Version"), lambda r: str(r.get("versie", "")), number=True),
                Column(N_("Outcome"), lambda r: _(UITKOMSTEN.get(r.get("uitkomst") or "", "—"))),
                Column(N_("Status"), self._status_text),
                Column(N_("Date"), self._date_of),
            ),
            self,
        )
        self.view = CompactTable(self.model, self)
        self.view.setObjectName("decisions_table")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_label.setBuddy(self.view)
        self.empty_label = _label(self)
        mute(self.empty_label)

        self.form = QWidget(self)
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.outcome_combo = QComboBox(self.form)
        self.outcome_combo.setObjectName("uitkomst")
        self.conditions_edit = _text_edit(self.form, 3)
        self.conditions_edit.setObjectName("voorwaarden")
        self.period_check = QCheckBox(self.form)
        self.period_check.setObjectName("periode")
        self.from_edit = self._date_edit("periode_van")
        self.until_edit = self._date_edit("periode_tot")
        self.from_label = QLabel(self.form)
        self.from_label.setBuddy(self.from_edit)
        self.until_label = QLabel(self.form)
        self.until_label.setBuddy(self.until_edit)
        dates_row = QHBoxLayout()
        dates_row.addWidget(self.from_label)
        dates_row.addWidget(self.from_edit)
        dates_row.addWidget(self.until_label)
        dates_row.addWidget(self.until_edit)
        dates_row.addStretch(1)
        period_row = QVBoxLayout()
        period_row.addWidget(self.period_check)
        period_row.addLayout(dates_row)
        self.review_check = QCheckBox(self.form)
        self.review_check.setObjectName("heroverweging")
        self.review_edit = self._date_edit("heroverweging_op")
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_check)
        review_row.addWidget(self.review_edit)
        review_row.addStretch(1)
        self.motivation_edit = _text_edit(self.form, 5)
        self.motivation_edit.setObjectName("motivering")
        self.outcome_label = _label(self.form, self.outcome_combo)
        self.conditions_label = _label(self.form, self.conditions_edit)
        self.period_label = _label(self.form, self.period_check)
        self.review_label = _label(self.form, self.review_check)
        self.motivation_label = _label(self.form, self.motivation_edit)
        form.addRow(self.outcome_label, self.outcome_combo)
        form.addRow(self.conditions_label, self.conditions_edit)
        form.addRow(self.period_label, period_row)
        form.addRow(self.review_label, review_row)
        form.addRow(self.motivation_label, self.motivation_edit)

        self.state_label = _label(self)
        self.state_label.setObjectName("decisionState")
        self.state_label.setFont(_scaled(self.font(), 1.0, QFont.Weight.DemiBold))
        self.state_detail = _label(self)
        self.state_detail.setObjectName("decisionStateDetail")
        self.reason_label = _label(self)
        self.reason_label.setObjectName("decisionReason")
        self.error_label = _label(self)
        self.error_label.setObjectName("decisionError")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setVisible(False)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_draft")
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submit")
        self.set_button = QPushButton(self)
        self.set_button.setObjectName("set_decision")
        self.new_version_button = QPushButton(self)
        self.new_version_button.setObjectName("new_version")
        # documents of the selected version (a letter only of a set decision)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("decision_pdf")
        self.pdf_button.setAutoDefault(False)
        self.letter_button = QPushButton(self)
        self.letter_button.setObjectName("decision_letter")
        self.letter_button.setAutoDefault(False)
        self.documents = DocumentExport(self, page.session, page.nav)
        self.documents.busy_changed.connect(lambda _busy: self.update_state())
        document_row = QHBoxLayout()
        document_row.addWidget(self.pdf_button)
        document_row.addWidget(self.letter_button)
        document_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_version_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.set_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.guidance)
        layout.addWidget(self.list_label)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.state_detail)
        layout.addLayout(document_row)
        layout.addSpacing(4)
        layout.addWidget(self.form)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        self.period_check.toggled.connect(self._update_dates)
        self.review_check.toggled.connect(self._update_dates)
        for signal in (
            self.outcome_combo.currentIndexChanged,
            self.conditions_edit.textChanged,
            self.motivation_edit.textChanged,
            self.period_check.toggled,
            self.review_check.toggled,
            self.from_edit.dateChanged,
            self.until_edit.dateChanged,
            self.review_edit.dateChanged,
        ):
            signal.connect(self.update_state)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        self.set_button.clicked.connect(self.set_decision)
        self.new_version_button.clicked.connect(self.new_version)
        self.pdf_button.clicked.connect(self.export_decision)
        self.letter_button.clicked.connect(self.export_letter)
        chain: list[QWidget] = [
            self.view,
            self.pdf_button,
            self.letter_button,
            self.outcome_combo,
            self.conditions_edit,
            self.period_check,
            self.from_edit,
            self.until_edit,
            self.review_check,
            self.review_edit,
            self.motivation_edit,
            self.save_button,
            self.new_version_button,
            self.submit_button,
            self.set_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self.form)
        edit.setObjectName(name)
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setCalendarPopup(True)
        return edit

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.heading.setText(_("Decision"))
        self.guidance.setText(_(DECISION_GUIDANCE))
        self.list_label.setText(_("Decisions &in this case"))
        self.view.setAccessibleName(_("Decisions in this case"))
        self.empty_label.setText(_("This case has no decision yet. Draft one below."))
        current = self.outcome_combo.currentData()
        self.outcome_combo.blockSignals(True)
        self.outcome_combo.clear()
        for code, label in UITKOMSTEN.items():
            self.outcome_combo.addItem(_(label), code)
        self.outcome_combo.setPlaceholderText(_("Choose the outcome"))
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(current))
        self.outcome_combo.blockSignals(False)
        self.outcome_label.setText(_("&Outcome"))
        self.outcome_combo.setAccessibleName(_("Outcome"))
        self.conditions_label.setText(_("&Conditions, one per line"))
        self.conditions_edit.setAccessibleName(_("Conditions, one per line"))
        self.period_label.setText(_("&Period"))
        self.period_check.setText(_("for a limited period"))
        self.from_label.setText(_("from"))
        self.period_check.setAccessibleName(_("For a limited period"))
        self.from_edit.setAccessibleName(_("Period from"))
        self.until_label.setText(_("until"))
        self.until_edit.setAccessibleName(_("Period until"))
        self.review_label.setText(_("&Review"))
        self.review_check.setText(_("look at it again on"))
        self.review_check.setAccessibleName(_("Review date"))
        self.review_edit.setAccessibleName(_("Review on"))
        self.motivation_label.setText(_("&Motivation"))
        self.motivation_edit.setAccessibleName(_("Motivation of the decision"))
        self.save_button.setText(_("Save &draft"))
        self.submit_button.setText(_("Submit for &approval"))
        self.set_button.setText(_("Set the &decision"))
        self.new_version_button.setText(_("&New version"))
        self.pdf_button.setText(_("Decision as PD&F…"))
        self.pdf_button.setAccessibleName(_("Save the motivated decision as a PDF"))
        self.letter_button.setText(_("&Letter to the resident…"))
        self.letter_button.setAccessibleName(_("Save the letter to the resident as a PDF"))
        self.model.retranslate()
        self.update_state()

    def _status_text(self, row: Row) -> str:
        return _(BESLUIT_STATUS.get(row.get("status") or "", "—"))

    def _date_of(self, row: Row) -> str:
        return date_text(row.get("vastgesteld_op") or row.get("ingediend_op")) or "—"

    # ---------------------------------------------------------------- loading
    def reload(self, select_id: str | None = None) -> None:
        session, case = self.page.session, self.page.case
        if case is None:
            return
        self.decisions = session.decisions.for_case(case["id"])
        self.model.set_rows(self.decisions)
        self.view.setVisible(bool(self.decisions))
        self.list_label.setVisible(bool(self.decisions))
        self.empty_label.setVisible(not self.decisions)
        chosen = next((d for d in self.decisions if d["id"] == select_id), None)
        if chosen is None and self.decisions:
            chosen = self.decisions[-1]  # the newest version
        self._select(chosen)

    def _select(self, decision: Row | None) -> None:
        self.selected = decision
        if decision is not None:
            row = self.decisions.index(decision)
            self.view.selectionModel().blockSignals(True)
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectionModel().blockSignals(False)
        self._load(decision or {})
        self.error_label.setVisible(False)
        self.update_state()

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self.decisions):
            if self.editable() and self.dirty():
                self.save(quiet=True)
            self._select(self.decisions[current.row()])

    def _load(self, decision: Row) -> None:
        today = self.page.today()
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(decision.get("uitkomst")))
        self.conditions_edit.setPlainText("\n".join(decision.get("voorwaarden") or []))
        van, tot = decision.get("periode_van"), decision.get("periode_tot")
        self.period_check.setChecked(bool(van or tot))
        self.from_edit.setDate(_qdate(van) or _qdate(today.isoformat()) or QDate())
        until = tot or (today + dt.timedelta(days=182)).isoformat()
        self.until_edit.setDate(_qdate(until) or QDate())
        review = decision.get("heroverweging_op")
        self.review_check.setChecked(bool(review))
        fallback = (today + dt.timedelta(days=150)).isoformat()
        self.review_edit.setDate(_qdate(review or fallback) or QDate())
        self.motivation_edit.setPlainText(decision.get("motivering") or "")
        self._update_dates()

    def _update_dates(self) -> None:
        editable = self.editable()
        self.from_edit.setEnabled(editable and self.period_check.isChecked())
        self.until_edit.setEnabled(editable and self.period_check.isChecked())
        self.review_edit.setEnabled(editable and self.review_check.isChecked())

    # ---------------------------------------------------------------- state
    def editable(self) -> bool:
        """The selected decision (or a new one) may be changed by this user."""
        if not self.page.session.can(Permission.DRAFT_DECISION) or not self.page.case_open():
            return False
        if self.selected is None:
            return True
        return self.selected["status"] in decision_rules.EDITABLE

    def values(self) -> Row:
        conditions = [line.strip() for line in self.conditions_edit.toPlainText().splitlines()]
        period = self.period_check.isChecked()
        return {
            "uitkomst": self.outcome_combo.currentData(),
            "voorwaarden": [c for c in conditions if c],
            "periode_van": _iso(self.from_edit.date()) if period else None,
            "periode_tot": _iso(self.until_edit.date()) if period else None,
            "heroverweging_op": _iso(self.review_edit.date())
            if self.review_check.isChecked()
            else None,
            "motivering": _text(self.motivation_edit.toPlainText()),
        }

    def dirty(self) -> bool:
        stored = self.selected or {}
        return any(not _same(k, stored.get(k), v) for k, v in self.values().items())

    def update_state(self) -> None:
        case = self.page.case
        editable = self.editable()
        for widget in (self.outcome_combo, self.period_check, self.review_check):
            widget.setEnabled(editable)
        for edit in (self.conditions_edit, self.motivation_edit):
            edit.setReadOnly(not editable)
        self._update_dates()
        decision = self.selected
        can_draft = self.page.session.can(Permission.DRAFT_DECISION) and self.page.case_open()
        deviates = bool(case and case.get("afwijking_beleid"))
        complete = bool(case and toets.all_complete(case))
        values = self.values()
        self.save_button.setVisible(editable)
        self.save_button.setEnabled(bool(values["uitkomst"]))
        self.submit_button.setVisible(editable and deviates)
        self.set_button.setVisible(
            editable and not deviates and self.page.session.can(Permission.SET_DECISION)
        )
        latest = bool(self.decisions) and decision is self.decisions[-1]
        self.new_version_button.setVisible(
            can_draft
            and decision is not None
            and decision["status"] == decision_rules.VASTGESTELD
            and latest
        )
        reasons: list[str] = []
        if editable:
            if not values["uitkomst"]:
                reasons.append(_("Choose the outcome."))
            if not complete:
                reasons.append(_(decision_rules.NOT_COMPLETE))
            if not values["motivering"]:
                reasons.append(_("Write the motivation of the decision."))
        ready = editable and not reasons
        self.submit_button.setEnabled(ready)
        self.set_button.setEnabled(ready)
        if editable and reasons:
            action = _("Before you can submit or set the decision:")
            self.reason_label.setText(action + "\n" + "\n".join(f"• {r}" for r in reasons))
        elif editable and deviates:
            self.reason_label.setText(
                _("This decision deviates from policy: a teamleider approves it before it is set.")
            )
        else:
            self.reason_label.setText("")
        self.reason_label.setVisible(bool(self.reason_label.text()))
        self._update_documents(decision)
        parts = self._state_text(decision)
        self.state_label.setText(parts[0] if parts else "")
        self.state_detail.setText("\n".join(parts[1:]))
        self.state_label.setVisible(bool(parts))
        self.state_detail.setVisible(len(parts) > 1)
        self.page.update_decision_item()

    def _update_documents(self, decision: Row | None) -> None:
        busy = self.documents.busy
        is_set = decision is not None and decision["status"] == decision_rules.VASTGESTELD
        for button in (self.pdf_button, self.letter_button):
            button.setVisible(decision is not None)
        self.pdf_button.setEnabled(decision is not None and not busy)
        self.letter_button.setEnabled(is_set and not busy)
        self.letter_button.setToolTip(
            "" if is_set else _("A letter can only be made of a decision that has been set.")
        )

    def _state_text(self, decision: Row | None) -> list[str]:
        """The selected decision's version and status, then who did what and when."""
        if decision is None:
            return []
        status = str(decision["status"])
        parts = [
            _(
                "Version {version}: {status}",
                version=decision["versie"],
                status=_(BESLUIT_STATUS.get(status, status)),
            )
        ]
        names = self.page.user_names(
            [decision.get("vastgesteld_door") or "", decision.get("goedgekeurd_door") or ""]
        )
        if status == decision_rules.TER_GOEDKEURING:
            parts.append(
                _(
                    "Submitted on {date}; waiting for a teamleider.",
                    date=date_text(decision.get("ingediend_op")),
                )
            )
            if self.page.session.can(Permission.APPROVE_DECISION):
                key = shortcut("approvals").toString(QKeySequence.SequenceFormat.NativeText)
                parts.append(
                    _("You approve it or send it back under Approvals ({shortcut}).", shortcut=key)
                )
        elif status == decision_rules.AFGEKEURD:
            parts.append(
                _(
                    "Sent back by the teamleider: {comment}",
                    comment=decision.get("goedkeuring_opmerking") or "",
                )
            )
        elif status == decision_rules.VASTGESTELD:
            parts.append(
                _(
                    "Set on {date} by {name}. A set decision does not change; "
                    "make a new version to change it.",
                    date=date_text(decision.get("vastgesteld_op")),
                    name=names.get(decision.get("vastgesteld_door") or "", "?"),
                )
            )
            if decision.get("goedgekeurd_door"):
                parts.append(
                    _(
                        "Approved by {name}.",
                        name=names.get(decision["goedgekeurd_door"], "?"),
                    )
                )
                if decision.get("goedkeuring_opmerking"):
                    parts.append(_("Comment: {comment}", comment=decision["goedkeuring_opmerking"]))
        return parts

    # ---------------------------------------------------------------- actions
    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, WerkpleinError):
            self.error_label.setText("⚠ " + error_text(exc))
            self.error_label.setVisible(True)
        else:
            self.page.nav.show_error(exc)

    def save(self, quiet: bool = False) -> bool:
        """Write the draft (a new one, or changes to the selected one). True when saved."""
        if not self.editable():
            return False
        values = self.values()
        if not values["uitkomst"]:
            if not quiet:
                self._fail(WerkpleinError(N_("Choose the outcome.")))
            return False
        session, case = self.page.session, self.page.case
        assert case is not None
        try:
            if self.selected is None:
                select = session.decisions.draft(case["id"], **values)
            else:
                select = self.selected["id"]
                if self.dirty():
                    session.decisions.update_draft(select, **values)
        except Exception as exc:
            self._fail(exc)
            return False
        self.page.nav.data_changed(self.page)
        self.reload(select)
        if not quiet:
            self.page.nav.show_status(_("The draft decision is saved."))
        return True

    def submit(self) -> None:
        if not self.save(quiet=True) or self.selected is None:
            return
        try:
            self.page.session.decisions.submit(self.selected["id"])
        except Exception as exc:
            self._fail(exc)
            return
        self.page.nav.data_changed(self.page)
        self.reload(self.selected["id"])
        self.page.nav.show_status(_("The decision is sent to a teamleider for approval."))

    def set_decision(self) -> None:
        if not self.save(quiet=True) or self.selected is None:
            return
        try:
            self.page.session.decisions.set(self.selected["id"])
        except Exception as exc:
            self._fail(exc)
            return
        self.page.nav.data_changed(self.page)
        self.reload(self.selected["id"])
        self.page.nav.show_status(_("The decision is set."))

    def new_version(self) -> None:
        if self.selected is None:
            return
        try:
            new_id = self.page.session.decisions.new_version(self.selected["id"])
        except Exception as exc:
            self._fail(exc)
            return
        self.page.nav.data_changed(self.page)
        self.reload(new_id)
        self.outcome_combo.setFocus()
        self.page.nav.show_status(_("A new draft version is made; the set decision stays."))

    def export_decision(self) -> None:
        """The motivated decision of the selected version (a draft is saved first)."""
        if self.selected is None:
            return
        if self.editable() and self.dirty() and not self.save(quiet=True):
            return
        decision = self.selected
        draft = decision["status"] != decision_rules.VASTGESTELD
        name = file_name(
            self.page.session,
            "draft" if draft else "decision",
            None if draft else decision.get("vastgesteld_op"),
        )
        besluit_id = decision["id"]
        self.documents.save(
            _("Save the decision as a PDF"),
            name,
            lambda s, out, share: s.exports.decision(besluit_id, out, into_share=share),
        )

    def export_letter(self) -> None:
        """The letter to the resident, in plain Dutch, of a set decision."""
        decision = self.selected
        if decision is None or decision["status"] != decision_rules.VASTGESTELD:
            return
        besluit_id = decision["id"]
        self.documents.save(
            _("Save the letter to the resident"),
            file_name(self.page.session, "letter", decision.get("vastgesteld_op")),
            lambda s, out, share: s.exports.letter(besluit_id, out, into_share=share),
        )

    def release(self) -> None:
        self.decisions = []
        self.selected = None
        self.model.set_rows([])
        self._load({})


def _qdate(iso: str | None) -> QDate | None:
    if not iso:
        return None
    date = QDate.fromString(iso[:10], "yyyy-MM-dd")
    return date if date.isValid() else None


def _iso(date: QDate) -> str:
    return str(date.toString("yyyy-MM-dd"))


# ---------------------------------------------------------------------- the page


class ToetsPage(Page):
    key = "toets"

    def __init__(
        self, session: Session, nav: Navigator, parent: QWidget | None = None, ident: str = ""
    ) -> None:
        super().__init__(session, nav, parent)
        self.casus_id = ident
        self.case: Row | None = None
        self.resident_name = ""
        self.saved_states: list[StepState] = []
        self.current = 0
        self._users: dict[str, str] = {}

        self.banner = _label(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setContentsMargins(12, 8, 12, 8)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setFont(_scaled(self.font(), 1.0, QFont.Weight.DemiBold))
        self.banner.setVisible(False)
        self.case_title = QLabel(self)
        self.case_title.setObjectName("caseTitle")
        self.case_title.setTextFormat(Qt.TextFormat.PlainText)
        self.case_title.setFont(_scaled(self.font(), 1.15, QFont.Weight.DemiBold))
        self.case_meta = QLabel(self)
        self.case_meta.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.case_meta)
        self.dossier_button = QPushButton(self)
        self.dossier_button.setObjectName("open_dossier")

        self.step_list = QListWidget(self)
        self.step_list.setObjectName("steps")
        icon_size = self.fontMetrics().height() + 4
        self.step_list.setIconSize(QSize(icon_size, icon_size))
        self.step_list.setSpacing(3)
        self._icon_size = icon_size
        for _n in range(5):
            self.step_list.addItem(QListWidgetItem())
        width = self.fontMetrics().horizontalAdvance("4. Juridische toets") + icon_size + 36
        self.step_list.setFixedWidth(width)

        self.effect = EffectPanel()
        self.grondwaarde = GrondwaardePanel()
        self.afweging = AfwegingPanel(session)
        self.juridisch = JuridischPanel()
        self.panels: list[StepPanel] = [
            self.effect,
            self.grondwaarde,
            self.afweging,
            self.juridisch,
        ]
        self.decision_panel = DecisionPanel(self)
        self.stack = QStackedWidget(self)
        self.scrolls: list[QScrollArea] = []
        readable = self.fontMetrics().averageCharWidth() * 120  # lines stay readable when wide
        for panel in [*self.panels, self.decision_panel]:
            panel.setMaximumWidth(readable)
            scroll = QScrollArea(self.stack)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the fields; it scrolls
            scroll.setWidget(panel)
            self.stack.addWidget(scroll)
            self.scrolls.append(scroll)
        for panel in self.panels:
            panel.changed.connect(self.update_state)

        self.footer = QFrame(self)
        self.footer.setObjectName("stepFooter")
        self.footer.setFrameShape(QFrame.Shape.StyledPanel)
        self.reopen_label = _label(self.footer)
        self.reopen_label.setObjectName("reopenWarning")
        self.status_label = _label(self.footer)
        self.status_label.setObjectName("stepStatus")
        self.error_label = _label(self.footer)
        self.error_label.setObjectName("stepError")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setVisible(False)
        self.save_button = QPushButton(self.footer)
        self.save_button.setObjectName("save_step")
        self.complete_button = QPushButton(self.footer)
        self.complete_button.setObjectName("complete_step")
        self.complete_button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.complete_button)
        footer_column = QVBoxLayout(self.footer)
        footer_column.setContentsMargins(16, 10, 16, 10)
        self.status_icon = QLabel(self.footer)
        status_line = QHBoxLayout()
        status_line.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        status_line.addWidget(self.status_label, 1)
        footer_column.addWidget(self.reopen_label)
        footer_column.addLayout(status_line)
        footer_column.addWidget(self.error_label)
        footer_column.addLayout(buttons)

        header = QHBoxLayout()
        header_text = QVBoxLayout()
        header_text.setSpacing(2)
        header_text.addWidget(self.case_title)
        header_text.addWidget(self.case_meta)
        header.addLayout(header_text, 1)
        header.addWidget(self.dossier_button, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.stack, 1)
        right.addWidget(self.footer)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.step_list)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 12)
        layout.setSpacing(8)
        layout.addWidget(self.banner)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        self.footer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.actions_: dict[str, QAction] = {}
        for name, slot in (
            ("save", self.save),
            ("complete_step", self.complete),
            ("next_step", self.next_step),
            ("previous_step", self.previous_step),
        ):
            action = QAction(self)
            action.setShortcut(shortcut(name))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions_[name] = action

        self.step_list.currentRowChanged.connect(self._on_step_row)
        self.save_button.clicked.connect(self.save)
        self.complete_button.clicked.connect(self.complete)
        self.dossier_button.clicked.connect(self._open_dossier)
        self.step_list.setCurrentRow(0)
        self.retranslate()

    # ------------------------------------------------------------------ Page
    def title(self) -> str:
        return _("Omgekeerde Toets")

    def today(self) -> dt.date:
        return self.session.today()

    def case_open(self) -> bool:
        return self.case is not None and self.case.get("status") == "open"

    def can_edit(self) -> bool:
        return self.session.can(Permission.EDIT_CASE) and self.case_open()

    def retranslate(self) -> None:
        self.save_button.setText(_("&Save"))
        self.save_button.setToolTip(self._with_key(_("Save this step"), "save"))
        self.complete_button.setText(_("&Complete step"))
        self.complete_button.setToolTip(
            self._with_key(_("Mark this step complete"), "complete_step")
        )
        self.step_list.setAccessibleName(_("Steps of the Omgekeerde Toets"))
        self.step_list.setToolTip(
            _(
                "{next} next step, {previous} previous step",
                next=shortcut("next_step").toString(QKeySequence.SequenceFormat.NativeText),
                previous=shortcut("previous_step").toString(QKeySequence.SequenceFormat.NativeText),
            )
        )
        self.dossier_button.setText(_("Open the d&ossier"))
        self.dossier_button.setAccessibleName(_("Open the dossier of this resident"))
        for name, action in self.actions_.items():
            action.setText(
                {
                    "save": _("Save"),
                    "complete_step": _("Mark this step complete"),
                    "next_step": _("Next step"),
                    "previous_step": _("Previous step"),
                }[name]
            )
        for panel in self.panels:
            panel.retranslate()
        self.decision_panel.retranslate()
        self._show_case()

    @staticmethod
    def _with_key(text: str, name: str) -> str:
        sequence = shortcut(name).toString(QKeySequence.SequenceFormat.NativeText)
        return f"{text} ({sequence})"

    def refresh(self) -> None:
        if self.case is not None and self.can_edit():
            self.save_pending()
        self.case = self.session.cases.get(self.casus_id)  # logged as a view of the dossier
        inwoner_id = self.case["inwoner_id"]
        self.resident_name = self.session.residents.names([inwoner_id]).get(inwoner_id, "")
        self.afweging.set_prices(self.session.policy.prices())
        for panel in self.panels:
            panel.load(self.case)
        self.decision_panel.reload()
        self._show_case()

    def release(self) -> None:
        self._save_before_lock()
        self.case = None
        self.resident_name = ""
        self._users.clear()
        for panel in self.panels:
            panel.release()
        self.decision_panel.release()
        self.case_title.clear()
        self.case_meta.clear()

    def _save_before_lock(self) -> None:
        """The app locks (maybe idle): keep what was typed. No dialogs now; a failure is left."""
        if self.case is None or not self.can_edit():
            return
        try:
            changes = self.all_changes()
            if changes:
                self.session.cases.update(self.casus_id, **changes)
            panel = self.decision_panel
            if panel.editable() and panel.dirty() and panel.values()["uitkomst"]:
                if panel.selected is None:
                    self.session.decisions.draft(self.casus_id, **panel.values())
                else:
                    self.session.decisions.update_draft(panel.selected["id"], **panel.values())
        except Exception:  # locking must go on; the form is dropped anyway
            pass

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.step_list.setFocus(Qt.FocusReason.OtherFocusReason)  # keyboard users start here

    def hideEvent(self, event: QHideEvent) -> None:
        # leaving the screen saves, so nothing typed is lost
        if self.case is not None and self.can_edit():
            self.save_pending()
        super().hideEvent(event)

    # ------------------------------------------------------------------ data
    def user_names(self, ids: Sequence[str]) -> dict[str, str]:
        """Names of colleagues (who set or approved a decision)."""
        if any(i and i not in self._users for i in ids):
            self._users.update(self.session.user_names())
        return {i: self._users.get(i, "?") for i in ids if i}

    def _reload_case(self) -> None:
        """The case as stored after a write (not logged again: the screen was already open)."""
        assert self.case is not None
        for case in self.session.cases.for_resident(self.case["inwoner_id"]):
            if case["id"] == self.casus_id:
                self.case = case
                return

    def changes(self, step: int) -> Row:
        """The fields of ``step`` whose value on screen differs from the stored one."""
        if self.case is None:
            return {}
        values = self.panels[step - 1].values()
        return {k: v for k, v in values.items() if not _same(k, self.case.get(k), v)}

    def all_changes(self) -> Row:
        out: Row = {}
        for step in toets.STEPS:
            out.update(self.changes(step))
        return out

    def _merged(self) -> Row:
        """The case as it will be once what is on screen is saved."""
        assert self.case is not None
        changes = self.all_changes()
        merged = {**self.case, **changes}
        for step in toets.steps_reopened_by(set(changes)):
            merged[toets.DONE_FIELD[step]] = False
        return merged

    # ------------------------------------------------------------------ display
    def _show_case(self) -> None:
        case = self.case
        if case is None:
            self.case_title.setText("")
            self.case_meta.setText("")
            return
        self.case_title.setText(str(case.get("title") or ""))
        meta = [
            _("Resident: {name}", name=self.resident_name),
            _("opened on {date}", date=date_text(case.get("opened_on"))),
        ]
        if case.get("status") != "open":
            meta.append(_("closed"))
        self.case_meta.setText(" · ".join(meta))
        if not self.session.can(Permission.EDIT_CASE):
            self.banner.setText(
                _(
                    "Read only: your role ({role}) may read this case but not change the toets "
                    "or the decision.",
                    role=self.session.user.role_label,
                )
            )
        elif not self.case_open():
            self.banner.setText(_("Read only: this case is closed. Reopen it to change it."))
        self.banner.setVisible(not self.can_edit())
        editable = self.can_edit()
        for panel in self.panels:
            panel.set_editable(editable)
        self.update_state()

    def update_state(self) -> None:
        """Step list, locks, and the footer of the current step, after any change."""
        case = self.case
        if case is None:
            return
        self.saved_states = self.session.cases.step_states(case)
        locked4 = not all(case.get(toets.DONE_FIELD[n]) for n in (1, 2, 3))
        for state in self.saved_states:
            kind = DONE if state.complete else (LOCKED if state.step == 4 and locked4 else OPEN)
            self._set_item(state.step - 1, _(toets.STEP_TITLES[state.step]), kind)
        self.panels[3].set_locked(locked4)
        self.update_decision_item()
        self._update_footer(locked4)

    def _set_item(self, row: int, title: str, kind: str, word: str | None = None) -> None:
        item = self.step_list.item(row)
        word = word or _(STATE_WORDS[kind])
        symbol = {DONE: "✓ ", LOCKED: "", OPEN: ""}[kind]
        item.setText(f"{row + 1}. {title}\n{symbol}{word}")
        item.setIcon(state_icon(kind, self._icon_size))
        item.setData(Qt.ItemDataRole.UserRole, kind)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            _("Step {number}, {title}: {state}", number=row + 1, title=title, state=word),
        )

    def update_decision_item(self) -> None:
        panel = self.decision_panel
        decision = panel.decisions[-1] if panel.decisions else None
        if decision is None:
            word, kind = _("no decision yet"), OPEN
        else:
            status = str(decision["status"])
            word = _(BESLUIT_STATUS.get(status, status))
            kind = DONE if status == decision_rules.VASTGESTELD else OPEN
        self._set_item(DECISION_INDEX, _("Decision"), kind, word)

    def _update_footer(self, locked4: bool) -> None:
        on_step = self.current < DECISION_INDEX
        self.footer.setVisible(on_step)
        if not on_step or self.case is None:
            return
        step = self.current + 1
        editable = self.can_edit()
        self.save_button.setVisible(editable)
        self.complete_button.setVisible(editable)
        if not editable:
            self.reopen_label.setVisible(False)
            saved = self.saved_states[step - 1]
            self._set_status(
                DONE if saved.complete else OPEN,
                _("This step is complete.") if saved.complete else _("This step is open."),
            )
            return
        changes = self.changes(step)
        merged_states = self.session.cases.step_states(self._merged())
        state = merged_states[step - 1]
        saved_done = {s.step for s in self.saved_states if s.complete}
        reopens = sorted(toets.steps_reopened_by(set(self.all_changes())) & saved_done)
        if reopens:
            self.reopen_label.setText(
                "⚠ "
                + _(
                    "When you save this change, step {steps} opens again. "
                    "Complete it again afterwards.",
                    steps=_steps_text(reopens),
                )
                if len(reopens) == 1
                else "⚠ "
                + _(
                    "When you save this change, steps {steps} open again. "
                    "Complete them again afterwards.",
                    steps=_steps_text(reopens),
                )
            )
        self.reopen_label.setVisible(bool(reopens))
        locked = step == 4 and locked4
        self.save_button.setEnabled(bool(changes) and not locked)
        self.complete_button.setEnabled(not locked and not state.complete and state.can_complete)
        if locked:
            kind, text = LOCKED, _(toets.order_problems({}, 4)[0])
        elif state.complete:
            kind, text = DONE, _("This step is complete.")
        elif state.can_complete:
            kind, text = OPEN, _("Everything is filled in. You can complete this step.")
        else:
            kind, text = (
                OPEN,
                _("Still needed to complete this step:")
                + "\n"
                + "\n".join(f"• {_(problem)}" for problem in state.problems),
            )
        self._set_status(kind, text)
        self.complete_button.setAccessibleDescription(text)

    def _set_status(self, kind: str, text: str) -> None:
        self.status_label.setText(text)
        size = self.fontMetrics().height() + 2
        if kind == OPEN:
            self.status_icon.clear()
        else:
            self.status_icon.setPixmap(state_icon(kind, size).pixmap(size, size))
        self.status_icon.setVisible(kind != OPEN)

    # ------------------------------------------------------------------ navigation
    def _on_step_row(self, row: int) -> None:
        self.go_to(row, focus=False)

    def go_to(self, index: int, *, focus: bool = True) -> None:
        if not 0 <= index <= DECISION_INDEX:
            return
        if index != self.current and not self.save_pending():
            self._sync_list()
            return
        self.current = index
        self._sync_list()
        self.stack.setCurrentIndex(index)
        self.scrolls[index].verticalScrollBar().setValue(0)
        self.error_label.setVisible(False)
        if self.case is not None:
            self.update_state()
        if focus:
            if index < DECISION_INDEX:
                panel = self.panels[index]
                target = panel.first_field() if panel.form.isEnabled() else self.step_list
            else:
                target = self.decision_panel.outcome_combo
                if not self.decision_panel.editable():
                    target = self.decision_panel.view
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _sync_list(self) -> None:
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(self.current)
        self.step_list.blockSignals(False)

    def next_step(self) -> None:
        self.go_to(min(self.current + 1, DECISION_INDEX))

    def previous_step(self) -> None:
        self.go_to(max(self.current - 1, 0))

    def _open_dossier(self) -> None:
        if self.case is not None:
            self.nav.open_dossier(self.case["inwoner_id"])

    # ------------------------------------------------------------------ writing
    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, WerkpleinError):
            self.error_label.setText("⚠ " + error_text(exc))
            self.error_label.setVisible(True)
        else:
            self.nav.show_error(exc)

    def save_pending(self) -> bool:
        """Save whatever is changed on screen (steps and the draft decision). False on error."""
        if self.case is None or not self.can_edit():
            return True
        if self.current == DECISION_INDEX:
            panel = self.decision_panel
            if panel.editable() and panel.dirty() and panel.values()["uitkomst"]:
                return panel.save(quiet=True)
            return True
        return self._save_step(self.current + 1, quiet=True)

    def _save_step(self, step: int, *, quiet: bool) -> bool:
        changes = self.changes(step)
        if not changes:
            return True
        assert self.case is not None
        before = {s.step for s in self.saved_states if s.complete}
        try:
            self.session.cases.update(self.casus_id, **changes)
        except Exception as exc:
            self._fail(exc)
            return False
        self._reload_case()
        self.nav.data_changed(self)
        self.error_label.setVisible(False)
        self.update_state()
        after = {s.step for s in self.saved_states if s.complete}
        reopened = sorted(before - after)
        if reopened:
            self.nav.show_status(
                _("Saved. Steps {steps} are open again.", steps=_steps_text(reopened))
                if len(reopened) > 1
                else _("Saved. Step {steps} is open again.", steps=_steps_text(reopened))
            )
        elif not quiet:
            self.nav.show_status(_("Saved."))
        return True

    def save(self) -> None:
        if self.current == DECISION_INDEX:
            self.decision_panel.save()
        elif self.can_edit():
            self._save_step(self.current + 1, quiet=False)

    def complete(self) -> None:
        if self.current == DECISION_INDEX or not self.can_edit():
            return
        step = self.current + 1
        if not self.complete_button.isEnabled():
            return
        if not self._save_step(step, quiet=True):
            return
        try:
            self.session.cases.complete_step(self.casus_id, step)
        except Exception as exc:
            self._fail(exc)
            return
        self._reload_case()
        self.nav.data_changed(self)
        self.nav.show_status(_("Step {number} is complete.", number=step))
        self.decision_panel.update_state()
        self.update_state()
        self.go_to(step)  # on to the next step (after step 4: the decision)
