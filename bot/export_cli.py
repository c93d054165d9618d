"""`python -m bot export`: the results as CSV and XLSX files, for the server operator.

Needs no bot token and may run while the bot runs: the export reads its own
snapshot of the database file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import TextIO

from bot.config import DEFAULT_DATABASE_PATH
from exports import export_database
from storage import Database, StorageError


def export_command(arguments: list[str], stderr: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot export",
        description="Write assessments.csv, answers.csv and results.xlsx into a folder.",
    )
    parser.add_argument(
        "--output", type=Path, required=True, help="folder for the files, created if missing"
    )
    parser.add_argument(
        "--city", type=int, help="export only the city with this id (the city_id column)"
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("DATABASE_PATH") or DEFAULT_DATABASE_PATH),
        help="SQLite file (default: DATABASE_PATH, else data/interviews.sqlite3)",
    )
    options = parser.parse_args(arguments)
    if not options.database.is_file():
        print(
            f"no database at {options.database}: pass --database or set DATABASE_PATH",
            file=stderr,
        )
        return 2

    bar = ProgressBar(stderr)
    try:
        # The export reads the current schema, so an older file is migrated first,
        # as the bot does when it starts.
        asyncio.run(_migrate(options.database))
        result = export_database(
            options.database, options.output, city_id=options.city, progress=bar.update
        )
    except StorageError as error:
        bar.finish()
        print(f"export failed: {error}", file=stderr)
        return 1
    bar.finish()
    names = ", ".join(path.name for path in result.files)
    print(f"exported {result.assessments} assessments to {options.output}: {names}")
    return 0


class ProgressBar:
    """Write "export: 42%" to a terminal in place, or every tenth step to a log."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = -1
        self._in_place = stream.isatty()

    def update(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        step = 1 if self._in_place else 10
        if percent // step == self._shown // step:
            return
        self._shown = percent
        end = "\r" if self._in_place else "\n"
        self._stream.write(f"export: {percent}%{end}")
        self._stream.flush()

    def finish(self) -> None:
        if self._in_place and self._shown >= 0:
            self._stream.write("\n")


async def _migrate(path: Path) -> None:
    async with await Database.open(path):
        pass
