"""Respondents pick their language, switch it mid-interview and type native digits."""

import pytest

from bot.languages import SUPPORTED_LOCALES, locale_from_language_code, native_name
from tests.bot.driver import answer_current, answer_until, start_in_english
from tests.bot.harness import BotHarness, buttons


@pytest.mark.parametrize(
    ("language_code", "locale"),
    [
        ("zh-hant", "zh_Hant"),
        ("zh-TW", "zh_Hant"),
        ("zh-hk", "zh_Hant"),
        ("zh-Hant-TW", "zh_Hant"),
        ("zh-cn", None),
        ("zh", None),
        ("tl", "fil"),
        ("fil", "fil"),
        ("ms-MY", "ms"),
        ("en-GB", "en"),
        ("ta-LK", "ta"),
        ("si", "si"),
        ("my", "my"),
        ("km-KH", "km"),
        ("mn", "mn"),
        ("th", "th"),
        ("id", "id"),
        ("xx", None),
        ("", None),
        (None, None),
    ],
)
def test_language_code_maps_to_locale(language_code: str | None, locale: str | None) -> None:
    assert locale_from_language_code(language_code) == locale


@pytest.mark.parametrize(
    ("language_code", "first"),
    [("th", "ไทย"), ("zh-TW", "中文 (繁體)"), ("xx", "English"), (None, "English")],
)
async def test_picker_offers_hint_first(
    harness: BotHarness, language_code: str | None, first: str
) -> None:
    mayor = harness.person(language_code=language_code)

    await mayor.send("/start")

    labels = [button["text"] for button in buttons(mayor.messages()[-1])]
    assert labels[0] == first
    assert sorted(labels) == sorted(native_name(locale) for locale in SUPPORTED_LOCALES)


async def test_choice_is_stored_over_hint(harness: BotHarness) -> None:
    mayor = harness.person(language_code="th")
    await mayor.send("/start")

    await mayor.tap("ខ្មែរ")

    state = await mayor.state()
    assert state.respondent.locale == "km"


async def test_language_switch_keeps_place(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "respondent_role")
    answers = await mayor.answers()

    await mayor.send("/language")
    await mayor.tap("Melayu")

    state = await mayor.state()
    assert state.respondent.locale == "ms"
    assert state.current.id == "respondent_role"
    assert state.answers == answers
    assert "respondent_role" in str(mayor.messages()[-1]["reply_markup"])


async def test_commands_registered_per_language(harness: BotHarness) -> None:
    default = harness.api.commands()
    thai = harness.api.commands(language_code="th")
    filipino = harness.api.commands(language_code="tl")

    assert [c["command"] for c in default] == [
        "start",
        "review",
        "report",
        "unclear",
        "help",
        "language",
        "privacy",
    ]
    assert [c["command"] for c in thai] == [c["command"] for c in default]
    assert [c["command"] for c in filipino] == [c["command"] for c in default]


@pytest.mark.parametrize(
    ("locale", "typed"),
    [
        ("th", "๑๒๐๐๐๐"),
        ("km", "១២០០០០"),
        ("my", "၁၂၀၀၀၀"),
        ("mn", "120 000"),
        ("si", "෧෨෦෦෦෦"),
        ("ta", "௧௨௦௦௦௦"),
        ("zh_Hant", "１２００００"),
        ("fil", "120,000"),
        ("id", "120.000"),
        ("ms", " 120000 "),
    ],
)
async def test_native_digits_for_each_script(harness: BotHarness, locale: str, typed: str) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await harness.services.database.set_locale(mayor.user.id, locale)
    await answer_current(mayor, "Kota")
    await answer_current(mayor)

    await mayor.send(typed)

    assert (await mayor.answers())["population"] == "120000"
