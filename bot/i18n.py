"""Translations and locale-aware formatting for one respondent's language.

Two gettext domains live in `locales/`: `messages` for the bot's own texts
and `questionnaire` for the texts of the questionnaire files. English is the
source language, so a missing catalog or entry shows the English text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

from catalogs.workflow import compile_catalogs

logger = logging.getLogger(__name__)

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
        if type(value) is int:
            return _whole_number(value, self.locale)
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


@lru_cache(maxsize=4096)
def _whole_number(value: int, locale: str) -> str:
    # Every question screen formats a dozen small ints (levels, progress), and
    # Babel parses the locale and the number pattern again on each call.
    return format_decimal(value, locale=Locale.parse(locale))


def _load(domain: str, locale: str) -> NullTranslations:
    if locale == SOURCE_LOCALE:
        return NullTranslations()
    translations = Translations.load(str(LOCALES_DIR), [locale], domain=domain)
    if not isinstance(translations, Translations):
        logger.warning("no compiled %s catalog for %s: showing English", domain, locale)
    translations.add_fallback(MissingTextLogger(locale, domain))
    return translations


class MissingTextLogger(NullTranslations):
    """The last fallback of a catalog: returns the English source and logs it once.

    gettext consults the fallback only for texts the catalog lacks, so each
    missing text is reported once per locale instead of on every message.
    """

    def __init__(self, locale: str, domain: str) -> None:
        super().__init__()
        self._locale = locale
        self._domain = domain
        self._reported: set[str] = set()

    def gettext(self, message: str) -> str:
        self._report(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self._report(singular)
        return singular if n == 1 else plural

    def _report(self, message: str) -> None:
        if message and message not in self._reported:
            self._reported.add(message)
            logger.warning(
                "%s catalog for %s lacks %r: showing English",
                self._domain,
                self._locale,
                message[:60],
            )


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for deferred strings
    """Mark a string for extraction whose translation happens later, with Translator.gettext."""
    return message


def compile_if_stale() -> None:
    """Compile the catalogs whose .mo file is missing or older than the .po file."""
    try:
        compiled = compile_catalogs()
    except OSError as error:
        logger.warning("catalogs not compiled (%s): some texts may show in English", error)
        return
    if compiled:
        translator.cache_clear()
        logger.info("compiled %d translation catalogs", len(compiled))
