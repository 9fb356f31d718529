"""Text normalisation shared by the gazetteer and the claim parser."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘ʼʻ`´"
_SPACES = re.compile(r"[\s\-‐‑‒–—_./]+")


def fold(text: str) -> str:
    """Fold a name for matching: lower case, no diacritics, no apostrophes, single spaces.

    Latin diacritics are dropped ("Ch'ŏngjin" -> "chongjin"); Cyrillic and Hangul are kept as they are.
    """
    if text.isascii():  # the same steps without the Unicode tables (NFKD and NFC leave ASCII as it is)
        return _SPACES.sub(" ", text.lower().replace("'", "").replace("`", "")).strip(" ,;:()")
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = unicodedata.normalize("NFC", t).lower()
    t = t.replace("ё", "е")
    for a in _APOSTROPHES:
        t = t.replace(a, "")
    t = _SPACES.sub(" ", t)
    return t.strip(" ,;:()")


def is_useful_script(name: str) -> bool:
    """True for names written in Latin, Cyrillic or Hangul (the scripts routecheck users type)."""
    if name.isascii():
        return True
    for ch in name:
        if not ch.isalpha():
            continue
        code = ord(ch)
        latin = code < 0x250 or 0x1E00 <= code <= 0x1EFF
        cyrillic = 0x400 <= code <= 0x4FF
        hangul = 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F
        if not (latin or cyrillic or hangul):
            return False
    return True
