"""Scale: a database with 10,000 submitted assessments, and what the bot does with it.

Measures the time to open the database (`Database.open` alone, and the
bot's start: `Application.initialize` plus `open_services`), the file's
size, and the peak memory of a bot process that starts on it and answers an
interviewer's /cities and /export. Each of those runs in its own process.
A command the bot does not register yet is listed as not available.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from benchmarks.child import run_in_child
from benchmarks.instant_api import InstantBotApi
from benchmarks.scale_data import INTERVIEWER_ID, check_database, create_database
from benchmarks.section import Options, Section, TargetCheck, table
from bot.app import build_application, close_services, open_services
from bot.config import Settings
from questionnaires.loader import FILES_DIR, load_directory
from storage import Database

TITLE = "Scale: 10,000 submitted assessments"
REPRODUCE = "python -m benchmarks --only scale"
ASSESSMENTS = 10_000
QUICK_ASSESSMENTS = 500
START_TARGET_S = 2.0
EXPORT_TARGET_S = 10.0
PEAK_MEMORY_TARGET_MB = 200.0
MIB_IN_MB = 2**20 / 10**6
# Seconds a command may take before the benchmark gives up on it.
COMMAND_TIMEOUT = 300.0
BOT_TOKEN = "123456789:AAHbenchmark-token-0123456789abcdefg"
# Interviewer commands that the benchmark times, if the bot registers them.
COMMANDS = ("cities", "export")


def run(options: Options) -> Section:
    assessments = QUICK_ASSESSMENTS if options.quick else ASSESSMENTS
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as directory:
        path = Path(directory) / "interviews.sqlite3"
        print(f"  scale: generating {assessments} submitted assessments ...", flush=True)
        generation = run_in_child("benchmarks.scale:generate", path=str(path), count=assessments)
        size_mib = sum(file.stat().st_size for file in path.parent.glob(path.name + "*")) / 2**20

        print("  scale: starting the bot on it ...", flush=True)
        start = run_in_child("benchmarks.scale:measure_start", path=str(path))
        commands = {}
        for command in COMMANDS:
            print(f"  scale: /{command} ...", flush=True)
            commands[command] = run_in_child(
                "benchmarks.scale:measure_command", path=str(path), command=command
            )

    section = Section(TITLE, REPRODUCE)
    section.lines += _method(assessments, generation)
    section.lines += [""]
    section.lines += _table(size_mib, start, commands)
    section.lines += [""]
    for command, figures in commands.items():
        if not figures["available"]:
            line = f"- /{command}: not available yet: the bot registers no /{command} command."
            print(f"  {line[2:]}", flush=True)
            section.lines.append(line)
    section.targets += _targets(assessments, start, commands)
    return section


async def generate(path: str, count: int) -> dict[str, Any]:
    questionnaire = load_directory(FILES_DIR)[-1]
    started = time.perf_counter()
    await create_database(Path(path), questionnaire, count)
    elapsed = time.perf_counter() - started
    await check_database(Path(path), count)
    return {"seconds": elapsed}


async def measure_start(path: str) -> dict[str, Any]:
    """Time Database.open alone, then the bot's start on the same file."""
    started = time.perf_counter()
    database = await Database.open(Path(path))
    open_seconds = time.perf_counter() - started
    await database.close()

    application, start_seconds = await _start_bot(Path(path))
    await _stop_bot(application)
    return {"open_s": open_seconds, "start_s": start_seconds}


async def measure_command(path: str, command: str) -> dict[str, Any]:
    """Start the bot, send `/command` as an interviewer and time it until it is handled."""
    api = InstantBotApi()
    application, start_seconds = await _start_bot(Path(path), api)
    try:
        if not _registers(application, command):
            return {"available": False, "start_s": start_seconds}

        calls_before = api.calls.total()
        errors = _ErrorCounter()
        logging.getLogger().addHandler(errors)
        update = Update.de_json(_command_update(command), application.bot)
        started = time.perf_counter()
        application.update_queue.put_nowait(update)
        await asyncio.wait_for(application.update_queue.join(), COMMAND_TIMEOUT)
        seconds = time.perf_counter() - started
        logging.getLogger().removeHandler(errors)
    finally:
        await _stop_bot(application)
    return {
        "available": True,
        "start_s": start_seconds,
        "seconds": seconds,
        "bot_api_calls": api.calls.total() - calls_before,
        "uploaded_bytes": api.uploaded_bytes,
        "alerts": api.alerts,
        "errors_logged": errors.count,
    }


