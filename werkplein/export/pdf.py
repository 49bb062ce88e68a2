"""The PDF layer under every document: embedded fonts, PDF/A-2b identification, page numbers.

Fonts: DejaVu Sans (regular, bold, oblique) from ``resources/fonts``, embedded as subsets, so
é, ë, ï, ĳ and € print on every machine and every character can be copied back out. No text
is ever set in one of the 14 standard PDF fonts, which are not embedded: the canvas starts in
DejaVu Sans instead of reportlab's default Helvetica.

PDF/A-2b (ISO 19005-2, level B): reportlab has no switch for it, so the canvas adds what the
standard asks on top of reportlab's output: an XMP metadata packet identifying the file as
PDF/A-2b with the same title, author, subject, dates and producer as the document information,
and an sRGB output intent (``resources/icc/sRGB.icc``). All colours are device RGB, there is no
transparency, encryption, JavaScript, annotation or external content, and reportlab's subsets
are symbolic TrueType fonts with a single cmap and a ToUnicode map, as PDF/A-2 asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
FONT = "WerkpleinSans"
FONT_BOLD = "WerkpleinSans-Bold"
FONT_ITALIC = "WerkpleinSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
PRODUCER = "Werkplein (reportlab)"

# streams are compressed and stored as binary, not also ASCII85-encoded: a quarter smaller and
# quicker to write (PDF/A prefers binary streams too)
rl_config.useA85 = 0


@cache
def register_fonts() -> None:
    """Register the document fonts once per process (reportlab keeps a global registry)."""
    from reportlab.lib.fonts import addMapping

    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(RESOURCES / "fonts" / filename)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD)


@cache
def srgb_profile() -> bytes:
    return (RESOURCES / "icc" / "sRGB.icc").read_bytes()


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself, in the information dictionary and in XMP alike.
    Never personal data: titles name the kind of document and its reference, not the person."""

    title: str
    author: str  # the werkplein, not the employee
    subject: str
    keywords: str
    language: str = "nl-NL"


def _xmp(meta: Metadata, created: str, pdf_date_producer: str) -> bytes:
    def alt(value: str) -> str:
        return f"<rdf:Alt><rdf:li xml:lang='x-default'>{escape(value)}</rdf:li></rdf:Alt>"

    packet = f"""<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/'>
<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
<rdf:Description rdf:about='' xmlns:pdfaid='http://www.aiim.org/pdfa/ns/id/'>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>
<dc:format>application/pdf</dc:format>
<dc:title>{alt(meta.title)}</dc:title>
<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description>{alt(meta.subject)}</dc:description>
<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about='' xmlns:xmp='http://ns.adobe.com/xap/1.0/'>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{created}</xmp:ModifyDate>
<xmp:MetadataDate>{created}</xmp:MetadataDate>
<xmp:CreatorTool>{escape(pdf_date_producer)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about='' xmlns:pdf='http://ns.adobe.com/pdf/1.3/'>
<pdf:Producer>{escape(pdf_date_producer)}</pdf:Producer>
<pdf:Keywords>{escape(meta.keywords)}</pdf:Keywords>
<pdf:Trapped>False</pdf:Trapped>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>"""
    return packet.encode("utf-8")


class _Plain(pdfdoc.PDFStream):  # type: ignore[misc]
    """A stream written without any filter: PDF/A wants the XMP packet readable as is, and
    its dictionary without a /Filter key (reportlab would write an empty one)."""

    def format(self, document: Any) -> bytes:
        content = self.content if isinstance(self.content, bytes) else self.content.encode()
        dictionary = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
        dictionary["Length"] = len(content)
        head: bytes = pdfdoc.format(dictionary, document)
        return head + b"\nstream\n" + content + b"\nendstream\n"


class DocumentCanvas(Canvas):  # type: ignore[misc]
    """A canvas that knows the page count when it draws the footers ("page 2 of 3") and that
    writes the PDF/A-2b parts on save."""

    def __init__(
        self,
        filename: Any,
        *args: Any,
        metadata: Metadata,
        decorate: Any = None,
        **kwargs: Any,
    ) -> None:
        register_fonts()
        kwargs.setdefault("pagesize", A4)
        # a document template passes its own values for these; ours win
        kwargs.update(
            initialFontName=FONT,
            initialFontSize=10,
            enforceColorSpace="rgb",
            lang=metadata.language,
            pdfVersion=(1, 7),
        )
        super().__init__(filename, *args, **kwargs)
        self._metadata = metadata
        self._decorate = decorate  # decorate(canvas, page_number, page_count)
        self._pages: list[dict[str, Any]] = []
        self.setTitle(metadata.title)
        self.setAuthor(metadata.author)
        self.setSubject(metadata.subject)
        self.setKeywords(metadata.keywords)
        self.setCreator(PRODUCER)
        self.setProducer(PRODUCER)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self._decorate is not None:
                self._decorate(self, number, count)
            Canvas.showPage(self)
        self._add_pdfa()
        Canvas.save(self)

    def _add_pdfa(self) -> None:
        # the information dictionary must say what the XMP packet says (a template may have
        # set its own title or creator on the canvas in between)
        meta = self._metadata
        self.setTitle(meta.title)
        self.setAuthor(meta.author)
        self.setSubject(meta.subject)
        self.setKeywords(meta.keywords)
        self.setCreator(PRODUCER)
        self.setProducer(PRODUCER)
        doc = self._doc
        stamp = doc._timeStamp
        year, month, day, hour, minute, second = stamp.YMDhms
        offset = f"{stamp.dhh:+03d}:{stamp.dmm:02d}"
        created = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{offset}"
        metadata = _Plain()
        metadata.content = _xmp(self._metadata, created, PRODUCER)
        metadata.dictionary["Type"] = pdfdoc.PDFName("Metadata")
        metadata.dictionary["Subtype"] = pdfdoc.PDFName("XML")
        catalog = doc.Catalog
        catalog.Metadata = doc.Reference(metadata, "XMPMetadata")

        profile = pdfdoc.PDFStream()
        profile.content = srgb_profile()
        profile.dictionary["N"] = 3
        intent = pdfdoc.PDFDictionary(
            {
                "Type": pdfdoc.PDFName("OutputIntent"),
                "S": pdfdoc.PDFName("GTS_PDFA1"),
                "OutputConditionIdentifier": pdfdoc.PDFString("sRGB IEC61966-2.1"),
                "Info": pdfdoc.PDFString("sRGB IEC61966-2.1"),
                "DestOutputProfile": doc.Reference(profile, "sRGBProfile"),
            }
        )
        catalog.OutputIntents = pdfdoc.PDFArray([doc.Reference(intent, "OutputIntent")])
        catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]


def canvas_maker(metadata: Metadata, decorate: Any) -> Any:
    """For ``BaseDocTemplate.build(canvasmaker=...)``."""

    def make(filename: Any, *args: Any, **kwargs: Any) -> DocumentCanvas:
        return DocumentCanvas(filename, *args, metadata=metadata, decorate=decorate, **kwargs)

    return make
