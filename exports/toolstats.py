"""The `toolstats` sheet of the export: the figures of /toolstats per questionnaire version.

Measuring reads every answer and question event once more, about 2.5 s of
CPU for 10,000 assessments (`python -m bot export` on the database of
`benchmarks/scale_data.py`, on a 2-core machine). `ToolstatsInBackground`
runs it in a worker process while the export writes its other sheets, so
the two share the time on separate cores.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from types import TracebackType

from analytics.measures import questionnaire_stats
from analytics.tables import FIGURE_COLUMNS, figure_rows
from questionnaires.model import Questionnaire
from storage.question_events import stream_activity

TOOLSTATS_COLUMNS = ["questionnaire_id", "questionnaire_version", *FIGURE_COLUMNS]

ToolstatsRow = list[str | int | float | None]


def toolstats_rows(
    database_path: Path, questionnaires: Sequence[Questionnaire], now: datetime
) -> list[ToolstatsRow]:
    """Measure each questionnaire version in turn and return its rows, in TOOLSTATS_COLUMNS order.

    `now` decides which assessments in progress count as stopped.
    """
    rows = []
    for questionnaire in questionnaires:
        activities = stream_activity(database_path, questionnaire.id, questionnaire.version)
        stats = questionnaire_stats(questionnaire, activities, now)
        for row in figure_rows(stats):
            figures = [row[column] for column in FIGURE_COLUMNS]
            rows.append([questionnaire.id, questionnaire.version, *figures])
    return rows


class ToolstatsInBackground:
    """`toolstats_rows` running in a worker process from the moment this is made.

    The process is started with "spawn", because the bot calls the export
    from a worker thread and forking a process that runs threads can copy a
    lock that another thread holds. Leaving the `with` block waits for the
    process to end.

    NOTE: A spawned process imports the caller's `__main__` module again, so
    a script that exports must keep its work under `if __name__ == "__main__":`.
    """

    def __init__(
        self, database_path: Path, questionnaires: Sequence[Questionnaire], now: datetime
    ) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
        self._rows = self._pool.submit(toolstats_rows, database_path, list(questionnaires), now)

    def __enter__(self) -> ToolstatsInBackground:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def rows(self) -> list[ToolstatsRow]:
        """Wait for the rows and return them; an error in the process is raised here."""
        return self._rows.result()
