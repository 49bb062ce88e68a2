"""Run-time hook of the frozen app, in place of PyInstaller's ``pyi_rth_pyside6``.

PyInstaller's hook imports ``PySide6.QtCore`` at every start to check for an embedded
``qt.conf``, which loads the Qt and ICU libraries (about 45 MB) even for ``werkplein
--version`` or a CLI export that never touch Qt. PySide6's wheels register that ``qt.conf``
themselves when QtCore is first imported, so all that is left to do here is to point Qt at the
bundled plugins (platforms, image formats, icon engines).
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6")  # type: ignore[attr-defined]
if not sys.platform.startswith("win"):
    _qt = os.path.join(_qt, "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
del _qt
