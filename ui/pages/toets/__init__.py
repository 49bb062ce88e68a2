"""De Omgekeerde Toets for one case: the four steps in order, then the decision.

Left the steps with their state (a symbol and a word, never colour alone), right the form of
the chosen step with its guidance from the method, under it what is still missing. Leaving a
step saves it, so nothing is lost; changing a completed step reopens it and every later step
(the core decides, the screen says so before and after). Step 4, the juridische toets, stays
locked until steps 1-3 are complete: the law closes the process. The fifth panel drafts the
decision, sends it to the teamleider when it deviates from policy, or sets it.

The page (``page.py``), one module per step (``effect``, ``grondwaarde``, ``afweging`` with
``costs``, ``juridisch``), the decision (``decision.py``) and what they share (``common``,
``panel``).
"""

from ui.pages.toets.common import DECISION_INDEX, DONE, LOCKED, OPEN, costs_verdict, date_text
from ui.pages.toets.page import ToetsPage

__all__ = [
    "DECISION_INDEX",
    "DONE",
    "LOCKED",
    "OPEN",
    "ToetsPage",
    "costs_verdict",
    "date_text",
]
