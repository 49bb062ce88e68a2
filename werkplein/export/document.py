"""One page design for every document: A4, the werkplein and gemeente in the header, a
"vertrouwelijk" marking, the title and reference with "page x of y" in the footer.

A document module fills a ``Builder`` with headings, paragraphs, label/value blocks and tables
and gets the PDF bytes back; it never touches reportlab's page machinery itself. All text that
comes from the store is escaped here, so a note with ``<`` or ``&`` prints as typed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from werkplein.export.pdf import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    Metadata,
    canvas_maker,
    register_fonts,
)
from werkplein.i18n import _, language

INK = colors.HexColor("#1d1d1b")
ACCENT = colors.HexColor("#1f4e79")  # headings and rules: dark blue, 9:1 on white
MUTED = colors.HexColor("#55595f")  # labels and footers: 7:1 on white
RULE = colors.HexColor("#b8c2cc")
SHADE = colors.HexColor("#eef2f6")
MARK = colors.HexColor("#9b1c1c")  # the confidential marking

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 22 * mm
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {
        "fontName": FONT,
        "fontSize": 10,
        "leading": 14,
        "textColor": INK,
        "alignment": TA_LEFT,
        "bulletFontName": FONT,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES = {
    "title": _style("title", fontName=FONT_BOLD, fontSize=17, leading=22, spaceAfter=2),
    "subtitle": _style("subtitle", fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=10),
    "h2": _style(
        "h2",
        fontName=FONT_BOLD,
        fontSize=12.5,
        leading=16,
        textColor=ACCENT,
        spaceBefore=12,
        spaceAfter=5,
    ),
    "h3": _style("h3", fontName=FONT_BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
    "body": _style("body", spaceAfter=5),
    "quote": _style(
        "quote", fontName=FONT_ITALIC, leftIndent=8, borderPadding=(2, 0, 2, 6), spaceAfter=6
    ),
    "label": _style("label", fontSize=9, leading=12.5, textColor=MUTED),
    "cell": _style("cell", fontSize=9, leading=12.5),
    "cell_bold": _style("cell_bold", fontName=FONT_BOLD, fontSize=9, leading=12.5),
    "cell_right": _style("cell_right", fontSize=9, leading=12.5, alignment=TA_RIGHT),
    "cell_right_bold": _style(
        "cell_right_bold", fontName=FONT_BOLD, fontSize=9, leading=12.5, alignment=TA_RIGHT
    ),
    "small": _style("small", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=3),
    "letter": _style("letter", fontSize=11, leading=16, spaceAfter=7),
    "letter_h": _style(
        "letter_h", fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=8, spaceAfter=3
    ),
}


def text(value: object) -> str:
    """Store text as reportlab paragraph markup: escaped, line breaks kept."""
    if value is None or value == "":
        return "-"
    return escape(str(value)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Letterhead:
    werkplein: str
    gemeente: str | None = None
    confidential: bool = True


class Builder:
    """Collects the content of one document and renders it to PDF bytes."""

    def __init__(
        self,
        head: Letterhead,
        *,
        title: str,
        reference: str,
        subject: str,
        keywords: str = "",
        letter: bool = False,
    ) -> None:
        register_fonts()
        self.head = head
        self.doc_title = title
        self.reference = reference
        self.letter = letter
        self.meta = Metadata(
            title=f"{title} {reference}".strip(),
            author=head.werkplein,
            subject=subject,
            keywords=keywords,
            language="nl-NL" if language() == "nl" else "en-GB",
        )
        self.story: list[Flowable] = []

    # ------------------------------------------------------------------ content
    def add(self, flowable: Flowable) -> None:
        self.story.append(flowable)

    def title(self, value: str, subtitle: str | None = None) -> None:
        self.story.append(Paragraph(text(value), STYLES["title"]))
        if subtitle:
            self.story.append(Paragraph(text(subtitle), STYLES["subtitle"]))

    def heading(self, value: str) -> None:
        # a heading never ends a page alone
        self.story.append(CondPageBreak(30 * mm))
        self.story.append(Paragraph(text(value), STYLES["h2"]))

    def subheading(self, value: str, style: str = "h3") -> None:
        self.story.append(CondPageBreak(20 * mm))
        self.story.append(Paragraph(text(value), STYLES[style]))

    def para(self, value: object, style: str = "body") -> None:
        self.story.append(Paragraph(text(value), STYLES[style]))

    def markup(self, value: str, style: str = "body") -> None:
        """Text with reportlab markup written by the document module itself (never user
        text: escape that with ``text()`` first)."""
        self.story.append(Paragraph(value, STYLES[style]))

    def quote(self, value: object) -> None:
        self.story.append(Paragraph(text(value), STYLES["quote"]))

    def small(self, value: object) -> None:
        self.story.append(Paragraph(text(value), STYLES["small"]))

    def space(self, height_mm: float = 4) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    def bullets(self, items: Sequence[object], style: str = "body") -> None:
        if not items:
            self.para(_("none"), style)
            return
        self.story.append(
            ListFlowable(
                [ListItem(Paragraph(text(i), STYLES[style]), leftIndent=12) for i in items],
                bulletType="bullet",
                start="•",
                leftIndent=12,
                bulletFontName=FONT,
                bulletFontSize=9,
            )
        )

    def fields(self, rows: Sequence[tuple[str, object]], label_width: float = 48 * mm) -> None:
        """A block of label: value lines (the value may run over several lines)."""
        data = [
            [Paragraph(text(label), STYLES["label"]), Paragraph(text(value), STYLES["cell"])]
            for label, value in rows
        ]
        table = Table(data, colWidths=[label_width, BODY_WIDTH - label_width], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),  # never reportlab's Helvetica
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ]
            )
        )
        self.story.append(table)
        self.space(2)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float] | None = None,
        *,
        right: Sequence[int] = (),
        total: Sequence[object] | None = None,
        nowrap: Sequence[int] = (),
    ) -> None:
        """A table with a shaded header row that repeats on every page; columns in ``right``
        are aligned right (amounts); ``total`` is a bold last row. ``widths`` are relative;
        a column is never narrower than the longest word of its header or its cells (so
        words wrap only between them), nor, for the columns in ``nowrap`` (ids, references),
        than its longest cell line: those never wrap."""

        def cell(value: object, col: int, bold: bool = False) -> Paragraph:
            name = "cell_right" if col in right else "cell"
            markup = "" if value == "" else text(value)  # "" is a deliberately empty cell
            return Paragraph(markup, STYLES[f"{name}_bold" if bold else name])

        data = [[cell(h, c, bold=True) for c, h in enumerate(header)]]
        data += [[cell(v, c) for c, v in enumerate(row)] for row in rows]
        if total is not None:
            data.append([cell(v, c, bold=True) for c, v in enumerate(total)])
        cells = [(row, False) for row in rows]
        if total is not None:
            cells.append((total, True))
        least = [
            _least_width(header[c], [(row[c], bold) for row, bold in cells], c in nowrap)
            for c in range(len(header))
        ]
        widths = _fit(list(widths) if widths is not None else [1.0] * len(header), least)
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        style = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),  # never reportlab's Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if total is not None:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
        table.setStyle(TableStyle(style))
        self.story.append(table)
        self.space(2)

    def keep(self, build: Callable[[], None]) -> None:
        """Run ``build`` and keep what it added on one page when it fits."""
        start = len(self.story)
        build()
        block = self.story[start:]
        del self.story[start:]
        self.story.append(KeepTogether(block))

    # ------------------------------------------------------------------ pages
    def _decorate(self, canvas: Any, page: int, pages: int) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 14 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(FONT_BOLD, 9.5)
        canvas.drawString(MARGIN_X, top, self.head.werkplein)
        if self.head.gemeente:
            canvas.setFillColor(MUTED)
            canvas.setFont(FONT, 8.5)
            canvas.drawString(MARGIN_X, top - 11, _("Gemeente {name}", name=self.head.gemeente))
        if self.head.confidential:
            label = _("CONFIDENTIAL").upper()
            canvas.setFont(FONT_BOLD, 8.5)
            width = canvas.stringWidth(label, FONT_BOLD, 8.5)
            right = PAGE_WIDTH - MARGIN_X
            canvas.setStrokeColor(MARK)
            canvas.setLineWidth(0.8)
            canvas.rect(right - width - 10, top - 4, width + 10, 14, stroke=1, fill=0)
            canvas.setFillColor(MARK)
            canvas.drawRightString(right - 5, top, label)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 17, PAGE_WIDTH - MARGIN_X, top - 17)

        bottom = 12 * mm
        canvas.line(MARGIN_X, bottom + 10, PAGE_WIDTH - MARGIN_X, bottom + 10)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 8)
        left = self.doc_title if not self.reference else f"{self.doc_title} · {self.reference}"
        canvas.drawString(MARGIN_X, bottom, left)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN_X, bottom, _("Page {page} of {pages}", page=page, pages=pages)
        )
        canvas.restoreState()

    def render(self) -> bytes:
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=self.meta.title,
            author=self.meta.author,
            subject=self.meta.subject,
            creator="Werkplein",
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            BODY_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(list(self.story), canvasmaker=canvas_maker(self.meta, self._decorate))
        return buffer.getvalue()


CELL_PADDING = 8  # left and right padding of a table cell together
LONG_WORD = BODY_WIDTH / 3  # a longer word in a cell (a pasted link) may wrap


def _least_width(head: str, cells: Sequence[tuple[object, bool]], whole: bool) -> float:
    """The narrowest a column may be: the longest word of its header (bold) and of its cells
    (``(value, bold)``), or for a ``whole`` column its cells' longest line."""
    size = STYLES["cell"].fontSize
    widest = max((stringWidth(w, FONT_BOLD, size) for w in str(head).split()), default=0.0)
    for value, bold in cells:
        font = FONT_BOLD if bold else FONT
        for line in str(value if value is not None else "-").splitlines():
            for part in [line] if whole else line.split():
                width = stringWidth(part, font, size)
                widest = max(widest, width if whole else min(width, LONG_WORD))
    return widest + CELL_PADDING + 0.5  # half a point: reportlab's own rounding


def _fit(wanted: Sequence[float], least: Sequence[float]) -> list[float]:
    """Widths in proportion to ``wanted`` that fill the body width, none below its ``least``:
    a column that would be too narrow gets its least, the others share the rest in proportion.
    When even the least widths do not fit, they are scaled down together."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(wanted)) if i not in fixed]
        room = BODY_WIDTH - sum(fixed.values())
        share = sum(wanted[i] for i in free)
        widths = {i: room * wanted[i] / share if share else 0.0 for i in free}
        short = {i: least[i] for i, w in widths.items() if w < least[i]}
        if not short or room - sum(short.values()) <= 0:
            break
        fixed.update(short)
    if not free or room <= 0 or any(w < least[i] for i, w in widths.items()):
        scale = BODY_WIDTH / sum(least)
        return [w * scale for w in least]
    return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(wanted))]


def letterhead(region: str, gemeente: str | None, *, confidential: bool = True) -> Letterhead:
    """The werkplein's name (``region``: the team's region setting) and the resident's
    gemeente."""
    return Letterhead(region, gemeente, confidential)
