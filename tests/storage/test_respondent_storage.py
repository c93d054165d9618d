import pytest

from storage import Database, NotFound


async def test_save_respondent_new(db: Database) -> None:
    respondent = await db.save_respondent(user_id=7, chat_id=70)

    assert respondent.user_id == 7
    assert respondent.chat_id == 70
    assert respondent.locale is None
    assert await db.respondent(7) == respondent


async def test_save_respondent_updates_chat_id(db: Database) -> None:
    first = await db.save_respondent(user_id=7, chat_id=70)
    await db.set_locale(7, "de")

    updated = await db.save_respondent(user_id=7, chat_id=71)

    assert updated.chat_id == 71
    assert updated.locale == "de"
    assert updated.created_at == first.created_at


async def test_unknown_respondent_is_none(db: Database) -> None:
    assert await db.respondent(404) is None


async def test_set_locale_unknown_respondent(db: Database) -> None:
    with pytest.raises(NotFound, match="404"):
        await db.set_locale(404, "en")

    assert await db.respondent(404) is None


async def test_large_telegram_ids(db: Database) -> None:
    # Telegram user ids can exceed 32 bits and group chat ids are negative.
    respondent = await db.save_respondent(user_id=2**52 - 1, chat_id=-1001234567890)

    assert await db.respondent(2**52 - 1) == respondent
    assert respondent.chat_id == -1001234567890
