"""List the translatable messages in the source, and update the catalogs.

    python translations/extract.py            # print msgids without a Dutch translation
    python translations/extract.py --update   # add missing msgids to the .po files (empty)

Core messages (``werkplein/``) belong in ``werkplein.po``, those of the documents
(``werkplein/export``) in ``werkplein_doc*.po``, UI messages (``ui/``) in ``werkplein_ui*.po``
(one file per group, so people working on different parts never edit the same catalog). The test suite fails when a message has no Dutch translation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None}
PARTS = {"werkplein": "werkplein.po", "ui": "werkplein_ui.po"}


def source_messages(part: str) -> dict[str, list[tuple[str, int]]]:
    """msgid -> [(file, line)] for every ``_()`` / ``N_()`` string in ``part``."""
    out: dict[str, list[tuple[str, int]]] = {}
    folder = ROOT / part
    method_map = [("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(folder), method_map=method_map, keywords=KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            out.setdefault(msgid, []).append((f"{part}/{filename}", lineno))
    return out


def load(lang: str, name: str) -> Catalog:
    """One catalog file; for the UI every ``werkplein_ui*.po`` merged, for the core
    ``werkplein.po`` and every ``werkplein_doc*.po``."""
    folder = ROOT / "translations" / lang / "LC_MESSAGES"
    if name == PARTS["ui"]:
        paths = sorted(folder.glob("werkplein_ui*.po"))
    else:
        paths = [folder / name, *sorted(folder.glob("werkplein_doc*.po"))]
    merged = Catalog(locale=lang, domain="werkplein")
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as fh:
            for message in read_po(fh, locale=lang, domain="werkplein"):
                if message.id and (message.id not in merged or message.string):
                    merged[message.id] = message
    return merged


def update() -> None:
    for part, name in PARTS.items():
        messages = source_messages(part)
        for lang in ("nl", "en"):
            catalog = load(lang, name)
            for msgid, locations in messages.items():
                if msgid not in catalog:
                    catalog.add(msgid, "", locations=locations)
            path = ROOT / "translations" / lang / "LC_MESSAGES" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, catalog, width=100, omit_header=False, sort_output=True)


def missing(lang: str = "nl") -> list[str]:
    out = []
    for part, name in PARTS.items():
        catalog = load(lang, name)
        for msgid in source_messages(part):
            entry = catalog.get(msgid)
            if entry is None or not entry.string:
                out.append(msgid)
    return out


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    for msgid in missing():
        print(msgid)
