"""Parse numbers as people type them on phones, in the respondent's locale.

Accepted: digits of any script that Unicode classes as decimal digits (Thai,
Khmer, Burmese, Mongolian, Tamil, full-width, ...), the locale's grouping and
decimal separators from CLDR (through Babel), spaces, a leading sign and a
trailing percent sign. When the input could be read two ways, such as "1.500"
in a locale whose decimal separator is ".", the parser raises "ambiguous_number"
so the bot asks again instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from questionnaires.errors import InvalidAnswer

# Separators that people use for grouping or decimals in one convention or another.
SEPARATORS = {".", ",", "'", "’", "٫", "٬"}
SPACES = {" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000"}
MINUS_SIGNS = {"-", "\u2212", "\u2012", "\u2013"}
MAX_DIGITS = 40


def parse_number(text: str, locale: str) -> Decimal:
    """Return the number in `text`, or raise InvalidAnswer (not_a_number, ambiguous_number)."""
    decimal_symbol, group_symbol = _symbols(locale)
    sign, body = _split_sign(_ascii_digits(text))
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        raise InvalidAnswer("not_a_number")
    if any(not (char.isdigit() or char in SEPARATORS) for char in body):
        raise InvalidAnswer("not_a_number")
    if sum(char.isdigit() for char in body) > MAX_DIGITS:
        raise InvalidAnswer("too_large_to_read")

    digits = _interpret(body, decimal_symbol, group_symbol)
    try:
        value = Decimal(sign + digits)
    except InvalidOperation:
        raise InvalidAnswer("not_a_number") from None
    return value


def format_decimal_value(value: Decimal) -> str:
    """Return the canonical text of a number answer: no exponent, no trailing zeros.

    The "f" format keeps every digit, because unlike `quantize` and `normalize`
    it does not round to the decimal context's precision (28 digits by default).
    Negative zero becomes "0".
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return "0" if text == "-0" else text


def _symbols(locale: str) -> tuple[str, str]:
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        parsed = Locale("en")
    return get_decimal_symbol(parsed), _plain_group_symbol(get_group_symbol(parsed))


def _plain_group_symbol(symbol: str) -> str:
    # Locales that group with a (narrow) no-break space are handled by removing spaces.
    return "" if symbol in SPACES else symbol


def _ascii_digits(text: str) -> str:
    normalised = unicodedata.normalize("NFKC", text)
    chars: list[str] = []
    for char in normalised:
        if char in SPACES or char.isspace():
            continue
        digit = unicodedata.decimal(char, None)
        chars.append(str(digit) if digit is not None else char)
    return "".join(chars).removesuffix("%")


def _split_sign(text: str) -> tuple[str, str]:
    if text[:1] in MINUS_SIGNS:
        return "-", text[1:]
    if text[:1] == "+":
        return "", text[1:]
    return "", text


def _interpret(body: str, decimal_symbol: str, group_symbol: str) -> str:
    separators = [char for char in body if char in SEPARATORS]
    if not separators:
        return body

    kinds = set(separators)
    if len(kinds) == 2:
        return _interpret_mixed(body, decimal_symbol, group_symbol)

    separator = separators[0]
    parts = body.split(separator)
    if separator == group_symbol and _is_grouping(parts):
        return "".join(parts)
    if separator == decimal_symbol and len(parts) == 2:
        if _could_be_grouping(parts):
            raise InvalidAnswer("ambiguous_number", readings=_readings(parts))
        return f"{parts[0]}.{parts[1]}"
    if separator in (decimal_symbol, group_symbol) or _is_grouping(parts) or len(parts) == 2:
        # Valid in another convention only, such as "1,5" where "," groups thousands.
        raise InvalidAnswer("ambiguous_number", readings=_readings(parts))
    raise InvalidAnswer("not_a_number")


def _interpret_mixed(body: str, decimal_symbol: str, group_symbol: str) -> str:
    whole, separator, fraction = _rpartition_any(body)
    if separator != decimal_symbol or not fraction.isdigit():
        raise InvalidAnswer("ambiguous_number")
    groups = whole.split(group_symbol) if group_symbol else [whole]
    if not _is_grouping(groups):
        raise InvalidAnswer("ambiguous_number")
    return f"{''.join(groups)}.{fraction}"


def _readings(parts: list[str]) -> tuple[Decimal, ...]:
    """List the numbers that digit groups split at one separator can mean, smallest first."""
    readings = set()
    if _is_grouping(parts):
        readings.add(Decimal("".join(parts)))
    if len(parts) == 2 and all(part.isdigit() for part in parts):
        readings.add(Decimal(f"{parts[0]}.{parts[1]}"))
    return tuple(sorted(readings))


def _rpartition_any(body: str) -> tuple[str, str, str]:
    index = max(body.rfind(separator) for separator in SEPARATORS)
    return body[:index], body[index], body[index + 1 :]


def _is_grouping(parts: list[str]) -> bool:
    """Tell whether parts split at a separator form digit groups: 1,234,567 or 12,34,567."""
    if len(parts) < 2 or not all(part.isdigit() for part in parts):
        return False
    first, *middle, last = parts
    return (
        1 <= len(first) <= 3
        and not (first == "0")
        and all(len(part) in (2, 3) for part in middle)
        and len(last) == 3
    )


def _could_be_grouping(parts: list[str]) -> bool:
    return _is_grouping(parts) and re.fullmatch(r"[1-9]\d{0,2}", parts[0]) is not None
