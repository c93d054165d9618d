"""The languages respondents can choose, and Telegram's language hint mapped onto them.

Telegram sends the user's app language as an IETF language tag
(`User.language_code`), which is only a hint: the respondent's own choice is
stored and wins.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

# English first (the source language), then the member countries' languages.
SUPPORTED_LOCALES = ("en", "fil", "id", "ms", "th", "zh_Hant", "km", "my", "mn", "si", "ta")
TRADITIONAL_CHINESE_REGIONS = {"tw", "hk", "mo"}
FILIPINO_TAGS = {"fil", "tl"}
# The supported language of each member country or territory whose own
# language is not English, by ISO 3166 code. Sri Lanka's other official
# language, Tamil, is supported too, but Sinhala is the majority's.
COUNTRY_LOCALES = {
    "KH": "km",
    "HK": "zh_Hant",
    "ID": "id",
    "MO": "zh_Hant",
    "MY": "ms",
    "MM": "my",
    "MN": "mn",
    "PH": "fil",
    "LK": "si",
    "TW": "zh_Hant",
    "TH": "th",
}


def locale_from_language_code(language_code: str | None) -> str | None:
    """Map a Telegram language code to a supported locale, or None when none fits.

    Region variants map to their language (ms-MY to ms, ta-LK to ta); Chinese
    maps only when the tag says Traditional script or a region that uses it.
    """
    if not language_code:
        return None
    subtags = language_code.strip().lower().replace("_", "-").split("-")
    language = subtags[0]
    if language == "zh":
        rest = set(subtags[1:])
        if "hant" in rest or rest & TRADITIONAL_CHINESE_REGIONS:
            return "zh_Hant"
        return None
    if language in FILIPINO_TAGS:
        return "fil"
    return language if language in SUPPORTED_LOCALES else None


def ordered_locales(hint: str | None) -> list[str]:
    """List the supported locales with the hinted one first, else English first."""
    first = hint if hint in SUPPORTED_LOCALES else "en"
    return [first, *(locale for locale in SUPPORTED_LOCALES if locale != first)]


@cache
def native_name(locale: str) -> str:
    """Return the language's own name for itself, from CLDR, such as "ไทย" for Thai."""
    parsed = Locale.parse(locale)
    name = parsed.get_display_name(parsed) or locale
    return name[:1].upper() + name[1:]


def menu_language_code(locale: str) -> str:
    """Return the two-letter ISO 639-1 code that setMyCommands takes for a locale.

    Filipino has no two-letter code of its own, so it uses Tagalog's "tl";
    Traditional Chinese menus go to every "zh" user.
    """
    return {"fil": "tl", "zh_Hant": "zh"}.get(locale, locale)
