"""Write the results page: date, machine, targets, then one section per benchmark."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from benchmarks.section import Section, table


def write_page(
    path: Path,
    sections: list[Section],
    machine: list[tuple[str, str]],
    command: str,
    elapsed_seconds: float,
) -> None:
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{command}` on {started}; the whole run took "
        f"{elapsed_seconds / 60:.1f} minutes. Each section names the command that "
        "measures its figures again. Figures from another machine, or from a run that "
        "shared the cores with other work (see the load average), are not comparable.",
        "",
        "## Machine",
        "",
        *table(["", ""], [[name, value] for name, value in machine]),
        "",
        "## Targets",
        "",
        *_targets_table(sections),
    ]
    for section in sections:
        lines += ["", f"## {section.title}", "", f"Reproduce: `{section.reproduce}`", ""]
        lines += section.lines
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _targets_table(sections: list[Section]) -> list[str]:
    rows = [
        [check.name, check.measured, "met" if check.met else "**missed**"]
        for section in sections
        for check in section.targets
    ]
    rows += [
        [section.title, "not measured", "not available yet"]
        for section in sections
        if not section.available
    ]
    return table(["target", "measured", "result"], rows)
