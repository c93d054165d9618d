"""Make the text of WeasyPrint's PDFs extractable in every script.

WeasyPrint 70 writes one ToUnicode entry per glyph, taken from the first
cluster the glyph is drawn in. A glyph shaped from several characters, or
moved before the consonant it follows in memory (Thai sara am, Burmese and
Tamil pre-base vowels, Khmer subscripts), then extracts as the wrong letters.
Marked content with an /ActualText entry, the PDF format's replacement text,
states the exact characters of each drawn line, and text extractors such as
PDFium read it in place of the glyphs. Copy, search and screen readers then
see the real text.
"""

from __future__ import annotations

from typing import Any

import pydyf
import weasyprint.draw

# NOTE: weasyprint.draw.draw_text is internal to WeasyPrint, not public API.
# The PDF text tests fail if a WeasyPrint release renames or bypasses it, and
# pyproject.toml keeps WeasyPrint below the next major version for that reason.
_draw_text = weasyprint.draw.draw_text


def _draw_text_with_actual_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> None:
    replacement = pydyf.Dictionary({"ActualText": pydyf.String(textbox.text)})
    stream.begin_marked_content("Span", replacement)
    try:
        _draw_text(stream, textbox, *args, **kwargs)
    finally:
        stream.end_marked_content()


def install_actual_text() -> None:
    """Wrap every line WeasyPrint draws in /ActualText marked content. Safe to call twice."""
    weasyprint.draw.draw_text = _draw_text_with_actual_text
