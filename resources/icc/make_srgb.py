"""Make ``sRGB.icc``: the output intent of Werkplein's PDF/A documents.

    python resources/icc/make_srgb.py

LittleCMS (through Pillow, which reportlab already needs) builds its standard sRGB profile as
ICC version 4.4. PDF/A-2 rests on PDF 1.7, which knows ICC profiles up to version 4.2, so the
header is set to 4.2 (the tags LittleCMS writes all exist in 4.2) and the profile id (an MD5 over
the profile with its flags, intent and id fields zeroed) is computed again. The creation date is
fixed so that the file is the same every time it is made.
"""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

from PIL import ImageCms


def srgb_profile() -> bytes:
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[8:12] = bytes([4, 0x20, 0, 0])  # version 4.2.0
    data[24:36] = struct.pack(">6H", 2026, 1, 1, 0, 0, 0)  # creation date
    data[84:100] = bytes(16)
    masked = bytearray(data)
    masked[44:48] = bytes(4)  # profile flags
    masked[64:68] = bytes(4)  # rendering intent
    data[84:100] = hashlib.md5(masked, usedforsecurity=False).digest()
    return bytes(data)


if __name__ == "__main__":
    Path(__file__).with_name("sRGB.icc").write_bytes(srgb_profile())
