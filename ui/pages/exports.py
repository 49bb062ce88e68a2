"""The teamleider's export: every set decision of a period, for the archive or the auditor.

A period (the previous calendar month by default), optionally one gemeente, and a folder. The
export makes a new folder in it (named after the period, nothing about a person) with one PDF
per decision, ``overzicht.csv`` and ``overzicht.pdf``. It runs in a worker with a progress bar
and a Stop button; the core makes the files in a hidden folder and moves them in only when all
are complete, so a stop or an error leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui import ERROR_COLOUR, error_text, mute
from ui.export import confirm_share, open_folder, remember_folder, start_folder
from ui.pages.base import Navigator, Page
from ui.tasks import Progress, TaskHandle, run_task
from ui.widgets.dates import DateField
from werkplein.errors import ExportCancelled, ValidationFailed, WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.exports import BatchResult
from werkplein.services.session import Session

OVERVIEW_FILES = ("overzicht.csv", "overzicht.pdf")
FOLDER_NAME = N_("decisions-{start}-{end}")
BATCH_NOTICE = N_(
    "These documents hold personal data without encryption. Keep them in a safe place and "
    "delete them when you no longer need them."
)


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the calendar month before ``today``'s."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def folder_name(start: str, end: str, gemeente: str | None) -> str:
    """``besluiten-2026-10-01-2026-10-31[-oosterzand]``: the period, never a person."""
    name = _(FOLDER_NAME, start=start, end=end)
    if gemeente:
        slug = re.sub(r"[^0-9a-z]+", "-", gemeente.casefold()).strip("-")
        name += f"-{slug}" if slug else ""
    return name


def free_folder(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name-2``, ``name-3`` … when that folder already holds files."""
    for number in itertools.count(1):
        candidate = parent / (name if number == 1 else f"{name}-{number}")
        if not candidate.exists() or (candidate.is_dir() and not any(candidate.iterdir())):
            return candidate
    raise AssertionError("unreachable")


