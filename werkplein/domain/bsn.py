"""The BSN (burgerservicenummer): nine digits, valid by the elfproef (11-test).

The BSN variant of the 11-test weighs the digits 9, 8, ..., 2 and the last digit -1; the sum must
be divisible by 11 and the number may not be all zeros. Leading zeros count (an 8-digit number
from a spreadsheet that dropped its leading zero is padded back).
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-]")
WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def normalize(text: str) -> str:
    """Strip spaces, dots and dashes; pad an 8-digit number with its lost leading zero."""
    digits = _SEPARATORS.sub("", text)
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid(text: str) -> bool:
    digits = normalize(text)
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    if digits == "000000000":
        return False
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11 == 0


def check_digit_for(first_eight: str) -> int | None:
    """The last digit that makes ``first_eight`` a valid BSN, or None when none exists."""
    partial = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS[:8], strict=True))
    last = partial % 11
    return last if last <= 9 else None


def mask(bsn: str) -> str:
    """For screens that need a hint, never for logs: ``*****6782``."""
    digits = normalize(bsn)
    return "*****" + digits[-4:] if len(digits) == 9 else "*********"
