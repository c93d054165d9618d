"""Simulated respondents: a scripted interview and the client that plays it against a bot.

A script is the list of updates one respondent sends from /start to the
last answer, worked out in advance with the interview engine, so the
client spends no time deciding during the run. Each step names the reply
that ends it, the request a person would wait for before acting again.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from telegram import Update
from telegram.ext import Application

from benchmarks.instant_api import BOT_USER, InstantBotApi
from bot.interview.callback_data import Action, Callback
from questionnaires import engine
from questionnaires.engine import AnswerValue
from questionnaires.model import (
    NO,
    YES,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TargetQuestion,
    TextQuestion,
    YesNoQuestion,
)

# Seconds a respondent waits for the reply to one update before the run counts it as lost.
REPLY_TIMEOUT = 30.0
TEXT_ANSWER = "Our city plans and builds open data services with its neighbours."


class Reply(Enum):
    """The kind of Bot API request that ends a step."""

    MESSAGES = "the step's count of sendMessage requests"
    EDIT = "an editMessageText: the question redrawn with the tapped choice"
    KEYBOARD = "a sendMessage with a keyboard, such as the review after the last answer"


@dataclass(frozen=True)
class Step:
    text: str | None = None
    callback_data: str | None = None
    reply: Reply = Reply.MESSAGES
    messages: int = 1
    stores_answer: bool = False


def interview_script(
    questionnaire: Questionnaire, variant: int, invitation_token: str | None = None
) -> list[Step]:
    """Return the updates of one whole interview, from /start to the review after the last answer.

    `variant` varies the answers between respondents, so that the optional
    follow-up questions are shown to some of them and not to others. The
    script stops before submitting, because submitting starts building the
    report, which the report benchmark measures on its own. With an
    `invitation_token` the respondent opens the invitation's deep link.
    """
    start = "/start" if invitation_token is None else f"/start {invitation_token}"
    steps = [
        # The last reply to /start is the language picker.
        Step(text=start, reply=Reply.KEYBOARD),
        # The language tap is answered with the welcome and then the first question.
        Step(callback_data=Callback(Action.LANGUAGE, "en").encode(), messages=2),
    ]
    for _question, _value, question_steps in _scripted_questions(questionnaire, variant):
        steps += question_steps

    # The last answer brings the review, whose length depends on the answers,
    # and whose last message carries the submit button.
    steps[-1] = replace(steps[-1], reply=Reply.KEYBOARD)
    return steps


def scripted_answers(questionnaire: Questionnaire, variant: int) -> dict[str, AnswerValue]:
    """Return the answers that `interview_script` gives, keyed by question id, in order."""
    return {
        question.id: value
        for question, value, _steps in _scripted_questions(questionnaire, variant)
    }


def _scripted_questions(
    questionnaire: Questionnaire, variant: int
) -> Iterator[tuple[Question, AnswerValue, list[Step]]]:
    answers: dict[str, AnswerValue] = {}
    while (question := engine.next_question(questionnaire, answers)) is not None:
        value, steps = _answer_steps(question, variant + len(answers))
        answers[question.id] = value
        yield question, value, steps


def _answer_steps(question: Question, seed: int) -> tuple[AnswerValue, list[Step]]:
    if isinstance(question, ScaleQuestion | TargetQuestion):
        level = seed % 5 + 1
        return level, [_tap(Action.ANSWER, question.id, str(level))]
    if isinstance(question, YesNoQuestion):
        value = YES if seed % 2 == 0 else NO
        return value, [_tap(Action.ANSWER, question.id, value)]
    if isinstance(question, SingleChoiceQuestion):
        choice = question.choices[seed % len(question.choices)].id
        return choice, [_tap(Action.ANSWER, question.id, choice)]
    if isinstance(question, MultipleChoiceQuestion | RankingQuestion):
        return _selection_steps(question, seed)
    if isinstance(question, NumberQuestion):
        value = question.min if question.min is not None and question.min > 0 else 1
        return str(value), [Step(text=str(value), stores_answer=True)]
    if isinstance(question, TextQuestion):
        return TEXT_ANSWER, [Step(text=TEXT_ANSWER, stores_answer=True)]
    raise TypeError(f"no scripted answer for question {question.id!r} of {type(question)}")


def _selection_steps(
    question: MultipleChoiceQuestion | RankingQuestion, seed: int
) -> tuple[list[str], list[Step]]:
    if isinstance(question, RankingQuestion):
        count = question.pick
    else:
        count = max(question.min_selections, 1)
    start = seed % len(question.choices)
    rotated = question.choices[start:] + question.choices[:start]
    chosen = [choice.id for choice in rotated[:count]]
    steps = [
        Step(callback_data=Callback(Action.TOGGLE, question.id, choice).encode(), reply=Reply.EDIT)
        for choice in chosen
    ]
    steps.append(_tap(Action.DONE, question.id))
    return chosen, steps


def _tap(action: Action, question_id: str, value: str = "") -> Step:
    return Step(callback_data=Callback(action, question_id, value).encode(), stores_answer=True)


@dataclass
class StepTiming:
    """Seconds from putting an update in the queue to the bot's first and last reply."""

    first_reply: float
    last_reply: float
    stores_answer: bool


