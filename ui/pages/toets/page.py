"""The toets page: the four steps in order, then the decision (see the package text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import (
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QHideEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.drafts import DraftKeeper
from ui.format import scaled_font
from ui.pages.base import Navigator, Page
from ui.pages.toets.afweging import AfwegingPanel
from ui.pages.toets.common import (
    DECISION_INDEX,
    DONE,
    LOCKED,
    OPEN,
    STATE_WORDS,
    _label,
    _same,
    _steps_text,
    date_text,
    state_icon,
)
from ui.pages.toets.decision import DecisionPanel
from ui.pages.toets.effect import EffectPanel
from ui.pages.toets.grondwaarde import GrondwaardePanel
from ui.pages.toets.juridisch import JuridischPanel
from ui.pages.toets.panel import StepPanel
from ui.shortcuts import key as shortcut
from ui.widgets import ErrorLabel
from ui.widgets.tables import Fields
from werkplein.domain import besluit as decision_rules
from werkplein.domain import toets
from werkplein.domain.roles import Permission
from werkplein.domain.vocab import BESLUIT_STATUS
from werkplein.i18n import _
from werkplein.services.cases import StepState
from werkplein.services.session import Session

# ---------------------------------------------------------------------- the page
READABLE_CHARS = 100  # a step's form is at most this wide (average characters): lines stay
# readable on a wide screen


class ToetsPage(Page):
    key = "toets"
    shows = frozenset({"casus", "besluit", "inwoner", "gebruiker", "prijs", "instelling"})

    def __init__(
        self, session: Session, nav: Navigator, parent: QWidget | None = None, ident: str = ""
    ) -> None:
        super().__init__(session, nav, parent)
        self.casus_id = ident
        self.case: Fields | None = None
        self.resident_name = ""
        self.saved_states: list[StepState] = []
        self.current = 0
        self._users: dict[str, str] = {}

        self.banner = _label(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setContentsMargins(12, 8, 12, 8)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setFont(scaled_font(self.font(), 1.0, QFont.Weight.DemiBold))
        self.banner.setVisible(False)
        self.case_title = QLabel(self)
        self.case_title.setObjectName("caseTitle")
        self.case_title.setTextFormat(Qt.TextFormat.PlainText)
        self.case_title.setFont(scaled_font(self.font(), 1.15, QFont.Weight.DemiBold))
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
        readable = self.fontMetrics().averageCharWidth() * READABLE_CHARS
        for panel in [*self.panels, self.decision_panel]:
            panel.setMaximumWidth(readable)
            scroll = QScrollArea(self.stack)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the fields; it scrolls
            scroll.setWidget(panel)
            self.stack.addWidget(scroll)
            self.scrolls.append(scroll)
        # what is typed and not saved is kept as it is typed (ui/drafts.py)
        self.drafts = DraftKeeper(self, session, self._draft_values, self._restore_draft)
        for panel in self.panels:
            panel.changed.connect(self.update_state)
            panel.changed.connect(self.drafts.changed)
        for signal in self.decision_panel.edit_signals:
            signal.connect(self.drafts.changed)

        self.footer = QFrame(self)
        self.footer.setObjectName("stepFooter")
        self.footer.setFrameShape(QFrame.Shape.StyledPanel)
        self.reopen_label = _label(self.footer)
        self.reopen_label.setObjectName("reopenWarning")
        self.status_label = _label(self.footer)
        self.status_label.setObjectName("stepStatus")
        self.error_label = ErrorLabel(self.footer)
        self.error_label.setObjectName("stepError")
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

        # the dossier button stands by the case it belongs to, also on a wide screen
        self.case_title.setWordWrap(True)
        self.case_meta.setWordWrap(True)
        header = QHBoxLayout()
        header_text = QVBoxLayout()
        header_text.setSpacing(2)
        header_text.addWidget(self.case_title)
        header_text.addWidget(self.case_meta)
        header.addLayout(header_text, 1)
        header.addSpacing(16)
        header.addWidget(self.dossier_button, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.stack, 1)
        right.addWidget(self.footer)
        right.addWidget(self.decision_panel.action_bar)
        body = QHBoxLayout()
        body.setSpacing(12)
        body.addWidget(self.step_list)
        body.addLayout(right, 1)
        # on a wide screen the steps, the form and its buttons stay together at the left
        # instead of the buttons drifting to the far edge
        self.content = QWidget(self)
        self.content.setMaximumWidth(48 + width + 12 + readable + self._scroll_bar_width() + 2)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.content, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(24, 4, 24, 12)
        layout.setSpacing(8)
        self.new_version_button = QPushButton(self)
        self.new_version_button.setObjectName("toetsNewVersion")
        self.new_version_button.setVisible(False)
        self.new_version_button.clicked.connect(self.new_decision_version)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.new_version_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(banner_row)
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

    def _scroll_bar_width(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    # ------------------------------------------------------------------ Page
    def title(self) -> str:
        return _("Omgekeerde Toets")

    def today(self) -> dt.date:
        return self.session.today()

    def case_open(self) -> bool:
        return self.case is not None and self.case.get("status") == "open"

    def can_edit(self) -> bool:
        """The four steps may be changed: by a role that may, in an open case, while no set
        decision rests on them (a change then starts with a new version of the decision)."""
        return (
            self.session.can(Permission.EDIT_CASE) and self.case_open() and not self.decision_set()
        )

    def decision_set(self) -> bool:
        """The newest decision of the case is set: the steps it was based on stand."""
        decisions = self.decision_panel.decisions
        return bool(decisions) and decisions[-1]["status"] == decision_rules.VASTGESTELD

    def step_in_progress(self) -> int:
        """The first step not complete (its index), or the decision when all four are."""
        if self.case is None:
            return 0
        for step in range(1, 5):
            if not self.case.get(toets.DONE_FIELD[step]):
                return step - 1
        return DECISION_INDEX

    def retranslate(self) -> None:
        self.new_version_button.setText(_("Make a &new version of the decision"))
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
        opening = self.case is None  # a case opened (again): show the step in progress
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
        if opening:
            self.go_to(self.step_in_progress(), focus=False)
        if opening and self.can_edit():  # a read-only case neither restores nor drops a draft
            note = self.drafts.attach(f"toets:{self.casus_id}")
            if note is not None:
                self.update_state()
                self.nav.show_status(note)

    def release(self) -> None:
        if self._save_before_lock():
            self.drafts.saved()  # all of it is stored: a draft would later undo newer work
        else:
            self.drafts.keep_now()  # what could not be saved stays kept
        self.drafts.key = None
        self.case = None
        self.resident_name = ""
        self._users.clear()
        for panel in self.panels:
            panel.release()
        self.decision_panel.release()
        self.case_title.clear()
        self.case_meta.clear()

    def _save_before_lock(self) -> bool:
        """The app locks (maybe idle): keep what was typed. No dialogs now; a failure is left
        (False: not all of it was saved)."""
        if self.case is None or not self.can_edit():
            return True
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
        except Exception:  # locking must go on; the form is dropped (a draft keeps it)
            return False
        return True

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

    def _draft_values(self) -> Fields | None:
        if self.case is None or not self.can_edit():
            return None
        steps = self.all_changes()
        decision = self.decision_panel.draft_values()
        if not steps and decision is None:
            return None
        return {"steps": steps, "decision": decision}

    def _restore_draft(self, draft: Fields) -> None:
        if self.case is None or not self.can_edit():
            return
        steps = draft.get("steps")
        if isinstance(steps, dict) and steps:
            on_screen = {**self.case, **steps}
            for panel in self.panels:
                panel.load(on_screen)
        decision = draft.get("decision")
        if isinstance(decision, dict):
            self.decision_panel.restore_draft(decision)

    def changes(self, step: int) -> Fields:
        """The fields of ``step`` whose value on screen differs from the stored one."""
        if self.case is None:
            return {}
        values = self.panels[step - 1].values()
        return {k: v for k, v in values.items() if not _same(k, self.case.get(k), v)}

    def all_changes(self) -> Fields:
        out: Fields = {}
        for step in toets.STEPS:
            out.update(self.changes(step))
        return out

    def _merged(self) -> Fields:
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
        elif self.decision_set():
            self.banner.setText(
                _(
                    "The decision is set, so the four steps it rests on stand as they are. To "
                    "change them, first make a new version of the decision: the set decision "
                    "stays as it is, and the new version is decided again after the changes."
                )
            )
        self.banner.setVisible(not self.can_edit())
        self.new_version_button.setVisible(
            self.decision_set()
            and self.case_open()
            and self.session.can(Permission.DRAFT_DECISION)
            and self.session.can(Permission.EDIT_CASE)
        )
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
        self.decision_panel.action_bar.setVisible(not on_step)
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

    def new_decision_version(self) -> None:
        """Open the set decision to change: a new draft version, then the steps are editable."""
        panel = self.decision_panel
        if not self.decision_set():
            return
        panel.select_newest()
        panel.new_version()
        self._show_case()
        self.go_to(0)
        self.nav.show_status(
            _("A new version of the decision is made. The steps can be changed again.")
        )

    def _open_dossier(self) -> None:
        if self.case is not None:
            self.nav.open_dossier(self.case["inwoner_id"])

    # ------------------------------------------------------------------ writing
    def _fail(self, exc: BaseException) -> None:
        self.fail(exc, self.error_label)

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
            written = self.session.cases.update(self.casus_id, **changes)
        except Exception as exc:
            self._fail(exc)
            return False
        self.case = written.applied_to(self.case, "casus")  # what was written: no new read
        self.nav.data_changed(self)
        self.drafts.keep_now()  # the saved part is no draft any more
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
            written = self.session.cases.complete_step(self.casus_id, step)
        except Exception as exc:
            self._fail(exc)
            return
        assert self.case is not None
        self.case = written.applied_to(self.case, "casus")
        self.nav.data_changed(self)
        self.nav.show_status(_("Step {number} is complete.", number=step))
        self.decision_panel.update_state()
        self.update_state()
        self.go_to(step)  # on to the next step (after step 4: the decision)
