"""The result of one benchmark for the results page: figures, target checks, how to reproduce.

A benchmark module plugs into `python -m benchmarks` by having a function
`run(options: Options) -> Section` and an entry in `benchmarks.__main__.SUITES`.
A benchmark whose code under test does not exist yet returns
`Section.not_available(...)`, which the runner prints and the page lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    """Settings shared by every benchmark.

    `quick` runs each one small, for checking that the benchmarks work; its
    figures are not comparable with a full run.
    """

    quick: bool = False


@dataclass(frozen=True)
class TargetCheck:
    name: str
    measured: str
    met: bool


@dataclass
class Section:
    title: str
    reproduce: str
    lines: list[str] = field(default_factory=list)
    targets: list[TargetCheck] = field(default_factory=list)
    available: bool = True

    @classmethod
    def not_available(cls, title: str, reproduce: str, reason: str) -> Section:
        return cls(title, reproduce, lines=[f"Not available yet: {reason}"], available=False)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Return the lines of a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
