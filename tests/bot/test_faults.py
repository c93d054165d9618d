"""Faults from Telegram, the network and SQLite during an answer: nothing stored is lost."""

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from fake_bot_api import BotApiError
from tests.bot.driver import answer_until, start_in_english
from tests.bot.harness import BotHarness, Person


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Callable[[BotHarness], None]
    next_question_sent: bool


FAULTS = [
    Fault(
        "flood control on the next question",
        lambda h: h.api.fail_next(
            "sendMessage", BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)
        ),
        next_question_sent=True,
    ),
    Fault(
        "timeout after the next question was delivered",
        lambda h: h.api.deliver_then_time_out("sendMessage"),
        next_question_sent=True,
    ),
    Fault(
        "network error on the next question",
        lambda h: h.api.fail_next("sendMessage", BotApiError(502, "Bad Gateway")),
        next_question_sent=False,
    ),
    Fault(
        "bot blocked by the user",
        lambda h: h.api.fail_next(
            "sendMessage", BotApiError(403, "Forbidden: bot was blocked by the user")
        ),
        next_question_sent=False,
    ),
    Fault(
        "message is not modified",
        lambda h: h.api.fail_next(
            "editMessageText",
            BotApiError(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            ),
        ),
        next_question_sent=True,
    ),
    Fault(
        "query is too old",
        lambda h: h.api.fail_next(
            "answerCallbackQuery",
            BotApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query id is invalid",
            ),
        ),
        next_question_sent=True,
    ),
]


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
async def test_answer_survives_telegram_fault(harness: BotHarness, fault: Fault) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "country")
    fault.inject(harness)

    await mayor.press("a:country:sri_lanka")

    answers = await mayor.answers()
    assert answers == {"city_name": "Our city <b>plans</b> & builds 🏙️", "country": "sri_lanka"}
    population_messages = [t for t in mayor.texts() if "How many people live" in t]
    assert len(population_messages) == (1 if fault.next_question_sent else 0)
    await mayor.send("/start")
    assert "How many people live" in mayor.last_text()


async def test_duplicate_update_handled_once(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    update = harness.api.push_message(mayor.user, "Cebu City")

    await harness.deliver(update)
    await harness.deliver(update)

    state = await mayor.state()
    assert state.answers == {"city_name": "Cebu City"}
    assert state.current.id == "country"
    assert not any("Please answer with the buttons" in text for text in mayor.texts())


async def test_burst_from_one_user_kept_in_order(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    burst = [
        harness.api.push_message(mayor.user, text) for text in ("Bandung", "Surabaya", "Medan")
    ]

    await harness.deliver_together(burst)

    state = await mayor.state()
    assert state.answers == {"city_name": "Bandung"}
    assert state.current.id == "country"


async def test_many_users_at_once(harness: BotHarness) -> None:
    people = [harness.person(user_id=2000 + n, first_name=f"Mayor {n}") for n in range(20)]
    for person in people:
        await start_in_english(person)

    await harness.deliver_together(
        [harness.api.push_message(p.user, f"City {n}") for n, p in enumerate(people)]
    )

    for n, person in enumerate(people):
        assert (await person.answers()) == {"city_name": f"City {n}"}


async def _fill_disk(harness: BotHarness, person: Person) -> Callable[[], Awaitable[None]]:
    connection = harness.services.database._session._connection
    pages = (await (await connection.execute("PRAGMA page_count")).fetchone())[0]
    await connection.execute(f"PRAGMA max_page_count = {pages}")

    async def release() -> None:
        await connection.execute("PRAGMA max_page_count = 1073741823")

    return release


async def test_locked_database_asks_to_retry(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await mayor.send("Quezon City")
    await answer_until(mayor, "population")
    blocker = sqlite3.connect(harness.database_path, timeout=0.1, isolation_level=None)
    await harness.services.database._session._connection.execute("PRAGMA busy_timeout = 100")
    blocker.execute("BEGIN EXCLUSIVE")

    await mayor.send("2960000")
    told = mayor.last_text()
    blocker.execute("ROLLBACK")
    blocker.close()
    await mayor.send("2960000")

    assert "could not be saved" in told
    answers = await mayor.answers()
    assert answers["city_name"] == "Quezon City"
    assert answers["population"] == "2960000"


async def test_full_disk_asks_to_retry(harness: BotHarness) -> None:
    mayor = harness.person()
    await start_in_english(mayor)
    await answer_until(mayor, "flagship_project")
    before = await mayor.answers()
    release = await _fill_disk(harness, mayor)

    await mayor.send("A flood early warning network. " * 40)
    told = mayor.last_text()
    await release()
    await mayor.send("A flood early warning network.")

    assert "could not be saved" in told
    after = await mayor.answers()
    assert {key: after[key] for key in before} == before
    assert after["flagship_project"] == "A flood early warning network."
