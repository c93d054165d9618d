"""One answer-path scenario: simulated respondents against the real bot or one of the floors.

Each scenario runs one target (the bot, the reply floor or the write floor)
with N respondents who play the same scripted interviews through the
Application's update queue, where the Updater would put them. Two load
shapes are measured:

- saturated: every respondent sends the next update as soon as the reply to
  the last one arrives, so N updates are always in flight. The rate is the
  most the target can handle, and by Little's law the latency is about N
  divided by that rate.
- paced: every respondent waits a think time drawn uniformly from 0.5 to
  1.5 seconds before each update, which offers about N updates a second,
  far faster than a person reads a question. The latency then shows the
  wait at a steady load, not a queue that the load shape itself builds.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application

from benchmarks.floors import close_floor, reply_floor, write_floor
from benchmarks.instant_api import InstantBotApi
from benchmarks.measure import cpu_seconds, percentile
from benchmarks.respondents import (
    Respondent,
    StepTiming,
    interview_script,
    scripted_answers,
    uniform_think_time,
)
from bot.app import build_application, close_services
from bot.config import Settings
from bot.interviewers.invitations import token_hash
from bot.services import SERVICES_KEY, Services
from questionnaires.loader import FILES_DIR, load_directory
from questionnaires.model import Questionnaire

TARGETS = ("bot", "reply_floor", "write_floor")
THINK_TIME_SECONDS = (0.5, 1.5)
BOT_TOKEN = "123456789:AAHbenchmark-token-0123456789abcdefg"
# The user who issues the respondents' invitations; not an admin, so it gets no notifications.
INTERVIEWER_ID = 42


@dataclass(frozen=True)
class Target:
    application: Application
    close: Callable[[], Awaitable[None]]
    one_message_per_update: bool


async def run_scenario(
    target: str,
    respondents: int,
    paced: bool,
    think_time: tuple[float, float] = THINK_TIME_SECONDS,
    serving: bool = True,
) -> dict[str, Any]:
    """Run one target with `respondents` people and return its figures as a JSON-ready dict.

    `think_time` is the (low, high) range in seconds of a paced respondent's
    think time. `serving` starts the bot as `python -m bot` does, freezing the
    start-up objects out of garbage collection, which a test process must not.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    questionnaire = load_directory(FILES_DIR)[-1]
    with tempfile.TemporaryDirectory(prefix="bench-answer-path-") as directory:
        api = InstantBotApi()
        started = await _start_target(target, api, Path(directory), serving)
        try:
            tokens = await _invite(started.application, respondents)
            people = [
                Respondent(
                    user_id=10_000 + index,
                    script=interview_script(questionnaire, index, tokens[index]),
                    application=started.application,
                    api=api,
                    think_time=uniform_think_time(index, *think_time) if paced else None,
                    one_message_per_update=started.one_message_per_update,
                )
                for index in range(respondents)
            ]
            calls_before = api.calls.total()
            cpu_before, clock_before = cpu_seconds(), time.perf_counter()
            await asyncio.gather(*(person.run() for person in people))
            elapsed = time.perf_counter() - clock_before
            cpu = cpu_seconds() - cpu_before
            calls = api.calls.total() - calls_before
            complete = await _count_complete(started.application, people, questionnaire)
        finally:
            await started.close()

    figures = _figures(people, elapsed, cpu)
    figures.update(
        bot_api_calls_per_update=calls / figures["updates"] if figures["updates"] else 0.0,
        target=target,
        respondents=respondents,
        paced=paced,
        complete=complete,
        alerts=api.alerts,
        unknown_methods=dict(api.unknown),
    )
    return figures


