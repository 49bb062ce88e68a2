"""Mijn werk: the home screen. Who is working and today's date, what needs attention today for
this role (visits planned, handovers waiting, decisions to approve, talks coming up, review
dates due), the sync state and the profile's figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ui import mute
from ui.format import scaled_font
from ui.pages.base import Navigator, Page
from ui.shortcuts import key as shortcut
from ui.sync import SyncController, conflicts_sentence, state_sentence
from ui.widgets.columns import Need, share
from werkplein import i18n
from werkplein.domain.roles import Permission
from werkplein.i18n import N_, _
from werkplein.services.session import Session

# What the welcome panel counts: key of Store.counts(), label, permission needed to see it.
COUNTS: tuple[tuple[str, str, Permission | None], ...] = (
    ("residents", N_("Residents"), None),
    ("cases", N_("Cases"), None),
    ("decisions", N_("Decisions"), None),
    ("visits", N_("Home visits"), None),
    ("handovers", N_("Handovers"), None),
    ("plans", N_("Future plans"), None),
    ("notes", N_("Notes"), None),
    ("signals", N_("Signals"), None),
    ("fines", N_("Fines"), Permission.VIEW_BOETE),
)
TILE_COLUMNS = 3  # at least; a wide window puts more tiles on a row
TILE_CHARS = 26  # the width of a tile, in average characters, when more fit on a row
LIST_CHARS = 56  # the width a work list needs, in average characters, for a third column
MIN_ROWS = 5  # a work list is never lower than this; on a tall screen it shows more
QWIDGETSIZE_MAX = (1 << 24) - 1


class WorkListView(QListWidget):
    """A work list's items, each shown whole (a long line wraps). It asks for its least
    height (``MIN_ROWS`` rows) and takes more when there is more, up to all of its rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # wrap again when resized
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._width = -1
        self._preferred = 0

    def sizeHint(self) -> QSize:
        height = max(self.minimumHeight(), min(self._preferred, self.maximumHeight()))
        return QSize(super().sizeHint().width(), height)

    def set_preferred_height(self, height: int) -> None:
        """The height Mijn werk has room for (``WorkLists.fit``)."""
        if height != self._preferred:
            self._preferred = height
            self.updateGeometry()

    def row_heights(self) -> list[int]:
        """Each item's height at the list's width, its text wrapped."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        width = self.width() - 2 * self.frameWidth()
        if self.verticalScrollBar().isVisible():
            width -= self.verticalScrollBar().width()
        option.rect = QRect(0, 0, max(width, 1), QWIDGETSIZE_MAX)
        delegate = self.itemDelegate()
        spacing = 2 * self.spacing()
        return [
            delegate.sizeHint(option, self.model().index(row, 0)).height() + spacing
            for row in range(self.count())
        ]

    def fit_height(self) -> None:
        """At least ``MIN_ROWS`` rows, at most every row: the layout gives it what is free."""
        heights = self.row_heights() or [self.fontMetrics().height()]
        frame = 2 * self.frameWidth() + 2
        self.setMinimumHeight(sum(heights[:MIN_ROWS]) + frame)
        self.setMaximumHeight(sum(heights) + frame)

    def shown_rows(self) -> int:
        """How many items are in view, whole."""
        area = self.viewport().rect()
        return sum(
            1 for row in range(self.count()) if area.contains(self.visualItemRect(self.item(row)))
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:  # its lines wrap differently
            self._width = event.size().width()
            self.fit_height()


class CountTile(QFrame):
    """One figure of the profile: a large number over its label."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("countTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number_label = QLabel(self)
        self.number_label.setObjectName(f"count_{key}")
        self.number_label.setFont(scaled_font(self.font(), 1.9, QFont.Weight.DemiBold))
        self.caption_label = QLabel(self)
        mute(self.caption_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label)

    def set_value(self, number: str, caption: str) -> None:
        self.number_label.setText(number)
        self.caption_label.setText(caption)
        self.setAccessibleName(f"{caption}: {number}")


