"""``overzicht.pdf`` of the teamleider's export: the set decisions of a period counted per
outcome, per gemeente and for deviations from policy, with a chart, and the list of every
decision with the file it is in. It names no residents: ids, dates and gemeenten only."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from werkplein.domain.vocab import UITKOMSTEN
from werkplein.export import fmt
from werkplein.export.document import ACCENT, BODY_WIDTH, INK, MUTED, Builder, letterhead
from werkplein.export.pdf import FONT, FONT_BOLD
from werkplein.i18n import _, locale_name

DEVIATION = colors.HexColor("#b45f06")  # orange-brown, 4.9:1 on white, told apart by label too


def _outcome(code: str) -> str:
    return _(UITKOMSTEN[code]) if code in UITKOMSTEN else code


def _percent(part: int, whole: int) -> str:
    from babel.numbers import format_percent

    return str(format_percent(part / whole if whole else 0, locale=locale_name()))


def _chart(title: str, labels: list[str], values: list[int], deviations: list[int]) -> Drawing:
    """Horizontal bars: all decisions per category, and beside them those deviating."""
    bar_height = 9
    height = max(len(labels), 1) * (2 * bar_height + 10) + 48
    drawing = Drawing(BODY_WIDTH, height)
    drawing.add(String(0, height - 12, title, fontName=FONT_BOLD, fontSize=10, fillColor=INK))
    chart = HorizontalBarChart()
    chart.x = 150
    chart.y = 26
    chart.width = BODY_WIDTH - chart.x - 30
    chart.height = height - 48
    # reportlab draws the first category at the bottom: reverse, so the list reads top-down
    chart.data = [list(reversed(values)), list(reversed(deviations))]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = MUTED
    chart.valueAxis.valueMin = 0
    top = max([*values, 1])
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, round(top / 5))
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.strokeColor = MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    chart.bars[0].fillColor = ACCENT
    chart.bars[1].fillColor = DEVIATION
    chart.bars.strokeColor = None
    chart.barWidth = bar_height
    chart.groupSpacing = 10
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    # legend, in words as well as colour
    y = 6
    for colour, label, x in (
        (ACCENT, _("all decisions"), 150),
        (DEVIATION, _("of which deviating from policy"), 260),
    ):
        drawing.add(Rect(x, y, 8, 8, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 12, y + 1, label, fontName=FONT, fontSize=8, fillColor=INK))
    return drawing


@dataclass
class OverviewData:
    """What ``overzicht.pdf`` shows: the rows of ``overzicht.csv`` and who made it when."""

    rows: Sequence[dict[str, Any]]  # one per set decision, as in overzicht.csv
    start: str
    end: str
    gemeente: str | None  # None: all gemeenten
    region: str  # the werkplein's name (the team's region setting)
    made_at: str  # ISO moment the overview is made
    made_by: str  # "name (role)"
    # set decisions of dossiers destroyed since (retention, erasure): counted, nothing else
    # is left of them ({"uitkomst", "gemeente", "afwijking_beleid": "true"/"false"})
    destroyed: Sequence[dict[str, Any]] = ()


def render(data: OverviewData) -> bytes:
    rows = data.rows
    counted = [*rows, *data.destroyed]
    b = Builder(
        letterhead(data.region, data.gemeente),
        title=_("Overview of set decisions"),
        reference=f"{data.start} – {data.end}",
        subject=_("Set decisions of a period, for the archive and the auditor"),
        keywords="Werkplein; besluiten; overzicht",
    )
    total = len(counted)
    deviating = [r for r in counted if r["afwijking_beleid"] == "true"]
    b.title(
        _("Overview of set decisions"),
        _(
            "{start} to {end} · {scope}",
            start=fmt.date(data.start),
            end=fmt.date(data.end),
            scope=data.gemeente or _("all gemeenten"),
        ),
    )
    b.fields(
        [
            (_("Decisions set"), str(total)),
            (
                _("Deviating from policy"),
                _("{n} ({percent})", n=len(deviating), percent=_percent(len(deviating), total)),
            ),
            (_("Made on"), fmt.moment(data.made_at)),
            (_("Made by"), data.made_by),
        ]
    )
    if not counted:
        b.para(_("No decisions were set in this period."))
        return b.render()
    _per_outcome(b, counted, deviating)
    _per_gemeente(b, counted, deviating)
    _every_decision(b, rows, len(data.destroyed))
    return b.render()


def _per_outcome(
    b: Builder, rows: Sequence[dict[str, Any]], deviating: Sequence[dict[str, Any]]
) -> None:
    total = len(rows)
    outcomes = Counter(r["uitkomst"] for r in rows)
    outcome_dev = Counter(r["uitkomst"] for r in deviating)
    codes = [c for c in UITKOMSTEN if outcomes[c]] + sorted(set(outcomes) - set(UITKOMSTEN))
    names = [_outcome(c) for c in codes]

    b.heading(_("Per outcome"))
    b.add(
        _chart(
            _("Decisions per outcome"),
            names,
            [outcomes[c] for c in codes],
            [outcome_dev[c] for c in codes],
        )
    )
    b.table(
        [_("Outcome"), _("Decisions"), _("Share"), _("Deviating from policy")],
        [
            [name, str(outcomes[c]), _percent(outcomes[c], total), str(outcome_dev[c])]
            for c, name in zip(codes, names, strict=True)
        ],
        [80, 30, 30, 40],
        right=(1, 2, 3),
        total=[_("Total"), str(total), _percent(total, total), str(len(deviating))],
    )


def _per_gemeente(
    b: Builder, rows: Sequence[dict[str, Any]], deviating: Sequence[dict[str, Any]]
) -> None:
    total = len(rows)
    per_gemeente = Counter(r["gemeente"] for r in rows)
    gemeente_dev = Counter(r["gemeente"] for r in deviating)
    places = sorted(per_gemeente)
    b.heading(_("Per gemeente"))
    b.add(
        _chart(
            _("Decisions per gemeente"),
            places,
            [per_gemeente[g] for g in places],
            [gemeente_dev[g] for g in places],
        )
    )
    b.table(
        [_("Gemeente"), _("Decisions"), _("Share"), _("Deviating from policy")],
        [
            [g, str(per_gemeente[g]), _percent(per_gemeente[g], total), str(gemeente_dev[g])]
            for g in places
        ],
        [80, 30, 30, 40],
        right=(1, 2, 3),
    )


def _every_decision(b: Builder, rows: Sequence[dict[str, Any]], destroyed: int) -> None:
    b.heading(_("Every decision"))
    if destroyed:
        b.small(
            _(
                "{n} of the decisions counted above belong to dossiers destroyed since (after "
                "their retention period or on request): they are counted, nothing else of them "
                "is kept.",
                n=destroyed,
            )
        )
    if not rows:
        return
    b.small(_("Each decision is in its own PDF in this folder; the file name ends in its id."))
    b.table(
        [_("Set on"), _("Gemeente"), _("Outcome"), _("Deviates"), _("Reference and decision id")],
        [
            [
                fmt.short_date(r["vastgesteld_op"]),
                r["gemeente"],
                _outcome(r["uitkomst"]),
                _("yes") if r["afwijking_beleid"] == "true" else _("no"),
                "\n".join(v for v in (r.get("kenmerk"), r["besluit_id"]) if v),
            ]
            for r in rows
        ],
        [22, 26, 38, 18, 66],
        nowrap=(0, 4),  # a date and an id are read whole
    )
    b.space(2)
    b.small(_("Totals per outcome and per gemeente count every set decision once."))
