"""The answer path's raw Bot API calls send what the typed methods would."""

from __future__ import annotations

import warnings
from pathlib import Path

from tests.bot.driver import answer_current, start_in_english
from tests.bot.harness import running_bot


async def test_question_sent_with_defaults(tmp_path: Path) -> None:
    async with running_bot(tmp_path / "bot.sqlite3") as harness:
        person = harness.person()
        await start_in_english(person)
        # The filters in force stay, as in production: the filter set when the
        # bot was built must hide python-telegram-bot's advice to use typed methods.
        with warnings.catch_warnings(record=True) as caught:
            await answer_current(person)

        sent = harness.api.calls_to("sendMessage")[-1].params
        edited = harness.api.calls_to("editMessageText")[-1].params

    assert sent["parse_mode"] == "HTML"
    assert sent["link_preview_options"] == {"is_disabled": True}
    assert sent["reply_markup"]["inline_keyboard"]
    assert edited["parse_mode"] == "HTML"
    assert "reply_markup" not in edited
    assert [str(warning.message) for warning in caught] == []
