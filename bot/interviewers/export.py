"""/export and a city's Export button: the results as CSV and XLSX documents."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import zipfile
from pathlib import Path

from telegram import InputFile, Update
from telegram.ext import ContextTypes

from bot.interviewers.access import Caller, interviewers_only
from bot.reliability import answer_query
from exports import export_database

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
# Bot API, sendDocument: bots may send files of up to 50 MB.
MAX_UPLOAD_BYTES = 50 * 1000 * 1000


@interviewers_only
async def export_command(update: Update, context: Context, caller: Caller) -> None:
    """Send the results of every assessment."""
    await send_export(context, caller, None)


async def export_city_tapped(
    update: Update, context: Context, caller: Caller, city_id: int
) -> None:
    """Send the results of one city's assessments."""
    city = await caller.services.database.city(city_id)
    if city is None:
        await answer_query(
            update.callback_query, caller.t.gettext("This button is not valid."), show_alert=True
        )
        return
    await answer_query(update.callback_query)
    await send_export(context, caller, city_id)


async def send_export(context: Context, caller: Caller, city_id: int | None) -> None:
    """Write the export in a worker thread, send its files, and log it in the audit log."""
    t = caller.t
    bot = context.bot
    await bot.send_message(caller.user_id, t.gettext("Preparing the export…"))
    database_path = caller.services.settings.database_path
    with tempfile.TemporaryDirectory(prefix="export-") as directory:
        # The export reads the file through its own connection, so the bot keeps serving.
        result = await asyncio.to_thread(
            export_database, database_path, Path(directory), city_id=city_id
        )
        too_large = []
        for path in result.files:
            upload = await asyncio.to_thread(_fit_for_upload, path)
            if upload is None:
                too_large.append(path.name)
                continue
            with upload.open("rb") as content:
                await bot.send_document(
                    caller.user_id, document=InputFile(content, filename=upload.name)
                )

    subject = "all" if city_id is None else f"city:{city_id}"
    details = {"assessments": result.assessments, "too_large": too_large}
    await caller.services.database.record_audit(
        caller.user_id, "export", subject, details, caller.now
    )
    logger.info("user %d exported %d assessments (%s)", caller.user_id, result.assessments, subject)

    text = t.ngettext(
        "Export of {count} assessment: one row per assessment (assessments), and one row per "
        "answer with every change (answers).",
        "Export of {count} assessments: one row per assessment (assessments), and one row per "
        "answer with every change (answers).",
        result.assessments,
    ).format(count=t.number(result.assessments))
    if too_large:
        text += "\n" + t.gettext(
            "{files} is too large for Telegram even when zipped: ask the server operator to run "
            "python -m bot export."
        ).format(files=", ".join(too_large))
    await bot.send_message(caller.user_id, text)


def _fit_for_upload(path: Path) -> Path | None:
    """Return the file, or a zip of it when it exceeds Telegram's limit, or None if both do."""
    if path.stat().st_size <= MAX_UPLOAD_BYTES:
        return path
    archive = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
        bundle.write(path, arcname=path.name)
    if archive.stat().st_size <= MAX_UPLOAD_BYTES:
        return archive
    return None
