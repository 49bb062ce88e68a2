"""The Werkplein desktop app: a thin PySide6 front on ``werkplein.services``.

Nothing in here runs SQL or holds business rules; windows call services and show their
results. Start the app with :func:`ui.app.run`. All user-visible text goes through
``werkplein.i18n._`` (catalog ``translations/<lang>/LC_MESSAGES/werkplein_ui.po``).

The few helpers below are shared by every screen; they move to ``ui/widgets/`` and
``ui/errors.py`` once there are more of them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from werkplein.errors import WerkpleinError
from werkplein.i18n import _

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON_PATH = RESOURCES / "icons" / "werkplein.svg"

# Each language is offered in its own name, so someone who cannot read the current language
# still finds theirs. Deliberately not translated.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

ERROR_COLOUR = "#b3261e"  # dark red, 6.5:1 on white


def error_text(exc: BaseException) -> str:
    """The one way the UI words an exception: known errors in the user's language, bugs by type.

    The text of an unknown exception is never shown: it may hold personal data.
    """
    if isinstance(exc, WerkpleinError):
        return exc.message()
    return _(
        "Something unexpected went wrong ({error}). Nothing was changed. "
        "Try again; if it happens again, tell your application administrator.",
        error=type(exc).__name__,
    )


def mute(widget: QWidget, amount: float = 0.32) -> None:
    """Secondary text: the text colour moved towards the background, so dark themes work too."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    keep = 1.0 - amount
    mixed = QColor(
        round(text.red() * keep + back.red() * amount),
        round(text.green() * keep + back.green() * amount),
        round(text.blue() * keep + back.blue() * amount),
    )
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    widget.setPalette(palette)