async def _start_target(target: str, api: InstantBotApi, directory: Path, serving: bool) -> Target:
    if target == "reply_floor":
        application = reply_floor(api)
        await _start(application)
        return Target(application, lambda: _stop(application), one_message_per_update=True)

    if target == "write_floor":
        application = await write_floor(api, directory / "floor.sqlite3")
        await _start(application)

        async def close_write_floor() -> None:
            await _stop(application)
            await close_floor(application)

        return Target(application, close_write_floor, one_message_per_update=True)

    log_handler = _log_like_production(directory / "bot.log")
    application = build_application(_bot_settings(directory), request=api, serving=serving)
    await application.initialize()
    # run_polling calls post_init here, which is open_services_for_serving in `python -m bot`.
    await application.post_init(application)
    await application.start()

    async def close_bot() -> None:
        await application.stop()
        await close_services(application)
        await application.shutdown()
        _stop_logging(log_handler)

    return Target(application, close_bot, one_message_per_update=False)


async def _invite(application: Application, respondents: int) -> list[str | None]:
    """Issue one invitation, to a city of its own, per respondent; floors need none."""
    services: Services | None = application.bot_data.get(SERVICES_KEY)
    if services is None:
        return [None] * respondents

    now = datetime.now(UTC)
    tokens = []
    for index in range(respondents):
        city = await services.database.create_city(
            f"City {index}", "philippines", "Asia/Manila", INTERVIEWER_ID, now
        )
        token = f"benchmark{index:06d}"
        await services.database.issue_invitation(
            token_hash(token), city.id, INTERVIEWER_ID, now, now + timedelta(days=30)
        )
        tokens.append(token)
    return tokens


def _bot_settings(directory: Path) -> Settings:
    return Settings(
        token=BOT_TOKEN,
        api_url="http://127.0.0.1:9/bot",
        file_url="http://127.0.0.1:9/file/bot",
        database_path=directory / "interviews.sqlite3",
        admin_ids=frozenset(),
        log_level="INFO",
    )


def _log_like_production(path: Path) -> logging.Handler:
    """Send the bot's INFO logs to a file, as `python -m bot` sends them to stderr."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    handler.previous_level = root.level  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return handler


def _stop_logging(handler: logging.Handler) -> None:
    root = logging.getLogger()
    root.removeHandler(handler)
    root.setLevel(handler.previous_level)  # type: ignore[attr-defined]
    handler.close()


async def _start(application: Application) -> None:
    await application.initialize()
    await application.start()


async def _stop(application: Application) -> None:
    await application.stop()
    await application.shutdown()


async def _count_complete(
    application: Application, people: list[Respondent], questionnaire: Questionnaire
) -> int | None:
    """Count the respondents whose every scripted answer the bot stored, or None for floors."""
    services: Services | None = application.bot_data.get(SERVICES_KEY)
    if services is None:
        return None
    complete = 0
    for index, person in enumerate(people):
        expected = scripted_answers(questionnaire, variant=index)
        assessment = await services.database.latest_assessment(person.user_id)
        if assessment is None:
            continue
        stored = await services.database.answers(assessment.id)
        if {question_id: answer.value for question_id, answer in stored.items()} == expected:
            complete += 1
    return complete


def _figures(people: list[Respondent], elapsed: float, cpu: float) -> dict[str, Any]:
    timings: list[StepTiming] = [timing for person in people for timing in person.timings]
    last = [timing.last_reply for timing in timings]
    first = [timing.first_reply for timing in timings]
    answers = sum(1 for timing in timings if timing.stores_answer)
    updates = len(timings)
    return {
        "updates": updates,
        "answers": answers,
        "lost": sum(person.lost for person in people),
        "elapsed_s": elapsed,
        "updates_per_s": updates / elapsed if elapsed else 0.0,
        "answers_per_s": answers / elapsed if elapsed else 0.0,
        "cpu_s": cpu,
        "cpu_ms_per_update": 1000 * cpu / updates if updates else 0.0,
        "latency_ms": {
            "p50": 1000 * percentile(last, 0.50),
            "p95": 1000 * percentile(last, 0.95),
            "p99": 1000 * percentile(last, 0.99),
            "max": 1000 * max(last, default=0.0),
        },
        "first_reply_ms": {
            "p50": 1000 * percentile(first, 0.50),
            "p99": 1000 * percentile(first, 0.99),
        },
    }
