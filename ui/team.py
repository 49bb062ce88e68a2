"""The laptops of the werkplein, for the teamleider: who is in the team, invite a colleague
(a one-time code to read out or hand over), and remove a lost or stolen laptop.

Inviting and removing both sync (the roster must reach the shared folder before the colleague
joins; a removal accepts what the laptop wrote before it), so they run in a worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.format import scaled_font
from ui.pages.base import Navigator
from ui.tasks import Progress, run_task
from ui.widgets import ErrorLabel, RecordView, Row, RowsModel
from werkplein.domain.roles import Role, role_label
from werkplein.errors import WerkpleinError
from werkplein.i18n import N_, _
from werkplein.services.session import Session
from werkplein.services.sharing import Device
from werkplein.services.types import INVITE_DAYS

COLUMNS = (N_("Colleague"), N_("Role"), N_("Laptop"), N_("Status"))


class InviteDialog(QDialog):
    """Name and role of the colleague to invite."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inviteDialog")
        self.setWindowTitle(_("Invite a colleague"))
        self.explanation = QLabel(
            _(
                "Your colleague gets a one-time code. With it and the shared folder, their "
                "laptop joins this werkplein and receives the data their role may see."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("inviteName")
        self.name_edit.setAccessibleName(_("Name of the colleague"))
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("inviteRole")
        self.role_combo.setAccessibleName(_("Role of the colleague"))
        for role in Role:
            self.role_combo.addItem(role_label(role.value), role.value)
        name_label = QLabel(_("&Name:"), self)
        name_label.setBuddy(self.name_edit)
        role_label_ = QLabel(_("&Role:"), self)
        role_label_.setBuddy(self.role_combo)
        form = QFormLayout()
        form.addRow(name_label, self.name_edit)
        form.addRow(role_label_, self.role_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Make the &code"))
        ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.name_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def name(self) -> str:
        return self.name_edit.text().strip()

    def role(self) -> str:
        return str(self.role_combo.currentData())


class CodeDialog(QDialog):
    """The one-time code, large and selectable, with a button to copy it."""

    def __init__(self, name: str, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeDialog")
        self.setWindowTitle(_("Invitation for {name}", name=name))
        self.explanation = QLabel(
            _(
                "Give {name} this code, in person or by phone. It works once and for "
                "{days} days. With it and the shared folder, {name} joins on their own laptop.",
                name=name,
                days=INVITE_DAYS,
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.code_edit = QLineEdit(code, self)
        self.code_edit.setObjectName("inviteCode")
        self.code_edit.setReadOnly(True)
        self.code_edit.setAccessibleName(_("Invitation code"))
        font = scaled_font(self.code_edit.font(), 1.8)
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setFamily("monospace")
        self.code_edit.setFont(font)
        self.code_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        metrics = self.code_edit.fontMetrics()
        self.code_edit.setMinimumWidth(
            metrics.horizontalAdvance(code) + 4 * metrics.averageCharWidth()
        )
        self.copy_button = QPushButton(_("&Copy the code"), self)
        self.copy_button.clicked.connect(self.copy)
        self.close_button = QPushButton(_("C&lose"), self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_button)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addWidget(self.code_edit)
        layout.addSpacing(8)
        layout.addLayout(row)
        self.code_edit.selectAll()
        self.code_edit.setFocus()

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code_edit.text())
        self.copy_button.setText(_("Copied"))


class TeamPanel(QWidget):
    """The roster's laptops, with invite and remove (teamleider only: MANAGE_TEAM)."""

    def __init__(self, session: Session, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamPanel")
        self.session = session
        self.nav = nav
        self.devices: dict[str, Device] = {}
        self.heading = QLabel(self)
        heading_font = QFont(self.heading.font())
        heading_font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(heading_font)
        self.model = RowsModel(COLUMNS, self)
        self.view = RecordView(self)
        self.view.setObjectName("teamDevices")
        self.view.setModel(self.model)
        self.view.set_stretch_column(0)
        self.heading.setBuddy(self.view)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.invite_button = QPushButton(self)
        self.invite_button.setObjectName("inviteColleague")
        self.invite_button.clicked.connect(self.invite)
        self.revoke_button = QPushButton(self)
        self.revoke_button.setObjectName("revokeLaptop")
        self.revoke_button.clicked.connect(self.revoke)
        self.busy = QLabel(self)
        mute(self.busy)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.invite_button)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.busy, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        rows = 5
        height = self.view.fontMetrics().height() + 12
        self.view.setFixedHeight(
            self.view.horizontalHeader().sizeHint().height() + rows * height + 4
        )
        self._working = False
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Laptops in &the team"))
        self.view.setAccessibleName(_("Laptops in the team"))
        self.invite_button.setText(_("Invite a &colleague…"))
        self.invite_button.setAccessibleName(_("Invite a colleague with a one-time code"))
        self.revoke_button.setText(_("R&emove laptop…"))
        self.revoke_button.setAccessibleName(_("Remove the chosen laptop from the team"))
        self.model.retranslate()
        if self.devices:
            self.refresh()

    def refresh(self) -> None:
        selected = self.selected()
        devices = self.session.sharing.devices()
        self.devices = {d.device_id: d for d in devices}
        rows = []
        for device in devices:
            if device.this_laptop:
                status = _("this laptop")
            elif device.revoked:
                status = _("removed")
            elif not device.new_keys:
                status = _("active, new keys not received yet")
            else:
                status = _("active")
            rows.append(
                Row(
                    device.device_id,
                    [device.name, role_label(device.role), "…" + device.device_id[-6:], status],
                )
            )
        self.model.set_rows(rows)
        row = self.model.row_of(selected.device_id) if selected is not None else -1
        if row >= 0:
            self.view.selectRow(row)
        self._update_buttons()

    def selected(self) -> Device | None:
        index = self.view.currentIndex()
        key = self.model.key(index.row()) if index.isValid() else None
        return self.devices.get(key) if key is not None else None

    def _update_buttons(self) -> None:
        device = self.selected()
        self.invite_button.setEnabled(not self._working)
        self.revoke_button.setEnabled(
            not self._working
            and device is not None
            and not device.this_laptop
            and not device.revoked
        )

    def _work(self, working: bool, text: str = "") -> None:
        self._working = working
        self.busy.setText(text)
        self._update_buttons()

    # ------------------------------------------------------------------ invite
    @Slot()
    def invite(self) -> None:
        dialog = InviteDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.name():
            return
        self.start_invite(dialog.name(), dialog.role())

    def start_invite(self, name: str, role: str) -> None:
        """Add the colleague to the roster and show their code (in a worker: it syncs)."""
        self.error.clear_error()
        self._work(True, _("Preparing the invitation on the shared folder…"))

        def work(session: Session, _progress: Progress) -> str:
            return session.sharing.invite(name, role)

        def done(code: str) -> None:
            self._work(False)
            self.nav.data_changed(None)  # the roster has a new colleague
            self.refresh()
            dialog = CodeDialog(name, code, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        run_task(self, self.session, work, on_done=done, on_error=self._failed)

    # ------------------------------------------------------------------ revoke
    @Slot()
    def revoke(self) -> None:
        device = self.selected()
        if device is None or device.this_laptop or device.revoked:
            return
        answer = QMessageBox.question(
            self,
            _("Remove laptop"),
            _(
                "Remove the laptop of {name} from the team? What it synchronised until now is "
                "kept; nothing it writes later is accepted anywhere. Do this for a lost or "
                "stolen laptop, or when a colleague leaves.",
                name=device.name or "…" + device.device_id[-6:],
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.start_revoke(device.device_id)

    def start_revoke(self, device_id: str) -> None:
        """Remove the laptop (in a worker: it syncs first, to keep what it wrote until now)."""
        self.error.clear_error()
        self._work(True, _("Removing the laptop…"))

        def work(session: Session, _progress: Progress) -> int:
            return session.sharing.revoke(device_id)

        def done(_pin: int) -> None:
            self._work(False)
            self.nav.data_changed(None)
            self.refresh()
            self.nav.show_status(_("The laptop was removed from the team."))

        run_task(self, self.session, work, on_done=done, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._work(False)
        if isinstance(exc, WerkpleinError):
            self.error.show_error(exc)
        else:
            self.nav.show_error(exc)

    def release(self) -> None:
        self.model.clear()
        self.devices = {}
