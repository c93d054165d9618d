"""Clean typed text answers without damaging any script or emoji."""

from __future__ import annotations

import unicodedata

# Joiners and selectors shape scripts and emoji (ZWJ in emoji sequences and in
# Sinhala conjuncts, ZWNJ in Khmer and Burmese), so they are kept. So are the
# Mongolian vowel separator, which selects letter forms in traditional Mongolian
# script, and the tag characters (U+E0020 to U+E007F) that spell a subdivision
# flag such as Scotland's. Other format characters such as bidi overrides and a
# lone BOM are dropped.
TAG_CHARACTERS = {chr(code) for code in range(0xE0020, 0xE0080)}
KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d", "\ufe0e", "\ufe0f", "\u180e"} | TAG_CHARACTERS


def clean_text(text: str, *, keep_newlines: bool) -> str:
    """Return `text` in NFC with control and invisible format characters removed, trimmed."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char == "\n" and keep_newlines:
            kept.append(char)
        elif char in "\t\r\n":
            kept.append(" ")
        elif category == "Cc":
            continue
        elif category == "Cf" and char not in KEPT_FORMAT_CHARACTERS:
            continue
        else:
            kept.append(char)
    cleaned = "".join(kept).strip()
    if not any(_is_visible(char) for char in cleaned):
        return ""
    return cleaned


def _is_visible(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in ("Cf", "Mn", "Zs"))