class WelcomePanel(QWidget):
    """Name, role, today's date and the profile's figures, formatted in the active locale."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self._session = session
        self._clock = session.clock
        self.work = WorkLists(self)
        self._counts = session.profile.counts()
        self._visible_counts = [
            (key, label)
            for key, label, permission in COUNTS
            if key in self._counts and (permission is None or session.can(permission))
        ]

        self.date_label = QLabel(self)
        self.date_label.setObjectName("todayLabel")
        mute(self.date_label)
        self.greeting_label = QLabel(self)
        self.greeting_label.setObjectName("greetingLabel")
        self.greeting_label.setTextFormat(Qt.TextFormat.PlainText)
        self.greeting_label.setWordWrap(True)
        self.greeting_label.setFont(scaled_font(self.font(), 2.0, QFont.Weight.DemiBold))
        self.role_label = QLabel(self)
        self.role_label.setObjectName("roleLabel")
        self.role_label.setTextFormat(Qt.TextFormat.PlainText)
        self.section_label = QLabel(self)
        self.section_label.setFont(scaled_font(self.font(), 1.15, QFont.Weight.DemiBold))

        self.tiles: dict[str, CountTile] = {}
        self.tile_grid = QGridLayout()
        self.tile_grid.setHorizontalSpacing(12)
        self.tile_grid.setVerticalSpacing(12)
        for key, _label in self._visible_counts:
            self.tiles[key] = CountTile(key, self)
        self._tile_columns = 0
        self._place_tiles(TILE_COLUMNS)

        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        mute(self.note_label)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncState")
        self.sync_label.setWordWrap(True)
        self.sync_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncNow")
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("openConflicts")
        sync_row = QHBoxLayout()
        sync_row.setSpacing(8)
        sync_row.addWidget(self.sync_button)
        sync_row.addWidget(self.conflicts_button)
        sync_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 24)
        layout.setSpacing(0)
        layout.addWidget(self.date_label)
        layout.addSpacing(4)
        layout.addWidget(self.greeting_label)
        layout.addSpacing(4)
        layout.addWidget(self.role_label)
        layout.addSpacing(8)
        layout.addWidget(self.sync_label)
        layout.addSpacing(6)
        layout.addLayout(sync_row)
        layout.addSpacing(20)
        layout.addWidget(self.work)  # as high as there is room for (fit_lists)
        layout.addSpacing(24)
        layout.addWidget(self.section_label)
        layout.addSpacing(10)
        layout.addLayout(self.tile_grid)
        layout.addSpacing(24)
        layout.addWidget(self.note_label)
        layout.addStretch(1)  # below the note when every list shows all it has

        self.setStyleSheet(
            "QFrame#countTile { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.retranslate()

    def _place_tiles(self, columns: int) -> None:
        """The figures in rows of ``columns`` tiles."""
        columns = max(1, min(columns, len(self.tiles)))
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for tile in self.tiles.values():
            self.tile_grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self.tile_grid.addWidget(tile, index // columns, index % columns)
        for column in range(self.tile_grid.columnCount()):
            self.tile_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        chars = max(self.fontMetrics().averageCharWidth(), 1)
        self._place_tiles(max(TILE_COLUMNS, self.width() // (TILE_CHARS * chars)))
        self.work.arrange(self.width())

    def fit_lists(self, height: int) -> None:
        """The work lists take the height the panel has beyond its other parts."""
        others = self.heightForWidth(self.width()) - self.work.sizeHint().height()
        self.work.fit(height - others)

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self.retranslate()

    def retranslate(self) -> None:
        locale = i18n.locale_name()
        user = self._session.user
        self.date_label.setText(format_date(self._clock.today(), format="full", locale=locale))
        self.greeting_label.setText(_("Welcome, {name}", name=user.name))
        self.role_label.setText(_("You are signed in as {role}.", role=user.role_label))
        self.section_label.setText(_("In this profile"))
        for key, label in self._visible_counts:
            number = format_decimal(self._counts[key], locale=locale)
            self.tiles[key].set_value(number, _(label))
        self.note_label.setText(
            _(
                "Everything is stored encrypted on this computer and stays available "
                "offline. Press {shortcut} to lock when you step away.",
                shortcut=shortcut("lock").toString(QKeySequence.SequenceFormat.NativeText),
            )
        )


class WorkList(QWidget):
    """A titled list of things to do; Enter or a double click opens the item."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title_label = QLabel(self)
        self.title_label.setFont(scaled_font(self.font(), 1.05, QFont.Weight.DemiBold))
        self.title_label.setWordWrap(True)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.list = WorkListView(self)
        self.list.setObjectName(f"work_{key}")
        self.list.setAlternatingRowColors(True)
        self.title_label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.list, 1)
        self._open: dict[int, Callable[[], None]] = {}
        self.list.itemActivated.connect(self._activate)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)
        self.list.setAccessibleName(title)

    def set_items(self, items: list[tuple[str, Callable[[], None]]], empty: str) -> None:
        self.list.clear()
        self._open.clear()
        if not items:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        for index, (text, action) in enumerate(items):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(text)
            self.list.addItem(item)
            self._open[index] = action
        self.list.fit_height()

    def shown_rows(self) -> int:
        return self.list.shown_rows()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _activate(self, item: QListWidgetItem) -> None:
        action = self._open.get(item.data(Qt.ItemDataRole.UserRole))
        if action is not None:
            action()


