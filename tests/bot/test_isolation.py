"""One city's respondent can neither read nor change another city's assessment."""

from pathlib import Path

import pytest

from tests.bot.driver import answer_all, answer_until
from tests.bot.harness import BotHarness, running_bot
from tests.bot.interviewer_helpers import ADMIN, new_city

FORGED_BUTTONS = [
    "iv:c:1:0",
    "iv:r:1",
    "iv:e:1",
    "iv:o:1",
    "iv:x:1:0",
    "c:city_name",
    "g:profile",
    "u",
    "a:city_name:x",
]
COMMANDS_WITH_ARGUMENTS = ["/report 1", "/report Iloilo", "/export 1", "/cities 1", "/review 1"]


@pytest.fixture
async def harness(database_path: Path):
    async with running_bot(
        database_path, admin_ids=frozenset({ADMIN}), open_enrollment=False
    ) as running:
        yield running


async def two_cities(harness: BotHarness):
    admin = harness.person(ADMIN, "Ines")
    first_token = await new_city(admin, "Iloilo; Philippines; Asia/Manila")
    second_token = await new_city(admin, "Bacolod; Philippines; Asia/Manila")
    iloilo = harness.person(1001, "Maria")
    await iloilo.send(f"/start {first_token}")
    await iloilo.tap("English")
    await answer_all(iloilo, {"city_name": "Iloilo City"})
    await iloilo.tap("Submit assessment")
    bacolod = harness.person(1002, "Rosa")
    await bacolod.send(f"/start {second_token}")
    await bacolod.tap("English")
    await answer_until(bacolod, "country", {"city_name": "Bacolod City"})
    return iloilo, bacolod


async def test_forged_data_leaves_other_city_untouched(harness: BotHarness) -> None:
    iloilo, bacolod = await two_cities(harness)
    iloilo_answers = await iloilo.answers()
    before = len(iloilo.messages())

    for data in FORGED_BUTTONS:
        await bacolod.tap_data(data)
    for command in COMMANDS_WITH_ARGUMENTS:
        await bacolod.send(command)

    assert await iloilo.answers() == iloilo_answers
    assert len(iloilo.messages()) == before
    seen = "\n".join(bacolod.texts())
    assert "Iloilo City" not in seen
    assert (await bacolod.answers()) == {"city_name": "Bacolod City"}
    documents = [m for m in bacolod.messages() if "document" in m]
    assert documents == []
