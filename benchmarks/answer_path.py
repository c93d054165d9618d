"""Answer path: the bot's throughput, latency and memory as ratios to the two floors.

Every scenario runs in its own process (`benchmarks.child`), so its peak
memory is its own. The updates are the same for every target: whole
interviews from /start to the review after the last answer, scripted per respondent.
"""

from __future__ import annotations

from typing import Any

from benchmarks.answer_scenario import TARGETS, THINK_TIME_SECONDS
from benchmarks.child import run_in_child
from benchmarks.machine import load_average
from benchmarks.section import Options, Section, TargetCheck, table

TITLE = "Answer path"
REPRODUCE = "python -m benchmarks --only answer_path"
SCENARIO = "benchmarks.answer_scenario:run_scenario"

TARGET_RESPONDENTS = 200
SMALL_RESPONDENTS = 50
QUICK_RESPONDENTS = (5, 20)
# A quick run's think time, so that its paced runs end in seconds.
QUICK_THINK_TIME_SECONDS = (0.05, 0.15)
# The bot must reach this share of the write floor's updates per second.
THROUGHPUT_SHARE_TARGET = 0.5
P99_TARGET_MS = 25.0

LABELS = {
    "bot": "bot",
    "reply_floor": "floor: reply only",
    "write_floor": "floor: commit one row, reply",
}


def run(options: Options) -> Section:
    small, large = QUICK_RESPONDENTS if options.quick else (SMALL_RESPONDENTS, TARGET_RESPONDENTS)
    think_time = QUICK_THINK_TIME_SECONDS if options.quick else THINK_TIME_SECONDS
    saturated: dict[int, dict[str, dict[str, Any]]] = {}
    for respondents in (small, large):
        saturated[respondents] = {target: _scenario(target, respondents) for target in TARGETS}
    paced = {target: _scenario(target, large, think_time) for target in TARGETS}

    section = Section(TITLE, REPRODUCE)
    updates_each = saturated[large]["bot"]["updates"] / large
    section.lines += _method(large, updates_each, think_time)
    section.lines += [
        "",
        "**Saturated** (each respondent sends again as soon as it has a reply)",
        "",
    ]
    section.lines += _saturated_table(saturated)
    section.lines += [
        "",
        f"**Paced** ({large} respondents, think time {think_time[0]}–{think_time[1]} s "
        "before each update)",
        "",
    ]
    section.lines += _paced_table(paced)
    section.lines += ["", *_checks(saturated[large], paced)]
    section.targets += _targets(saturated[large], paced, large)
    return section


def _scenario(
    target: str, respondents: int, think_time: tuple[float, float] | None = None
) -> dict[str, Any]:
    """Run one scenario in a child process; `think_time` None means saturated."""
    shape = "saturated" if think_time is None else "paced"
    print(f"  answer path: {target}, {respondents} respondents, {shape} ...", flush=True)
    load_before = load_average()
    figures = run_in_child(
        SCENARIO,
        target=target,
        respondents=respondents,
        paced=think_time is not None,
        think_time=think_time or THINK_TIME_SECONDS,
    )
    figures["load_average"] = f"{load_before} → {load_average()}"
    return figures


def _method(respondents: int, updates_each: float, think_time: tuple[float, float]) -> list[str]:
    low, high = think_time
    offered = respondents / ((low + high) / 2)
    return [
        "Each simulated respondent plays a whole interview (/start, language, every question "
        f"up to the review: {updates_each:.0f} updates on average) through "
        "`bot.app.build_application` with Telegram replaced by "
        "`benchmarks.instant_api.InstantBotApi`, which answers every Bot API request at once "
        "with Bot API-shaped JSON. Updates go into `application.update_queue`, as the Updater "
        "puts them, so they pass the per-user update processor.",
        "Latency runs from putting an update in the queue to the Bot API request a person "
        "waits for: the next question (or the review) after an answer, the redrawn keyboard "
        'after a toggle. "First reply" is the first request the update caused, usually '
        "answerCallbackQuery. Percentiles are nearest-rank over all updates of all respondents.",
        "The floors are bare Applications with the same per-user update processor and the "
        "same stand-in API: one replies to each update, the other first commits one INSERT "
        "through `storage.connection.open_connection` (WAL, SQLite's default synchronous=FULL, "
        "as the bot's database), in one hand-over to aiosqlite's thread, and then replies. "
        "Ratios divide the bot's figure by a floor's.",
        f"Saturated throughput at {respondents} respondents is the most each target handles; "
        "there every update waits behind the others in flight, so by Little's law the latency "
        "is about the number of respondents divided by the rate. The paced run offers about "
        f"{offered:.0f} updates a second ({low}–{high} s think time, far quicker than a person "
        "reads a question), and its latency shows the wait at a steady load.",
        "The bot runs each storage operation in one hand-over to aiosqlite's worker thread "
        "and commits the writes that arrive together in one transaction, each in a savepoint "
        "of its own (`storage.session`). The floor commits every row on its own, so with "
        "more than one update in flight the bot shares a commit where the floor cannot. "
        "The bot sends each question, and the edits of answered questions, through "
        "`bot.answer_path_calls`, which skips python-telegram-bot's parsing of the returned "
        "message; the floors use the typed `send_message`.",
        "Peak RSS is the process's high-water mark (VmHWM); growth is peak RSS minus RSS "
        "after imports. The database lives in a temporary directory on the local disk. The "
        "1-minute load average (before → after) shows other work that shared the two cores, "
        "and also the previous scenario's own.",
    ]