class WorkLists(QWidget):
    """The role's work for today, as a grid of lists: two columns, three when wide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lists: dict[str, WorkList] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(8)
        self._columns = 2
        self._width = 0
        self._room = 0

    def ensure(self, key: str) -> WorkList:
        if key not in self.lists:
            self.lists[key] = WorkList(key, self)
            self._place()
            self.arrange(self._width)
        return self.lists[key]

    def arrange(self, width: int) -> None:
        """Three lists side by side when each still has room for a line of work."""
        self._width = width
        chars = max(self.fontMetrics().averageCharWidth(), 1)
        columns = 3 if width >= 3 * LIST_CHARS * chars and len(self.lists) > 4 else 2
        if columns != self._columns:
            self._columns = columns
            self._place()

    def fit(self, room: int | None = None) -> None:
        """Share ``room`` px of height among the rows of lists: each row as high as its
        longest list needs to show every item, the longest giving way first when there is
        not enough, never below ``MIN_ROWS`` rows (then the page scrolls)."""
        if room is not None:
            self._room = room
        lists = list(self.lists.values())
        rows = [lists[i : i + self._columns] for i in range(0, len(lists), self._columns)]
        if not rows:
            return
        spacing = self.grid.verticalSpacing()
        overheads = [
            max(w.sizeHint().height() - w.list.sizeHint().height() for w in row) + spacing
            for row in rows
        ]
        needs = [
            Need(max(w.list.maximumHeight() for w in row), max(w.list.minimumHeight() for w in row))
            for row in rows
        ]
        heights = share(needs, max(self._room - sum(overheads), 0), None)
        for row, need, height in zip(rows, needs, heights, strict=True):
            for widget in row:
                widget.list.set_preferred_height(min(height, need.wanted))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # the lines wrap differently
            self.fit()

    def _place(self) -> None:
        for widget in self.lists.values():
            self.grid.removeWidget(widget)
        for index, widget in enumerate(self.lists.values()):
            self.grid.addWidget(
                widget, index // self._columns, index % self._columns, Qt.AlignmentFlag.AlignTop
            )
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < self._columns else 0)
        self.fit()


REVIEW_DAYS = 30
VISIT_DAYS = 7
ANSWER_DAYS = 14  # approvals stay on Mijn werk this long; a sent-back decision until revised


class HomePage(Page):
    key = "home"

    def __init__(
        self,
        session: Session,
        nav: Navigator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, nav, parent)
        self._clock = session.clock
        self.welcome = WelcomePanel(session, self)
        # the sync state, as the main window's controller reports it
        self._sync: SyncController | None = getattr(nav, "sync_controller", None)
        self.welcome.sync_button.clicked.connect(self._sync_now)
        self.welcome.conflicts_button.clicked.connect(lambda: self.nav.go("conflicts"))
        if self._sync is not None:
            self._sync.state_changed.connect(self.show_sync_state)
            self._sync.sync_started.connect(self.show_sync_state)
            self._sync.sync_finished.connect(self.show_sync_state)
        self.scroll_area = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus goes to the lists; it scrolls
        scroll.setWidget(self.welcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def title(self) -> str:
        return _("My work")

    def fit_lists(self) -> None:
        """The lists grow with the window (a tall screen shows more of each)."""
        self.welcome.fit_lists(self.scroll_area.viewport().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_lists()

    def retranslate(self) -> None:
        self.welcome.retranslate()
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        locale = i18n.locale_name()
        today = self._clock.today()
        work = self.welcome.work

        def when(stamp: str) -> str:
            if "T" not in stamp:
                return format_date(dt.date.fromisoformat(stamp[:10]), "EEE d MMM", locale=locale)
            moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            moment = moment.astimezone().replace(tzinfo=None)  # local time, shown as given
            return format_datetime(moment, "EEE d MMM HH:mm", locale=locale)

        now = self._clock.now()

        def late(stamp: str) -> bool:
            """Past its time: a moment before now, a day before today."""
            if "T" not in stamp:
                return stamp[:10] < today.isoformat()
            moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            return moment < now

        def mark(stamp: str, text: str) -> str:
            return f"{_('overdue')} · {text}" if stamp and late(stamp) else text

        visits = session.visits.planned(until=(today + dt.timedelta(days=VISIT_DAYS)).isoformat())
        inbox = session.handovers.inbox()
        ids = [v["inwoner_id"] for v in visits] + [h["inwoner_id"] for h in inbox]
        approvals = []
        if session.can(Permission.APPROVE_DECISION):
            approvals = session.decisions.awaiting_approval()
            ids += [d["inwoner_id"] for d in approvals]
        talks = []
        if session.can(Permission.VIEW_BOETE):
            talks = session.fines.upcoming_talks()
            ids += [f["inwoner_id"] for f in talks]
        until = (today + dt.timedelta(days=REVIEW_DAYS)).isoformat()
        reviews = session.decisions.reviews_due(until)
        ids += [d["inwoner_id"] for d in reviews]
        intakes = session.handovers.intakes(today.isoformat())
        ids += [h["inwoner_id"] for h in intakes]
        answers = []
        if session.can(Permission.DRAFT_DECISION):
            since = now - dt.timedelta(days=ANSWER_DAYS)
            answers = session.decisions.answers(since.isoformat())
            ids += [d["inwoner_id"] for d in answers]
        names = session.residents.names(ids)
        colleagues = session.user_names()
        seen = session.settings.seen("overdracht")

        work.ensure("visits").set_title(_("Home visits: overdue and the next 7 days"))
        work.lists["visits"].set_items(
            [
                (
                    mark(
                        v["gepland_op"],
                        f"{when(v['gepland_op'])} · {names.get(v['inwoner_id'], '?')}"
                        + (f" · {v['doel']}" if v.get("doel") else ""),
                    ),
                    partial(self.nav.open_visit, v["id"]),
                )
                for v in visits
            ],
            _("No visits planned."),
        )
        work.ensure("handovers").set_title(_("Handovers waiting for you"))
        work.lists["handovers"].set_items(
            [
                (
                    ("" if h["id"] in seen else f"{_('new')} · ")
                    + f"{when(h['verzonden_op'])} · {names.get(h['inwoner_id'], '?')}"
                    + f" · {_('from {name}', name=colleagues.get(h['van_id'], '?'))}",
                    partial(self.nav.open_handover, h["id"]),
                )
                for h in inbox
            ],
            _("No handovers waiting."),
        )
        work.ensure("intakes").set_title(_("Joint intakes"))
        work.lists["intakes"].set_items(
            [
                (
                    f"{when(h['intake_op'])} · {names.get(h['inwoner_id'], '?')} · "
                    + _(
                        "with {name}",
                        name=colleagues.get(
                            h["naar_id"] if h["van_id"] == session.user.id else h["van_id"], "?"
                        ),
                    ),
                    partial(self.nav.open_dossier, h["inwoner_id"]),
                )
                for h in intakes
            ],
            _("No joint intakes planned."),
        )
        if session.can(Permission.DRAFT_DECISION):
            work.ensure("answers").set_title(_("Answers from the teamleider"))
            work.lists["answers"].set_items(
                [(self._answer_text(d, names), partial(self.nav.open_case, d["casus_id"]))
                 for d in answers],
                _("No answers to your decisions."),
            )  # fmt: skip
        if session.can(Permission.APPROVE_DECISION):
            work.ensure("approvals").set_title(_("Decisions awaiting your approval"))
            work.lists["approvals"].set_items(
                [
                    (
                        f"{when(d['ingediend_op'] or '')} · {names.get(d['inwoner_id'], '?')}",
                        partial(self.nav.open_case, d["casus_id"]),
                    )
                    for d in approvals
                ],
                _("Nothing to approve."),
            )
        if session.can(Permission.VIEW_BOETE):
            work.ensure("talks").set_title(_("Confrontation talks coming up"))
            work.lists["talks"].set_items(
                [
                    (
                        mark(
                            f["gesprek_op"],
                            f"{when(f['gesprek_op'])} · {names.get(f['inwoner_id'], '?')}",
                        ),
                        partial(self.nav.open_fine, f["id"]),
                    )
                    for f in talks
                    if f.get("gesprek_op")
                ],
                _("No talks planned."),
            )
        work.ensure("reviews").set_title(_("Review dates in the next 30 days"))
        work.lists["reviews"].set_items(
            [
                (
                    mark(
                        d["heroverweging_op"],
                        f"{when(d['heroverweging_op'])} · {names.get(d['inwoner_id'], '?')}",
                    ),
                    partial(self.nav.open_case, d["casus_id"]),
                )
                for d in reviews
            ],
            _("No reviews due."),
        )
        self.show_sync_state()
        self.welcome.set_counts(session.profile.counts())
        self.fit_lists()

    @staticmethod
    def _answer_text(decision: dict[str, object], names: dict[str, str]) -> str:
        name = names.get(str(decision["inwoner_id"]), "?")
        remark = str(decision.get("goedkeuring_opmerking") or "")
        if decision["status"] == "afgekeurd":
            head = _("sent back · {name}", name=name)
        else:
            head = _("approved · {name}", name=name)
        return f"{head}: {remark}" if remark else head

    def show_sync_state(self, *_args: object) -> None:
        """The sync state in sentences, a button to sync and one to the conflicts."""
        welcome = self.welcome
        controller = self._sync
        state = controller.state if controller is not None else None
        syncing = controller is not None and controller.syncing
        text = state_sentence(state, self._clock.today(), syncing=syncing)
        conflicts = state.conflicts if state is not None and state.joined else 0
        if conflicts:
            text = f"{text} {conflicts_sentence(conflicts)}"
        welcome.sync_label.setText(text)
        welcome.sync_label.setAccessibleName(text)
        joined = state is not None and state.joined
        welcome.sync_button.setText(_("&Synchronise now"))
        welcome.sync_button.setAccessibleName(_("Synchronise with the shared folder now"))
        welcome.sync_button.setVisible(controller is not None and joined)
        welcome.sync_button.setEnabled(not syncing)
        welcome.conflicts_button.setText(_("&Review conflicts"))
        welcome.conflicts_button.setAccessibleName(
            _("Review the conflicts that wait for your choice")
        )
        welcome.conflicts_button.setVisible(bool(conflicts))

    def _sync_now(self) -> None:
        sync_now = getattr(self.nav, "sync_now", None)
        if callable(sync_now):
            sync_now()

    def release(self) -> None:
        for work_list in self.welcome.work.lists.values():
            work_list.list.clear()