class _ErrorCounter(logging.Handler):
    """Count the records logged at ERROR or above, so a failed command is not timed as done."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def _start_bot(path: Path, api: InstantBotApi | None = None) -> tuple[Application, float]:
    settings = Settings(
        token=BOT_TOKEN,
        api_url="http://127.0.0.1:9/bot",
        file_url="http://127.0.0.1:9/file/bot",
        database_path=path,
        admin_ids=frozenset({INTERVIEWER_ID}),
        log_level="INFO",
    )
    application = build_application(settings, request=api or InstantBotApi())
    started = time.perf_counter()
    await application.initialize()
    await open_services(application)
    start_seconds = time.perf_counter() - started
    await application.start()
    return application, start_seconds


async def _stop_bot(application: Application) -> None:
    await application.stop()
    await close_services(application)
    await application.shutdown()


def _registers(application: Application, command: str) -> bool:
    return any(
        isinstance(handler, CommandHandler) and command in handler.commands
        for handlers in application.handlers.values()
        for handler in handlers
    )


def _command_update(command: str) -> dict[str, Any]:
    text = f"/{command}"
    user = {"id": INTERVIEWER_ID, "is_bot": False, "first_name": "Interviewer"}
    return {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "from": {**user, "language_code": "en"},
            "chat": {"id": INTERVIEWER_ID, "type": "private", "first_name": "Interviewer"},
            "date": int(time.time()),
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


def _method(assessments: int, generation: dict[str, Any]) -> list[str]:
    return [
        f"The database holds {assessments:,} submitted assessments, each of its own city, "
        "with a redeemed invitation, the scripted answers (16 answer sets, cycled), their "
        'history, a "shown" question event per answer and the audit entries, written by '
        f"`benchmarks/scale_data.py` with bulk SQL in {generation['seconds']:.1f} s and read "
        "back through the storage API as a check.",
        "Start is `Application.initialize` plus the bot's `open_services` (open and migrate "
        "the database, load and pin the questionnaire, register the command menus), timed "
        "in a new process after its imports; the file is in the page cache, as after a "
        "restart. Commands are sent by an interviewer (an admin id) through the update "
        "queue and timed until the Application has handled them, with Bot API requests "
        "answered at once by `InstantBotApi`. Peak RSS is each process's high-water mark.",
        "The worker figure is `ru_maxrss` of the ended child processes, which on Linux "
        "includes the time between a child's fork and its exec, when it still maps the "
        "parent's pages. So it reads at least the bot's own size when the worker started, "
        "not what the worker used: a spawned worker whose own peak is 15 MiB reads "
        "315 MiB under a 300 MiB parent (measured on Linux 6.18 with CPython 3.11).",
    ]


def _table(
    size_mib: float, start: dict[str, Any], commands: dict[str, dict[str, Any]]
) -> list[str]:
    rows = [
        ["database file (with WAL)", f"{size_mib:.0f} MiB", "–"],
        ["Database.open", f"{start['open_s']:.3f} s", _peaks(start)],
        ["bot start", f"{start['start_s']:.3f} s", _peaks(start)],
    ]
    for command, figures in commands.items():
        if not figures["available"]:
            rows.append([f"/{command}", "not available yet", "–"])
            continue
        detail = f"{figures['seconds']:.3f} s, {figures['bot_api_calls']} Bot API calls"
        if figures["uploaded_bytes"]:
            detail += f", {figures['uploaded_bytes'] / 2**20:.1f} MiB uploaded"
        if figures["errors_logged"]:
            detail = f"**failed**: {figures['errors_logged']} errors logged, after {detail}"
        rows.append([f"/{command}", detail, _peaks(figures)])
    return table(["measure", "figure", "peak RSS MiB (bot / worker processes)"], rows)


def _peaks(figures: dict[str, Any]) -> str:
    return f"{figures['peak_rss_mib']:.0f} / {figures['children_peak_rss_mib']:.0f}"


def _targets(
    assessments: int, start: dict[str, Any], commands: dict[str, dict[str, Any]]
) -> list[TargetCheck]:
    scope = f"{assessments:,} assessments"
    measured = [start, *(figures for figures in commands.values() if figures["available"])]
    peaks = [max(f["peak_rss_mib"], f["children_peak_rss_mib"]) for f in measured]
    checks = [
        TargetCheck(
            f"{scope}: bot start under {START_TARGET_S:.0f} s",
            f"{start['start_s']:.2f} s",
            start["start_s"] < START_TARGET_S,
        ),
        TargetCheck(
            f"{scope}: peak memory under {PEAK_MEMORY_TARGET_MB:.0f} MB "
            f"(start{', ' if len(peaks) > 1 else ''}"
            f"{', '.join('/' + c for c, f in commands.items() if f['available'])})",
            f"{max(peaks) * MIB_IN_MB:.0f} MB ({max(peaks):.0f} MiB)",
            max(peaks) * MIB_IN_MB < PEAK_MEMORY_TARGET_MB,
        ),
    ]
    export = commands.get("export")
    if export is not None and export["available"]:
        failed = export["errors_logged"] > 0
        checks.append(
            TargetCheck(
                f"{scope}: export under {EXPORT_TARGET_S:.0f} s",
                "failed" if failed else f"{export['seconds']:.2f} s",
                not failed and export["seconds"] < EXPORT_TARGET_S,
            )
        )
    return checks
