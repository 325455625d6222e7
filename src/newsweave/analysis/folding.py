"""Accent folding shared by name matching and place lookup (below both, so neither imports the other)."""

from __future__ import annotations

import unicodedata

_LETTER_MAP = str.maketrans(  # letters NFKD does not split into base letter + accent
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold_accents(text: str) -> str:
    """Casefold and strip diacritics ("Erdoğan" -> "erdoğan" -> "erdogan", "Łódź" -> "lodz")."""
    if text.isascii():  # fast path: most names in English news and in GeoNames
        return text.casefold()
    folded = text.casefold().translate(_LETTER_MAP)
    return "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
