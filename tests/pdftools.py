"""Reading the documents back: text, fonts, PDF/A parts and raw bytes (pypdf)."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject


def reader(source: bytes | Path) -> PdfReader:
    data = source.read_bytes() if isinstance(source, Path) else source
    return PdfReader(io.BytesIO(data))


def text(source: bytes | Path) -> str:
    """All pages' text, with line breaks and runs of spaces made single spaces."""
    pages = [page.extract_text() or "" for page in reader(source).pages]
    return re.sub(r"\s+", " ", " ".join(pages))


def page_texts(source: bytes | Path) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader(source).pages]


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def fonts(source: bytes | Path) -> dict[str, bool]:
    """Every font used on any page -> is its program embedded?"""
    out: dict[str, bool] = {}
    for page in reader(source).pages:
        resources = _resolve(page.get("/Resources")) or {}
        for font in (_resolve(resources.get("/Font")) or {}).values():
            font = _resolve(font)
            descriptor = _resolve(font.get("/FontDescriptor")) or {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out[str(font.get("/BaseFont"))] = embedded
    return out


def xmp(source: bytes | Path) -> str:
    root = reader(source).trailer["/Root"].get_object()
    stream = root["/Metadata"].get_object()
    return bytes(stream.get_data()).decode("utf-8")


def all_bytes(source: bytes | Path) -> bytes:
    """The file as stored plus every stream decompressed: for byte searches that must also
    see inside compressed page content."""
    data = source.read_bytes() if isinstance(source, Path) else source
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)
