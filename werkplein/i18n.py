"""One translation function for the core, the CLI and the UI.

Message ids are English; the catalogs live in ``translations/<lang>/LC_MESSAGES/werkplein.po``
and are read with babel at first use (no compile step, no binary files in the repository).
Dutch is the default language; English is the second.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
DOMAIN = "werkplein"
_CATALOG_DIR = Path(__file__).resolve().parent.parent / "translations"

_state = {"language": os.environ.get("WERKPLEIN_LANG", DEFAULT_LANGUAGE)}


def catalog_dir() -> Path:
    return _CATALOG_DIR


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    _state["language"] = language


def language() -> str:
    lang = _state["language"]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def locale_name() -> str:
    """The babel locale for formatting dates, money and numbers."""
    return {"nl": "nl_NL", "en": "en_GB"}[language()]


def catalog_files(lang: str) -> list[Path]:
    """All catalogs of one language: ``werkplein.po`` (core, CLI) and ``werkplein_ui.po``."""
    return sorted((_CATALOG_DIR / lang / "LC_MESSAGES").glob(f"{DOMAIN}*.po"))


@cache
def _catalog(lang: str) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for path in catalog_files(lang):
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang, domain=DOMAIN)
        for msg in cat:
            if not (msg.id and isinstance(msg.id, str) and isinstance(msg.string, str)):
                continue
            if msg.string and not msg.fuzzy:
                out[msg.id] = msg.string
    return out


def gettext(message: str) -> str:
    return _catalog(language()).get(message, message)


def _(message: str, **params: object) -> str:
    """Translate ``message`` to the active language and fill ``{named}`` placeholders."""
    text = gettext(message)
    return text.format(**params) if params else text


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translated when shown)."""
    return message
