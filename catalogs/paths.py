"""Where the catalogs live and which languages ship."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = ROOT / "locales"
QUESTIONNAIRES_DIR = ROOT / "questionnaires" / "files"
SOURCE_PACKAGES = ("bot", "reports")
DOMAINS = ("messages", "questionnaire")

# Every shipped language but the English source; the same list as bot.languages.
SHIPPED_LOCALES = ("fil", "id", "ms", "th", "zh_Hant", "km", "my", "mn", "si", "ta")


def template_path(domain: str) -> Path:
    return LOCALES_DIR / f"{domain}.pot"


def catalog_path(locale: str, domain: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{domain}.po"


def compiled_path(locale: str, domain: str) -> Path:
    return catalog_path(locale, domain).with_suffix(".mo")
