"""Many respondents answer while faults are injected at random: no acknowledged answer is lost.

SOAK_RESPONDENTS and SOAK_SEED in the environment make the run longer or
different; the defaults keep it within the suite's time budget.
"""

import os
import random
from typing import Any

from fake_bot_api import BotApiError
from tests.bot.driver import answer_current, start_in_english
from tests.bot.harness import BotHarness, Person

RESPONDENTS = int(os.environ.get("SOAK_RESPONDENTS", "6"))
SEED = int(os.environ.get("SOAK_SEED", "20261204"))
FAULT_RATE = 0.25


def inject_random_fault(harness: BotHarness, rng: random.Random) -> str:
    fault = rng.choice(["network", "lost response", "too old", "not modified", "blocked"])
    if fault == "network":
        harness.api.fail_next("sendMessage", BotApiError(502, "Bad Gateway"))
    elif fault == "lost response":
        harness.api.deliver_then_time_out("sendMessage")
    elif fault == "too old":
        harness.api.fail_next(
            "answerCallbackQuery", BotApiError(400, "Bad Request: query is too old")
        )
    elif fault == "not modified":
        harness.api.fail_next(
            "editMessageText", BotApiError(400, "Bad Request: message is not modified")
        )
    else:
        harness.api.fail_next(
            "sendMessage", BotApiError(403, "Forbidden: bot was blocked by the user")
        )
    return fault


async def answer_with_faults(
    harness: BotHarness, person: Person, rng: random.Random, counts: dict[str, int]
) -> dict[str, Any]:
    """Answer every question, resuming with /start whenever a fault hid the next question."""
    acknowledged: dict[str, Any] = {}
    while (state := await person.state()).current is not None:
        question = state.current
        if rng.random() < FAULT_RATE:
            counts[inject_random_fault(harness, rng)] += 1
        try:
            await answer_current(person)
        except AssertionError:
            # The question's buttons never arrived: the respondent asks to continue.
            harness.api.clear_faults()
            counts["resumed with /start"] += 1
            await person.send("/start")
            continue
        harness.api.clear_faults()
        stored = (await person.answers()).get(question.id, "missing")
        if stored != "missing":
            acknowledged[question.id] = stored
            counts["answers acknowledged"] += 1
    return acknowledged


async def test_no_acknowledged_answer_lost(harness: BotHarness) -> None:
    rng = random.Random(SEED)
    counts: dict[str, int] = {
        key: 0
        for key in (
            "network",
            "lost response",
            "too old",
            "not modified",
            "blocked",
            "resumed with /start",
            "answers acknowledged",
        )
    }
    expected: dict[int, dict[str, Any]] = {}

    for number in range(RESPONDENTS):
        person = harness.person(user_id=9000 + number, first_name=f"Mayor {number}")
        await start_in_english(person)
        expected[person.user.id] = await answer_with_faults(harness, person, rng, counts)
        if number % 2:
            await harness.restart()

    for user_id, acknowledged in expected.items():
        stored = await harness.people[user_id].answers()
        assert {key: stored.get(key) for key in acknowledged} == acknowledged
    print(f"soak: {RESPONDENTS} respondents, seed {SEED}: {counts}")