@dataclass
class Respondent:
    """One person on a phone who plays a script and waits for each reply before going on.

    `one_message_per_update` makes every step end at its first sendMessage,
    for the floor handlers, which reply to every update with one message.
    """

    user_id: int
    script: list[Step]
    application: Application
    api: InstantBotApi
    think_time: Callable[[], float] | None = None
    one_message_per_update: bool = False
    timings: list[StepTiming] = field(default_factory=list)
    lost: int = 0
    _screen_message_id: int = 0
    _expected: Step | None = None
    _messages_seen: int = 0
    _first_reply: float | None = None
    _done: asyncio.Future[float] | None = None

    def __post_init__(self) -> None:
        self.api.listeners[self.user_id] = self.on_request

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for step in self.script:
            if self.think_time is not None:
                await asyncio.sleep(self.think_time())
            update = Update.de_json(self._update(step), self.application.bot)

            self._expected = Step() if self.one_message_per_update else step
            self._messages_seen = 0
            self._first_reply = None
            self._done = loop.create_future()
            sent = time.perf_counter()
            self.application.update_queue.put_nowait(update)
            try:
                replied = await asyncio.wait_for(self._done, REPLY_TIMEOUT)
            except TimeoutError:
                self.lost += 1
                return
            first = self._first_reply if self._first_reply is not None else replied
            self.timings.append(StepTiming(first - sent, replied - sent, step.stores_answer))

    def on_request(
        self, method: str, params: dict[str, Any], arrived: float, sent_id: int | None
    ) -> None:
        """Note a Bot API request to this respondent's chat, and end the step it completes."""
        if self._first_reply is None:
            self._first_reply = arrived
        is_send = method == "sendMessage"
        if is_send and sent_id is not None:
            # Taps carry the message they were made on: the latest one the bot sent.
            self._screen_message_id = sent_id
            self._messages_seen += 1
        if self._done is None or self._done.done() or self._expected is None:
            return
        reply = self._expected.reply
        ends = (
            (reply is Reply.MESSAGES and self._messages_seen == self._expected.messages)
            or (reply is Reply.KEYBOARD and is_send and "reply_markup" in params)
            or (reply is Reply.EDIT and method == "editMessageText")
        )
        if ends:
            self._done.set_result(arrived)

    def _update(self, step: Step) -> dict[str, Any]:
        user = {"id": self.user_id, "is_bot": False, "first_name": "Respondent"}
        chat = {"id": self.user_id, "type": "private", "first_name": "Respondent"}
        now = int(time.time())
        update_id = self.api.next_update_id()
        if step.callback_data is None:
            message: dict[str, Any] = {
                "message_id": self.api.next_message_id(self.user_id),
                "from": {**user, "language_code": "en"},
                "chat": chat,
                "date": now,
                "text": step.text,
            }
            if step.text and step.text.startswith("/"):
                command = step.text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
            return {"update_id": update_id, "message": message}

        screen = {
            "message_id": self._screen_message_id,
            "from": BOT_USER,
            "chat": chat,
            "date": now,
            "text": "question",
        }
        callback_query = {
            "id": str(update_id),
            "from": {**user, "language_code": "en"},
            "message": screen,
            "chat_instance": f"benchmark-{self.user_id}",
            "data": step.callback_data,
        }
        return {"update_id": update_id, "callback_query": callback_query}


def uniform_think_time(seed: int, low: float, high: float) -> Callable[[], float]:
    generator = random.Random(seed)
    return lambda: generator.uniform(low, high)