class ExportsPage(Page):
    key = "exports"
    shows = frozenset({"besluit", "instelling"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.task: TaskHandle | None = None
        self.result: BatchResult | None = None

        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)

        self.from_edit = self._date_edit("exportFrom")
        self.until_edit = self._date_edit("exportUntil")
        self.from_label = QLabel(self)
        self.from_label.setBuddy(self.from_edit)
        self.until_label = QLabel(self)
        self.until_label.setBuddy(self.until_edit)
        period_row = QHBoxLayout()
        period_row.addWidget(self.from_edit)
        period_row.addSpacing(12)
        period_row.addWidget(self.until_label)
        period_row.addWidget(self.until_edit)
        period_row.addStretch(1)

        self.gemeente_combo = QComboBox(self)
        self.gemeente_combo.setObjectName("exportGemeente")
        self.gemeente_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.gemeente_label = QLabel(self)
        self.gemeente_label.setBuddy(self.gemeente_combo)
        gemeente_row = QHBoxLayout()
        gemeente_row.addWidget(self.gemeente_combo)
        gemeente_row.addStretch(1)

        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("exportFolder")
        self.folder_label = QLabel(self)
        self.folder_label.setBuddy(self.folder_edit)
        self.choose_button = QPushButton(self)
        self.choose_button.setObjectName("chooseFolder")
        self.choose_button.setAutoDefault(False)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.target_label = QLabel(self)
        self.target_label.setObjectName("exportTarget")
        self.target_label.setTextFormat(Qt.TextFormat.PlainText)
        mute(self.target_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setHorizontalSpacing(16)
        form.addRow(self.from_label, period_row)
        form.addRow(self.gemeente_label, gemeente_row)
        form.addRow(self.folder_label, folder_row)
        form.addRow("", self.target_label)

        # the personal-data notice, always in sight on this screen: an icon and words
        self.notice = QFrame(self)
        self.notice.setObjectName("exportNoticeFrame")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setStyleSheet(
            "QFrame#exportNoticeFrame { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px; }"
        )
        self.notice_icon = QLabel(self.notice)
        size = self.fontMetrics().height() + 4
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.notice_icon.setPixmap(icon.pixmap(size, size))
        self.notice_label = QLabel(self.notice)
        self.notice_label.setObjectName("exportNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(10, 8, 12, 8)
        notice_row.setSpacing(10)
        notice_row.addWidget(self.notice_icon, 0, Qt.AlignmentFlag.AlignTop)
        notice_row.addWidget(self.notice_label, 1)

        self.export_button = QPushButton(self)
        self.export_button.setObjectName("startExport")
        self.export_button.setDefault(True)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopExport")
        self.stop_button.setAutoDefault(False)
        self.stop_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.setVisible(False)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("exportProgressText")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setVisible(False)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setVisible(False)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openExportFolder")
        self.open_button.setAutoDefault(False)
        self.open_button.setVisible(False)
        result_row = QHBoxLayout()
        result_row.addWidget(self.open_button)
        result_row.addStretch(1)

        body = QWidget(self)
        body.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.intro_label)
        column.addSpacing(4)
        column.addLayout(form)
        column.addWidget(self.notice)
        column.addLayout(buttons)
        column.addWidget(self.progress_bar)
        column.addWidget(self.progress_label)
        column.addWidget(self.result_label)
        column.addLayout(result_row)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.addWidget(body, 1)

        self.gemeente_combo.currentIndexChanged.connect(self._update_target)
        self.from_edit.changed.connect(self._update_target)
        self.until_edit.changed.connect(self._update_target)
        self.folder_edit.textChanged.connect(self._update_target)
        self.choose_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.open_button.clicked.connect(self._open_result)
        chain: list[QWidget] = [
            self.from_edit,
            self.until_edit,
            self.gemeente_combo,
            self.folder_edit,
            self.choose_button,
            self.export_button,
            self.stop_button,
            self.open_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        start, end = previous_month(session.today())
        self.from_edit.set_value(start)
        self.until_edit.set_value(end)
        self.folder_edit.setText(str(start_folder(session)))
        self.retranslate()

    def _date_edit(self, name: str) -> DateField:
        edit = DateField(self.session.today, self)
        edit.setObjectName(name)
        return edit

    # ------------------------------------------------------------------ Page
    def title(self) -> str:
        return _("Export decisions")

    def retranslate(self) -> None:
        self.intro_label.setText(
            _(
                "Export every set decision of a period, for the archive or the auditor: one "
                "PDF per decision, with an overview (overzicht.csv and overzicht.pdf) of the "
                "outcomes, the gemeenten and the deviations from policy."
            )
        )
        self.from_label.setText(_("&Period from"))
        self.from_edit.setAccessibleName(_("Period from"))
        self.until_label.setText(_("&until"))
        self.until_edit.setAccessibleName(_("Period up to and including"))
        self.gemeente_label.setText(_("&Gemeente"))
        self.gemeente_combo.setAccessibleName(_("Gemeente"))
        self._fill_gemeenten()
        self.folder_label.setText(_("&Save in"))
        self.folder_edit.setAccessibleName(_("Folder to save the documents in"))
        self.choose_button.setText(_("C&hoose…"))
        self.choose_button.setAccessibleName(_("Choose the folder"))
        self.notice_label.setText(_(BATCH_NOTICE))
        self.notice_icon.setAccessibleName(_("Note"))
        self.export_button.setText(_("&Export"))
        self.export_button.setAccessibleName(_("Export the decisions of the period"))
        self.stop_button.setText(_("S&top"))
        self.stop_button.setAccessibleName(_("Stop the export"))
        self.progress_bar.setAccessibleName(_("Export progress"))
        self.open_button.setText(_("&Open the folder"))
        self.open_button.setAccessibleName(_("Open the folder with the exported documents"))
        self._update_target()
        if self.result is not None:
            self._show_result(self.result)

    def refresh(self) -> None:
        self._fill_gemeenten()

    def release(self) -> None:
        if self.task is not None:
            self.task.progress.cancel()
        self.result = None
        self.result_label.clear()
        self.result_label.setVisible(False)
        self.open_button.setVisible(False)

    def _fill_gemeenten(self) -> None:
        current = self.gemeente_combo.currentData()
        try:
            names = list(self.session.policy.region().gemeenten)
        except WerkpleinError:
            names = []
        self.gemeente_combo.blockSignals(True)
        self.gemeente_combo.clear()
        self.gemeente_combo.addItem(_("All gemeenten"), None)
        for name in names:
            self.gemeente_combo.addItem(name, name)
        self.gemeente_combo.setCurrentIndex(max(self.gemeente_combo.findData(current), 0))
        self.gemeente_combo.blockSignals(False)

    # ------------------------------------------------------------------ choices
    def period(self) -> tuple[str, str] | None:
        """The first and last day (ISO); None while a date is not understood or empty."""
        try:
            start, end = self.from_edit.checked_value(), self.until_edit.checked_value()
        except ValidationFailed:
            return None
        if start is None or end is None:
            return None
        return start.isoformat(), end.isoformat()

    def gemeente(self) -> str | None:
        data = self.gemeente_combo.currentData()
        return data if isinstance(data, str) else None

    def target(self) -> Path | None:
        """The new folder the documents go into (inside the chosen one)."""
        text = self.folder_edit.text().strip()
        period = self.period()
        chosen = Path(text).expanduser()
        if not text or period is None or not chosen.is_absolute():
            return None  # a relative path would land wherever the program happens to run
        start, end = period
        return free_folder(chosen, folder_name(start, end, self.gemeente()))

    def _update_target(self) -> None:
        period = self.period()
        target = self.target()
        problem = ""
        if period is None:
            try:
                self.from_edit.checked_value()
                self.until_edit.checked_value()
            except ValidationFailed as exc:
                problem = exc.message()
        elif period[1] < period[0]:
            problem = _("The period ends before it starts.")
        elif target is None:
            problem = _("Choose the folder to save the documents in.")
        if problem:
            self.target_label.setText("⚠ " + problem)
            self.target_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        else:
            assert target is not None
            self.target_label.setText(
                _("The documents go into a new folder: {name}", name=target.name)
            )
            self.target_label.setStyleSheet("")  # (muted once, in __init__)
        self.export_button.setEnabled(self.task is None and not problem)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Choose the folder for the export"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    # ------------------------------------------------------------------ running
    def start(self) -> TaskHandle | None:
        target = self.target()
        period = self.period()
        if self.task is not None or target is None or period is None or period[1] < period[0]:
            return None
        start, end = period
        into_share = self.session.exports.into_share(target)
        if into_share and not confirm_share(self, folder=True):
            self.nav.show_status(_("Nothing was saved."))
            return None
        remember_folder(self.session, target.parent)
        gemeente = self.gemeente()

        def work(session: Session, progress: Progress) -> BatchResult:
            return session.exports.decisions(
                start,
                end,
                target,
                gemeente=gemeente,
                into_share=into_share,
                progress=progress.report,
                cancelled=lambda: progress.cancelled,
            )

        self.result = None
        self.result_label.setVisible(False)
        self.open_button.setVisible(False)
        self.progress_bar.setRange(0, 0)  # busy until the number is known
        self.progress_bar.setVisible(True)
        self.progress_label.setText(_("Looking up the decisions…"))
        self.progress_label.setVisible(True)
        self.task = run_task(
            self,
            self.session,
            work,
            on_done=self._done,
            on_error=self._failed,
            on_progress=self._progress,
        )
        self._running(True)
        self.stop_button.setFocus()
        return self.task

    def stop(self) -> None:
        if self.task is not None:
            self.task.progress.cancel()
            self.stop_button.setEnabled(False)
            self.progress_label.setText(_("Stopping…"))

    def _running(self, running: bool) -> None:
        for widget in (
            self.from_edit,
            self.until_edit,
            self.gemeente_combo,
            self.folder_edit,
            self.choose_button,
        ):
            widget.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self._update_target()

    def _progress(self, done: int, total: int) -> None:
        if total <= 0 or self.task is None:
            return
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        if not self.task.progress.cancelled:
            self.progress_label.setText(
                _("{done} of {total} documents made", done=done, total=total)
            )

    def _done(self, result: object) -> None:
        assert isinstance(result, BatchResult)
        self.task = None
        self._running(False)
        self.progress_bar.setRange(0, max(self.progress_bar.maximum(), 1))
        self.progress_bar.setValue(self.progress_bar.maximum())
        self.progress_label.setVisible(False)
        self.result = result
        self._show_result(result)
        self.nav.show_status(
            _("Exported: 1 decision. It holds personal data unencrypted: keep it safe.")
            if result.decisions == 1
            else _(
                "Exported: {count} decisions. They hold personal data unencrypted: keep them safe.",
                count=result.decisions,
            )
        )
        self.open_button.setFocus()

    def _show_result(self, result: BatchResult) -> None:
        if result.decisions == 0:
            text = _(
                "No decision was set in this period. The overview ({csv} and {pdf}) is in "
                "{folder}.",
                csv=OVERVIEW_FILES[0],
                pdf=OVERVIEW_FILES[1],
                folder=str(result.folder),
            )
        else:
            text = (
                _("1 decision exported to {folder}.", folder=str(result.folder))
                if result.decisions == 1
                else _(
                    "{count} decisions exported to {folder}.",
                    count=result.decisions,
                    folder=str(result.folder),
                )
            )
            text += "\n" + _(
                "With the overview: {csv} and {pdf}.",
                csv=OVERVIEW_FILES[0],
                pdf=OVERVIEW_FILES[1],
            )
        self.result_label.setText("✓ " + text)
        self.result_label.setStyleSheet("")
        self.result_label.setVisible(True)
        self.open_button.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._running(False)
        self.progress_bar.setVisible(False)
        self.progress_label.setVisible(False)
        self.open_button.setVisible(False)
        if isinstance(exc, ExportCancelled):
            self.result_label.setText(error_text(exc))
            self.result_label.setStyleSheet("")
        elif isinstance(exc, WerkpleinError):
            self.result_label.setText("⚠ " + error_text(exc))
            self.result_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        else:
            self.nav.show_error(exc)
            return
        self.result_label.setVisible(True)
        self.export_button.setFocus()

    def _open_result(self) -> None:
        if self.result is not None:
            open_folder(self.result.folder)


class ExportsDialog(QDialog):
    """The export as a window of its own (opened from Approvals). Closing it stops a running
    export, which leaves nothing behind."""

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportsDialog")
        self.page = ExportsPage(session, nav, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAutoDefault(False)
        QWidget.setTabOrder(self.page.open_button, self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 12, 12)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 115, metrics.lineSpacing() * 32)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.page.title())
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reject(self) -> None:
        self.page.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.page.stop()
        super().closeEvent(event)
