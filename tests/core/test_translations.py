"""Every user-visible string has a Dutch translation, and both catalogs parse."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from werkplein import i18n

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("extract", ROOT / "translations" / "extract.py")
assert _spec is not None
assert _spec.loader is not None
extract = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extract)


@pytest.mark.parametrize("part", ["werkplein", "ui"])
def test_every_message_has_a_dutch_translation(part: str) -> None:
    name = extract.PARTS[part]
    catalog = extract.load("nl", name)
    untranslated = [
        msgid
        for msgid in extract.source_messages(part)
        if catalog.get(msgid) is None or not catalog.get(msgid).string
    ]
    assert untranslated == [], f"add these to translations/nl/LC_MESSAGES/{name}"


def test_placeholders_survive_translation() -> None:
    """A translation must keep every {placeholder} of its message id."""
    for name in extract.PARTS.values():
        for lang in i18n.LANGUAGES:
            for message in extract.load(lang, name):
                if not message.id or not message.string:
                    continue
                wanted = set(re.findall(r"{(\w+)}", str(message.id)))
                found = set(re.findall(r"{(\w+)}", str(message.string)))
                assert wanted == found, (lang, message.id)


def test_switching_language() -> None:
    i18n.set_language("nl")
    assert i18n._("The passphrase has been changed.") == "De wachtwoordzin is gewijzigd."
    i18n.set_language("en")
    assert i18n._("The passphrase has been changed.") == "The passphrase has been changed."
    assert i18n.locale_name() == "en_GB"