def _saturated_table(saturated: dict[int, dict[str, dict[str, Any]]]) -> list[str]:
    rows = []
    for respondents, by_target in saturated.items():
        reply, write = by_target["reply_floor"], by_target["write_floor"]
        for target, figures in by_target.items():
            rows.append(
                [
                    LABELS[target],
                    str(respondents),
                    f"{figures['updates_per_s']:.0f}",
                    _ratio(figures["updates_per_s"], reply["updates_per_s"]),
                    _ratio(figures["updates_per_s"], write["updates_per_s"]),
                    _latencies(figures),
                    f"{figures['cpu_ms_per_update']:.2f}",
                    f"{figures['bot_api_calls_per_update']:.2f}",
                    _memory(figures),
                    _problems(figures),
                    figures["load_average"],
                ]
            )
    header = [
        "target",
        "respondents",
        "updates/s",
        "× reply floor",
        "× write floor",
        "latency p50 / p95 / p99 ms",
        "CPU ms/update",
        "Bot API calls/update",
        "peak RSS (growth) MiB",
        "lost / alerts / complete",
        "load avg",
    ]
    return table(header, rows)


def _paced_table(paced: dict[str, dict[str, Any]]) -> list[str]:
    write = paced["write_floor"]["latency_ms"]
    rows = []
    for target, figures in paced.items():
        latency = figures["latency_ms"]
        rows.append(
            [
                LABELS[target],
                f"{figures['updates_per_s']:.0f}",
                f"{latency['p50']:.1f}",
                f"{latency['p95']:.1f}",
                f"{latency['p99']:.1f}",
                f"{latency['max']:.1f}",
                f"{figures['first_reply_ms']['p99']:.1f}",
                _ratio(latency["p99"], write["p99"]),
                _memory(figures),
                _problems(figures),
                figures["load_average"],
            ]
        )
    header = [
        "target",
        "updates/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "max ms",
        "first reply p99 ms",
        "p99 × write floor",
        "peak RSS (growth) MiB",
        "lost / alerts / complete",
        "load avg",
    ]
    return table(header, rows)


def _checks(saturated: dict[str, dict[str, Any]], paced: dict[str, dict[str, Any]]) -> list[str]:
    """Say what went wrong in a run: lost updates, error alerts, unknown methods."""
    lines = []
    for shape, by_target in (("saturated", saturated), ("paced", paced)):
        for target, figures in by_target.items():
            if figures["unknown_methods"]:
                methods = ", ".join(sorted(figures["unknown_methods"]))
                lines.append(
                    f"- {shape} {target}: Bot API methods unknown to the stand-in: {methods}"
                )
    return lines


def _targets(
    saturated: dict[str, dict[str, Any]], paced: dict[str, dict[str, Any]], respondents: int
) -> list[TargetCheck]:
    share = saturated["bot"]["updates_per_s"] / saturated["write_floor"]["updates_per_s"]
    p99 = paced["bot"]["latency_ms"]["p99"]
    return [
        TargetCheck(
            f"answer path, {respondents} respondents: at least "
            f"{THROUGHPUT_SHARE_TARGET:.0%} of the write floor's throughput",
            f"{share:.2f} × write floor",
            share >= THROUGHPUT_SHARE_TARGET,
        ),
        TargetCheck(
            f"answer path, {respondents} respondents paced: p99 latency under "
            f"{P99_TARGET_MS:.0f} ms",
            f"{p99:.1f} ms",
            p99 < P99_TARGET_MS,
        ),
    ]


def _ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}" if floor else "–"


def _latencies(figures: dict[str, Any]) -> str:
    latency = figures["latency_ms"]
    return f"{latency['p50']:.1f} / {latency['p95']:.1f} / {latency['p99']:.1f}"


def _memory(figures: dict[str, Any]) -> str:
    growth = figures["peak_rss_mib"] - figures["rss_at_start_mib"]
    return f"{figures['peak_rss_mib']:.0f} ({growth:.0f})"


def _problems(figures: dict[str, Any]) -> str:
    complete = figures["complete"]
    complete_text = "–" if complete is None else f"{complete}/{figures['respondents']}"
    return f"{figures['lost']} / {figures['alerts']} / {complete_text}"
