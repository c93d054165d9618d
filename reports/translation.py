"""The translator a report is written with: the interface of `bot.i18n.Translator`.

Reports take it as a parameter so that they need nothing from `bot/`, and so
that tests can pass a translator of their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol


class Translator(Protocol):
    @property
    def locale(self) -> str:
        """A Babel locale identifier such as "th" or "zh_Hant"."""

    def gettext(self, message: str) -> str:
        """Translate one of the bot's own texts."""

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """Translate a text whose form depends on `count`."""

    def text(self, source: str) -> str:
        """Translate a text taken from the questionnaire file."""

    def number(self, value: int | float | Decimal) -> str:
        """Format a number with the locale's digits and separators."""


def language_tag(locale: str) -> str:
    """Return the BCP 47 tag for HTML `lang`, such as "zh-Hant" for "zh_Hant"."""
    return locale.replace("_", "-")
