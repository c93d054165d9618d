"""A whole interview in each language shows no untranslated English.

Every bot message and button of an interview (welcome, every question, help,
review, summary) is checked against the English source texts of both
catalogs: none may appear as such. In languages written in another script,
no Latin word may appear except the acronyms and names listed below.
"""

import re

import pytest
from babel.messages.pofile import read_po

from bot.languages import SUPPORTED_LOCALES, native_name
from catalogs.paths import template_path
from tests.bot.driver import answer_all, answer_until
from tests.bot.harness import BotHarness, Person, buttons

# Acronyms and names that stay in Latin letters in every language.
KEPT_AS_WRITTEN = {
    "AI",
    "API",
    "ASEAN",
    "Telegram",
    "CCTV",
    "GIS",
    "GovTech",
    "ICT",
    "IoT",
    "ISO",
    "ITU",
    "KPI",
    "KPIs",
    "LGU",
    "LGUs",
    "PPP",
    "SDG",
    "SDGs",
    "U4SSC",
    "Wi-Fi",
    "WiFi",
    "5G",
    "4G",
    "QR",
    "PDF",
    "OK",
    "e-government",
    "e-procurement",
    "GTMI",
    "LOSI",
    "IMD",
    "SUTD",
    "UN",
    "DESA",
}
LATIN_SCRIPT_LOCALES = {"fil", "id", "ms"}
TYPED_ANSWERS = {
    "city_name": "123",
    "plan_name": "2024",
    "kpi_example": "75%",
    "flagship_project": "2025",
    "missing_topic": "2026",
}
COMMAND = re.compile(r"/[a-z]+")


def english_sources() -> list[str]:
    texts = []
    for domain in ("messages", "questionnaire"):
        with template_path(domain).open("rb") as file:
            for message in read_po(file):
                source = message.id[0] if isinstance(message.id, tuple) else message.id
                # Placeholders split a template into fixed parts; check the longest part.
                part = max(re.split(r"\{[a-z_]+\}", source), key=len).strip(" .:;,")
                if len(part.split()) >= 2:
                    texts.append(part)
    return texts


ENGLISH = english_sources()


async def run_interview(harness: BotHarness, locale: str) -> Person:
    mayor = harness.person(language_code=locale.replace("_", "-"))
    await mayor.send("/start")
    await mayor.tap(native_name(locale))
    await answer_until(mayor, "population", TYPED_ANSWERS)
    await mayor.send("abc")
    await answer_until(mayor, "vision_leadership", TYPED_ANSWERS)
    await mayor.press("h:vision_leadership")
    await answer_all(mayor, TYPED_ANSWERS)
    await mayor.send("/review")
    await mayor.tap("✅")
    await mayor.send("/help")
    await mayor.send("/privacy")
    return mayor


def shown_texts(person: Person) -> list[str]:
    """Return every text and button label the bot showed, less command names and the user's name."""
    texts = []
    for message in person.messages():
        texts.append(message.get("text", ""))
        texts.extend(button["text"] for button in buttons(message))
    return [COMMAND.sub("", text).replace(person.user.first_name, "") for text in texts]


@pytest.mark.parametrize("locale", [locale for locale in SUPPORTED_LOCALES if locale != "en"])
async def test_interview_has_no_english(harness: BotHarness, locale: str) -> None:
    mayor = await run_interview(harness, locale)

    texts = shown_texts(mayor)

    leftovers = sorted({english for english in ENGLISH for text in texts if english in text})
    assert leftovers == []
    if locale not in LATIN_SCRIPT_LOCALES:
        latin_words = {
            word
            for text in texts
            for word in re.findall(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]", text)
            if word not in KEPT_AS_WRITTEN
        }
        assert latin_words == set()
