"""Render what a respondent sees in chat, per language, to PNG files for checking by eye.

Usage: `.venv/bin/python scripts/render_chat_screens.py [OUTPUT_DIR] [LOCALE ...]`.
Runs the real bot against the fake Bot API, answers a whole interview and
draws the welcome, one maturity-scale question with its buttons, and the
submitted summary as phone-width chat bubbles, with the Noto fonts the
report uses. It checks fonts and text shaping on this machine; Telegram's
own apps draw with the phone's fonts.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from html import escape
from pathlib import Path

import pypdfium2
from weasyprint import HTML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.languages import native_name  # noqa: E402
from tests.bot.driver import answer_all, answer_until  # noqa: E402
from tests.bot.harness import buttons, running_bot  # noqa: E402

DEFAULT_LOCALES = ("th", "km", "my", "si", "zh_Hant")
PAGE_CSS = """
@page { size: 400px 1400px; margin: 12px; }
body { font-family: 'Noto Sans', 'Noto Sans Thai', 'Noto Sans Khmer', 'Noto Sans Myanmar',
       'Noto Sans Sinhala', 'Noto Sans Tamil', 'Noto Sans CJK TC', sans-serif;
       font-size: 14px; background: #dfe7ee; }
.bubble { background: white; border-radius: 10px; padding: 8px 10px; margin: 0 0 6px 0;
          white-space: pre-wrap; }
.button { display: inline-block; background: #f1f5f8; border-radius: 6px; padding: 4px 8px;
          margin: 2px; font-size: 13px; }
"""


async def collect(locale: str) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as folder:
        async with running_bot(Path(folder) / "screens.sqlite3") as harness:
            mayor = harness.person(language_code=locale.replace("_", "-"))
            await mayor.send("/start")
            await mayor.tap(native_name(locale))
            welcome = next(m for m in mayor.messages() if "/start" in m.get("text", ""))
            await answer_until(mayor, "vision_strategy", {"city_name": "123"})
            scale = mayor.messages()[-1]
            await answer_all(mayor, {"city_name": "123", "flagship_project": "2025"})
            await mayor.tap("✅")
            summary = next(m for m in reversed(mayor.messages()) if m.get("text"))
            return {"welcome": welcome, "scale": scale, "summary": summary}


def bubble(message: dict) -> str:
    text = escape(message.get("text", ""))
    labels = "".join(f'<span class="button">{escape(b["text"])}</span>' for b in buttons(message))
    return f'<div class="bubble">{text}</div><div>{labels}</div>'


def render(locale: str, screens: dict[str, dict], output: Path) -> list[Path]:
    paths = []
    for name, message in screens.items():
        html = f"<html><head><style>{PAGE_CSS}</style></head><body>{bubble(message)}</body></html>"
        pdf = HTML(string=html).write_pdf()
        page = pypdfium2.PdfDocument(pdf)[0]
        path = output / f"{locale}-{name}.png"
        page.render(scale=1.5).to_pil().save(path)
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else ROOT / "data" / "screens"
    locales = tuple(argv[1:]) or DEFAULT_LOCALES
    output.mkdir(parents=True, exist_ok=True)
    for locale in locales:
        for path in render(locale, asyncio.run(collect(locale)), output):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
