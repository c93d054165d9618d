"""IANA time zone names as an interviewer types them, and the zones of a country."""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from zoneinfo import available_timezones

from babel import Locale

logger = logging.getLogger(__name__)


def find_zone(text: str) -> str | None:
    """Return the IANA zone that `text` names, ignoring case; "manila" finds Asia/Manila.

    The last part of a zone name ("Ho Chi Minh" for Asia/Ho_Chi_Minh) counts
    only when exactly one zone has it.
    """
    key = text.strip().replace(" ", "_").lower()
    names = _zone_names()
    if key in names:
        return names[key]
    matches = [zone for lower, zone in names.items() if lower.rsplit("/", 1)[-1] == key]
    return matches[0] if len(matches) == 1 else None


def zones_of_country(country: str, locale: str) -> list[str]:
    """Return the zones of the country named in English or in `locale`, or [] if unknown."""
    code = _country_code(country.strip().lower(), locale)
    return _zones_by_country().get(code, []) if code else []


def country_of_zone(zone: str) -> str | None:
    """Return the ISO 3166 code of the country a time zone is in, or None if unknown."""
    for code, zones in _zones_by_country().items():
        if zone in zones:
            return code
    return None


@cache
def _zone_names() -> dict[str, str]:
    return {zone.lower(): zone for zone in available_timezones()}


@cache
def _zones_by_country() -> dict[str, list[str]]:
    """Read tzdata's zone.tab: country code, coordinates and zone name on each line."""
    zones: dict[str, list[str]] = {}
    for code, _coordinates, zone, *_comment in _tzdata_table("zone.tab"):
        zones.setdefault(code, []).append(zone)
    return zones


@cache
def _tzdata_country_names() -> dict[str, str]:
    """Read tzdata's iso3166.tab, whose short English names Babel lacks ("Hong Kong")."""
    names = {}
    for code, name, *_rest in _tzdata_table("iso3166.tab"):
        names[name.lower()] = code
        names[_short(name)] = code
    return names


def _tzdata_table(name: str) -> list[list[str]]:
    try:
        text = resources.files("tzdata").joinpath(f"zoneinfo/{name}").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        logger.warning("tzdata's %s not readable (%s): no time zone suggestions", name, error)
        return []
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines]


def _country_code(name: str, locale: str) -> str | None:
    for language in dict.fromkeys(("en", locale)):
        for code, territory in Locale.parse(language).territories.items():
            if name in (territory.lower(), _short(territory)):
                return code
    return _tzdata_country_names().get(name)


def _short(name: str) -> str:
    """Drop a bracketed part: "Myanmar (Burma)" is also found as "myanmar"."""
    return name.split(" (", 1)[0].lower()
