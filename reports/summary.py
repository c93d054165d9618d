"""The summary message: the report's main points in Telegram's HTML subset."""

from __future__ import annotations

from reports.content import Report
from reports.templating import ENVIRONMENT
from reports.text_limits import split_blocks


def summary_messages(report: Report) -> list[str]:
    """Render the summary and split it into messages that fit Telegram's limit.

    Messages break only between blocks, or between lines of a block that is
    too long on its own, so a break never falls inside a tag.
    """
    macros = ENVIRONMENT.get_template("summary.html.j2").module
    blocks = [
        macros.heading(report),
        macros.pillars(report),
        macros.highlights(report),
    ]
    if report.top_recommendations:
        blocks.append(macros.next_steps(report))
    blocks.append(macros.closing(report))
    return split_blocks([str(block).strip("\n") for block in blocks])
