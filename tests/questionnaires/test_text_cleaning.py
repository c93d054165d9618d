import pytest

from questionnaires.text import clean_text

SCOTLAND_FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
# "ᠬᠠᠳᠠ᠎ᠠ" (rock) in traditional Mongolian script, with a MONGOLIAN VOWEL SEPARATOR
# before the final letter.
MONGOLIAN_ROCK = "\u182c\u1820\u1833\u1820\u180e\u1820"

KEPT = [
    # (case, text as typed)
    ("emoji ZWJ sequence", "\U0001f469\u200d\U0001f4bb"),  # WOMAN, ZWJ, LAPTOP
    ("emoji skin tone", "\U0001f44d\U0001f3fd"),
    ("emoji keycap", "1\ufe0f\u20e3"),
    ("emoji country flag", "\U0001f1f9\U0001f1ed"),
    ("emoji subdivision flag", SCOTLAND_FLAG),
    ("Mongolian vowel separator", MONGOLIAN_ROCK),
    ("Sinhala conjunct with ZWJ", "\u0d9a\u0dca\u200d\u0dbb"),
    ("Persian ZWNJ", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
    ("Thai vowels and tone marks", "เชียงใหม่"),
    ("Burmese", "ရန်ကုန်"),
    ("HTML characters", "<script>alert('x')</script> & &amp;"),
    ("Markdown characters", "*bold* _it_ `code` [a](b)"),
]


@pytest.mark.parametrize("text", [text for _, text in KEPT], ids=[case for case, _ in KEPT])
def test_clean_text_keeps(text: str) -> None:
    assert clean_text(text, keep_newlines=False) == text


CHANGED = [
    # (case, text as typed, keep_newlines, cleaned)
    ("trimmed", "  Hue  ", False, "Hue"),
    ("control characters", "Hu\x00e\x1b", False, "Hue"),
    ("DEL", "Hue\x7f", False, "Hue"),
    ("tab to space", "Da\tNang", False, "Da Nang"),
    ("newline to space", "Da\nNang", False, "Da Nang"),
    ("newline kept", "Da\nNang", True, "Da\nNang"),
    ("bidi override", "\u202eHue\u202c", False, "Hue"),
    ("byte order mark", "\ufeffHue", False, "Hue"),
    ("zero width space", "Hu\u200be", False, "Hue"),
    ("soft hyphen", "Hu\u00ade", False, "Hue"),
    ("composed to NFC", "Hue\u0301", False, "Hu\u00e9"),
]


@pytest.mark.parametrize(
    ("text", "keep_newlines", "expected"),
    [(text, keep, expected) for _, text, keep, expected in CHANGED],
    ids=[case for case, *_ in CHANGED],
)
def test_clean_text_changes(text: str, keep_newlines: bool, expected: str) -> None:
    assert clean_text(text, keep_newlines=keep_newlines) == expected


@pytest.mark.parametrize(
    "text",
    ["", " \t\n", "\u200b", "\u200c\u200d", "\ufe0f", "\U000e0067\U000e007f", "\u0301\u0302"],
)
def test_invisible_text_cleans_to_empty(text: str) -> None:
    assert clean_text(text, keep_newlines=True) == ""
