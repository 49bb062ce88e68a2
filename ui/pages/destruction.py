"""Vernietigingslijst: the teamleider's list of dossiers past their destruction date. Choose
all or some, save the list for the archive (PDF and CSV, ids and dates only), destroy them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.dialogs.confirm import confirm
from ui.format import format_day
from ui.pages.base import Navigator, Page
from ui.tasks import Progress, TaskHandle, run_task
from ui.widgets import ErrorLabel, RecordView, Row, RowsModel
from werkplein.i18n import N_, _
from werkplein.services.session import Session

COLUMNS = (N_("Resident id"), N_("Gemeente"), N_("Category"), N_("Ended on"), N_("Destroy from"))
CATEGORIES = {"dossier": N_("dossier"), "dossier_boete": N_("dossier with a fine")}


class DestructionPage(Page):
    key = "destruction"
    shows = frozenset({"inwoner", "casus", "besluit", "boete", "instelling"})

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(session, nav, parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        mute(self.intro)
        self.list_label = QLabel(self)
        self.model = RowsModel(COLUMNS, self)
        self.view = RecordView(self)
        self.view.setObjectName("destructionList")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.set_stretch_column(0)
        self.list_label.setBuddy(self.view)
        self.error_label = ErrorLabel(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveDestructionList")
        self.save_button.clicked.connect(lambda _checked=False: self.save_list())
        self.destroy_button = QPushButton(self)
        self.destroy_button.setObjectName("destroyDossiers")
        self.destroy_button.clicked.connect(lambda _checked=False: self.destroy_dossiers())
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setVisible(False)
        self.stop_button = QPushButton(self)
        self.stop_button.setVisible(False)
        self.stop_button.clicked.connect(self.stop)
        self.task: TaskHandle | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress_bar, 1)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.destroy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addWidget(self.list_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.retranslate()

    def title(self) -> str:
        return _("Destruction list")

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Dossiers past their destruction date: ended, and kept for the team's "
                "retention period. Choose some (or none: then all), save the list for the "
                "archive's destruction statement, then destroy them."
            )
        )
        self.list_label.setText(_("&Dossiers past their date"))
        self.view.setAccessibleName(_("Dossiers past their destruction date"))
        self.view.set_placeholder(_("No dossier is past its destruction date."))
        self.save_button.setText(_("&Save the list (PDF and CSV)…"))
        self.destroy_button.setText(_("&Destroy…"))
        self.destroy_button.setAccessibleName(_("Destroy the chosen dossiers"))
        self.stop_button.setText(_("S&top"))
        self.stop_button.setAccessibleName(_("Stop destroying after the dossier being destroyed"))
        self.progress_bar.setAccessibleName(_("Dossiers destroyed"))
        self.model.retranslate()
        if not self._stale:
            self.refresh()

    def refresh(self) -> None:
        rows = []
        for item in self.session.retention.due():
            row = item.to_json()
            rows.append(
                Row(
                    item.inwoner_id,
                    [
                        item.inwoner_id,
                        str(row["gemeente"] or ""),
                        _(CATEGORIES.get(str(row["category"]), str(row["category"]))),
                        format_day(row["ended_on"]),
                        format_day(row["destroy_on"]),
                    ],
                    sort_keys=[item.inwoner_id, row["gemeente"], row["category"],
                               row["ended_on"], row["destroy_on"]],
                )
            )  # fmt: skip
        self.model.set_rows(rows)
        empty = not rows
        self.save_button.setEnabled(not empty)
        self.destroy_button.setEnabled(not empty)

    def chosen(self) -> list[str]:
        """The selected dossiers, or every one when none is selected."""
        picked = {index.row() for index in self.view.selectionModel().selectedRows()}
        rows = sorted(picked) if picked else range(self.model.rowCount())
        return [key for row in rows if (key := self.model.key(row)) is not None]

    def _reason(self) -> str | None:
        reason, ok = QInputDialog.getText(
            self,
            _("Ground for destruction"),
            _("The ground, for the destruction statement (e.g. selectielijst, retention ended):"),
            QLineEdit.EchoMode.Normal,
            _("Retention period ended (selectielijst)"),
        )
        return reason.strip() if ok and reason.strip() else None

    def save_list(self, folder: Path | None = None, reason: str | None = None) -> None:
        self.error_label.clear_error()
        reason = reason or self._reason()
        if reason is None:
            return
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, _("Save the destruction list"))
            if not chosen:
                return
            folder = Path(chosen)
        try:
            pdf, _table = self.session.retention.save_list(self.chosen(), reason, folder)
        except Exception as exc:
            self.fail(exc, self.error_label)
            return
        self.nav.show_status(_("The list is saved: {name} and the CSV beside it.", name=pdf.name))

    def destroy_dossiers(self, reason: str | None = None) -> None:
        self.error_label.clear_error()
        ids = self.chosen()
        if not ids:
            return
        reason = reason or self._reason()
        if reason is None:
            return
        if not confirm(
            self,
            _("Destroy dossiers"),
            _(
                "Destroy {n} dossiers for good? Every trace goes from this laptop now and, on a "
                "werkplein, from every laptop at its next sync. Save the list for the archive "
                "first.",
                n=len(ids),
            ),
            _("&Destroy"),
            careful=True,
        ):
            return

        def work(session: Session, progress: Progress) -> int:
            return session.retention.destroy(
                ids, reason, progress=progress.report, cancelled=lambda: progress.cancelled
            )

        self.progress_bar.setRange(0, len(ids))
        self.progress_bar.setValue(0)
        self._running(True)
        self.task = run_task(
            self,
            self.session,
            work,
            on_done=lambda count: self._destroyed(count, len(ids)),
            on_error=self._failed,
            on_progress=lambda done, _total: self.progress_bar.setValue(done),
        )
        self.stop_button.setFocus()

    def stop(self) -> None:
        if self.task is not None:
            self.task.progress.cancel()
            self.stop_button.setEnabled(False)

    def _running(self, running: bool) -> None:
        self.progress_bar.setVisible(running)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(running)
        self.view.setEnabled(not running)
        self.save_button.setEnabled(not running)
        self.destroy_button.setEnabled(not running)

    def _finished(self) -> None:
        self.task = None
        self._running(False)
        self.nav.data_changed(self)
        self.refresh()

    def _destroyed(self, count: int, chosen: int) -> None:
        self._finished()
        if count < chosen:
            self.nav.show_status(
                _("Stopped: {n} of {total} dossiers destroyed.", n=count, total=chosen)
            )
        elif count == 1:
            self.nav.show_status(_("1 dossier destroyed."))
        else:
            self.nav.show_status(_("{n} dossiers destroyed.", n=count))

    def _failed(self, exc: BaseException) -> None:
        self._finished()  # those destroyed before the problem stay destroyed
        self.fail(exc, self.error_label)
