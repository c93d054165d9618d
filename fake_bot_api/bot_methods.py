"""Bot API methods about the bot itself: identity, update delivery and command lists."""

from __future__ import annotations

import copy
import json
import logging

from fake_bot_api.errors import BotApiError
from fake_bot_api.limits import check_commands
from fake_bot_api.params import require
from fake_bot_api.records import JsonDict
from fake_bot_api.state import Handler, TelegramState, WebhookSettings
from fake_bot_api.update_queue import MAX_UPDATES_PER_REQUEST

logger = logging.getLogger(__name__)

WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


async def get_me(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement getMe: return the bot's User object."""
    return copy.deepcopy(state.bot_user)


async def get_updates(state: TelegramState, params: JsonDict) -> list[JsonDict]:
    """Implement getUpdates with offset, limit, timeout (long polling) and allowed_updates."""
    if state.webhook.url:
        raise BotApiError(409, WEBHOOK_ACTIVE)

    allowed_updates = params.get("allowed_updates")
    if allowed_updates is not None and not isinstance(allowed_updates, list):
        raise BotApiError(400, "Bad Request: can't parse allowed_updates JSON array")

    return await state.updates.get(
        offset=params.get("offset") or 0,
        limit=params.get("limit") or MAX_UPDATES_PER_REQUEST,
        long_poll_seconds=params.get("timeout") or 0,
        allowed_updates=allowed_updates,
    )


async def set_webhook(state: TelegramState, params: JsonDict) -> bool:
    """Implement setWebhook. An empty url removes the webhook.

    The fake only stores the settings. It never sends updates to the webhook URL, and while a
    webhook is set getUpdates fails with 409 Conflict as in Telegram.
    """
    url = str(params.get("url", ""))
    if url and not url.startswith("https://"):
        raise BotApiError(
            400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
        )

    state.webhook = WebhookSettings(
        url=url,
        max_connections=params.get("max_connections"),
        allowed_updates=params.get("allowed_updates"),
    )
    if params.get("drop_pending_updates"):
        state.updates.clear()
    logger.info("Webhook %s", "set" if url else "removed")
    return True


async def delete_webhook(state: TelegramState, params: JsonDict) -> bool:
    """Implement deleteWebhook, dropping pending updates if drop_pending_updates is true."""
    state.webhook = WebhookSettings()
    if params.get("drop_pending_updates"):
        state.updates.clear()
    return True


async def get_webhook_info(state: TelegramState, params: JsonDict) -> JsonDict:
    """Implement getWebhookInfo from the stored settings and the pending update count."""
    info: JsonDict = {
        "url": state.webhook.url,
        "has_custom_certificate": False,
        "pending_update_count": len(state.updates.pending),
    }
    if state.webhook.max_connections is not None:
        info["max_connections"] = state.webhook.max_connections
    if state.webhook.allowed_updates is not None:
        info["allowed_updates"] = state.webhook.allowed_updates
    return info


async def set_my_commands(state: TelegramState, params: JsonDict) -> bool:
    """Implement setMyCommands: store the list for its scope and language code."""
    commands = require(params, "commands")
    check_commands(commands)
    state.commands[command_list_key(params.get("scope"), params.get("language_code"))] = (
        copy.deepcopy(commands)
    )
    return True


async def get_my_commands(state: TelegramState, params: JsonDict) -> list[JsonDict]:
    """Implement getMyCommands: the list for exactly this scope and language code, or []."""
    key = command_list_key(params.get("scope"), params.get("language_code"))
    return copy.deepcopy(state.commands.get(key, []))


async def delete_my_commands(state: TelegramState, params: JsonDict) -> bool:
    """Implement deleteMyCommands for one scope and language code."""
    state.commands.pop(command_list_key(params.get("scope"), params.get("language_code")), None)
    return True


async def close(state: TelegramState, params: JsonDict) -> bool:
    """Implement close. The fake has no server instance to close, so it only returns True."""
    logger.info("Bot API close received")
    return True


async def log_out(state: TelegramState, params: JsonDict) -> bool:
    """Implement logOut. The fake keeps serving the bot afterwards."""
    logger.info("Bot API logOut received")
    return True


def command_list_key(scope: object, language_code: object) -> tuple[str, str]:
    """Return the key of a command list: the scope as canonical JSON and the language code.

    A missing scope is the default scope, and a missing language code is "" (all languages),
    as in setMyCommands.
    """
    if scope is None:
        scope = {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise BotApiError(400, "Bad Request: can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), str(language_code or "")


BOT_METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "close": close,
    "logOut": log_out,
}
