"""Fixtures: the real Application on a fresh SQLite file, talking to the fake Bot API."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot.harness import BotHarness, running_bot


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "interviews.sqlite3"


@pytest.fixture
async def harness(database_path: Path) -> AsyncIterator[BotHarness]:
    async with running_bot(database_path) as running:
        yield running
