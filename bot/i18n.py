"""Translations and locale-aware formatting for one respondent's language.

Two gettext domains live in `locales/`: `messages` for the bot's own texts
and `questionnaire` for the texts of the questionnaire files. English is the
source language, so a missing catalog or entry shows the English text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
SOURCE_LOCALE = "en"


@dataclass(frozen=True)
class Translator:
    locale: str
    messages: NullTranslations = field(repr=False)
    questionnaire_texts: NullTranslations = field(repr=False)

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.messages.ngettext(singular, plural, count)

    def text(self, source: str) -> str:
        """Translate a text taken from the questionnaire file."""
        return self.questionnaire_texts.gettext(source)

    def number(self, value: int | float | Decimal) -> str:
        return format_decimal(value, locale=self.babel_locale)

    def percent(self, fraction: float) -> str:
        return format_percent(fraction, locale=self.babel_locale)

    @property
    def babel_locale(self) -> Locale:
        return Locale.parse(self.locale)


@cache
def translator(locale: str) -> Translator:
    """Return the translator for a locale, falling back to English texts where none exist."""
    return Translator(
        locale=locale,
        messages=_load("messages", locale),
        questionnaire_texts=_load("questionnaire", locale),
    )


def _load(domain: str, locale: str) -> NullTranslations:
    if locale == SOURCE_LOCALE:
        return NullTranslations()
    return Translations.load(str(LOCALES_DIR), [locale], domain=domain)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for deferred strings
    """Mark a string for extraction whose translation happens later, with Translator.gettext."""
    return message
