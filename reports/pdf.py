"""Render a report as an A4 PDF and its radar chart as a PNG photo.

Both go through WeasyPrint, whose Pango and HarfBuzz shape every script the
bot speaks; the fonts are Debian's Noto packages (see the Makefile). The
chart photo is a one-page PDF of the chart, rasterised by PDFium.
"""

from __future__ import annotations

import io
import threading
from functools import cache
from importlib import resources

import pypdfium2
from weasyprint import CSS, HTML

from reports.chart import chart_html
from reports.content import Report
from reports.pdf_text import install_actual_text
from reports.templating import ENVIRONMENT

# Pixels per CSS pixel of the chart photo: 2 gives about 1440 by 1300 pixels.
PHOTO_SCALE = 2

# WeasyPrint and PDFium do not document thread safety, and reports are built
# in worker threads, so one report renders at a time.
_RENDER_LOCK = threading.Lock()


def report_pdf(report: Report) -> bytes:
    """Render the whole report: cover, overview with the chart, pillars, glossary, method."""
    template = ENVIRONMENT.get_template("report.html.j2")
    html = template.render(report=report, chart=chart_html(report))
    return _write_pdf(html, "report.css")


def chart_png(report: Report) -> bytes:
    """Render the chart with its title and legend as a PNG image for the chat."""
    template = ENVIRONMENT.get_template("chart_page.html.j2")
    html = template.render(report=report, chart=chart_html(report))
    pdf = _write_pdf(html, "chart_page.css")
    with _RENDER_LOCK:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            image = page.render(scale=PHOTO_SCALE).to_pil()
            page.close()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _write_pdf(html: str, stylesheet: str) -> bytes:
    with _RENDER_LOCK:
        install_actual_text()
        stylesheets = [_stylesheet(name) for name in ("fonts.css", "chart.css", stylesheet)]
        return HTML(string=html).write_pdf(stylesheets=stylesheets)


@cache
def _stylesheet(name: str) -> CSS:
    source = (resources.files("reports") / "templates" / name).read_text(encoding="utf-8")
    return CSS(string=source)
