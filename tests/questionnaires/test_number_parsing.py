from decimal import Decimal

import pytest

from questionnaires.errors import InvalidAnswer
from questionnaires.numbers import format_decimal_value, parse_number

READ = [
    # (text, locale, expected value)
    ("1500", "en", "1500"),
    ("42", "id", "42"),
    ("007", "en", "7"),
    # Grouping and decimal separators of the locale (CLDR through Babel).
    ("1,500", "en", "1500"),
    ("1,500,000", "en", "1500000"),
    ("1.500", "id", "1500"),
    ("1.500.000", "id", "1500000"),
    ("1.500", "vi", "1500"),
    ("1.5", "en", "1.5"),
    ("1.5000", "en", "1.5"),
    ("0.500", "en", "0.5"),
    ("1,5", "id", "1.5"),
    ("1,234.5", "en", "1234.5"),
    ("1.234,5", "id", "1234.5"),
    ("1.234.567,25", "id", "1234567.25"),
    ("1,500", "th", "1500"),
    ("1,500", "en-US", "1500"),
    ("1.500", "pt-br", "1500"),  # a Telegram language code, lower case
    ("1,500", "xx", "1500"),  # an unknown locale reads as English
    # Indian grouping: the first group of three, then groups of two.
    ("12,34,567", "en_IN", "1234567"),
    ("1,00,000", "en-IN", "100000"),
    ("12,34,567.5", "en_IN", "1234567.5"),
    # Native digits.
    ("๑๕๐๐", "th", "1500"),  # Thai
    ("๑,๕๐๐", "th", "1500"),
    ("១៥០០", "km", "1500"),  # Khmer
    ("១.៥", "km", "1.5"),
    ("၁၅၀၀", "my", "1500"),  # Burmese
    ("᠑᠕᠐᠐", "mn", "1500"),  # Mongolian script
    ("1,500", "mn", "1500"),  # Mongolia writes Latin digits in Cyrillic text
    ("௧௫௦௦", "ta", "1500"),  # Tamil
    ("１５００", "en", "1500"),  # full-width
    ("１，５００．５", "en", "1500.5"),
    ("١٥٠٠", "en", "1500"),  # Arabic-Indic
    # Spaces, including those that phones and copied text use for grouping.
    ("1 500", "en", "1500"),
    (" 42 ", "en", "42"),
    ("1\u00a0500", "en", "1500"),  # NO-BREAK SPACE
    ("1\u202f500,5", "fr", "1500.5"),  # NARROW NO-BREAK SPACE, the French grouping
    ("1 500,5", "fr", "1500.5"),
    # Signs and percent.
    ("-5", "en", "-5"),
    ("\u22125", "en", "-5"),  # MINUS SIGN
    ("\u22121,500", "en", "-1500"),
    ("- 5", "en", "-5"),
    ("-1.5", "en", "-1.5"),
    ("+5", "en", "5"),
    ("45%", "en", "45"),
    ("12.5%", "en", "12.5"),
    ("45 %", "fr", "45"),
    ("１" * 40, "en", "1" * 40),  # 40 digits, the maximum read
]

REJECTED = [
    # (text, locale, reason)
    # Readable two ways, so the respondent is asked again.
    ("1.500", "en", "ambiguous_number"),
    ("1,5", "en", "ambiguous_number"),
    ("1,50", "en", "ambiguous_number"),
    ("0,5", "en", "ambiguous_number"),
    ("1,500", "id", "ambiguous_number"),
    ("1.500", "fr", "ambiguous_number"),
    ("1.500.000", "en", "ambiguous_number"),
    ("1.234,5", "en", "ambiguous_number"),
    ("1,234.5", "id", "ambiguous_number"),
    # Not numbers.
    ("", "en", "not_a_number"),
    ("   ", "en", "not_a_number"),
    ("abc", "en", "not_a_number"),
    ("12abc", "en", "not_a_number"),
    ("about 500", "en", "not_a_number"),
    ("1e5", "en", "not_a_number"),
    (".5", "en", "not_a_number"),
    ("5.", "en", "not_a_number"),
    ("-", "en", "not_a_number"),
    ("--5", "en", "not_a_number"),
    ("+-5", "en", "not_a_number"),
    ("5-", "en", "not_a_number"),
    ("%", "en", "not_a_number"),
    ("%45", "en", "not_a_number"),
    ("45%%", "en", "not_a_number"),
    ("1_500", "en", "not_a_number"),
    ("1\u200b500", "en", "not_a_number"),  # ZERO WIDTH SPACE
    ("NaN", "en", "not_a_number"),
    ("Infinity", "en", "not_a_number"),
    ("½", "en", "not_a_number"),
    # Too long to be a real answer.
    ("1" * 41, "en", "too_large_to_read"),
    ("-" + "9" * 41, "en", "too_large_to_read"),
]


@pytest.mark.parametrize(("text", "locale", "expected"), READ)
def test_number_read(text: str, locale: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize(("text", "locale", "reason"), REJECTED)
def test_number_rejected(text: str, locale: str, reason: str) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        parse_number(text, locale)

    assert raised.value.reason == reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1500", "1500"),
        ("1.50", "1.5"),
        ("100.00", "100"),
        ("-12.50", "-12.5"),
        ("1E+3", "1000"),
        ("1E-7", "0.0000001"),
        ("0.000", "0"),
        ("-0", "0"),
        ("-0.0", "0"),
        ("1" * 40, "1" * 40),
        ("12345678901234567890123456789.5", "12345678901234567890123456789.5"),
        ("0.1234567890123456789012345678901", "0.1234567890123456789012345678901"),
    ],
)
def test_canonical_number_text(value: str, expected: str) -> None:
    assert format_decimal_value(Decimal(value)) == expected


def test_canonical_text_reads_back() -> None:
    value = parse_number("12,34,567.50", "en_IN")

    assert parse_number(format_decimal_value(value), "en") == value
