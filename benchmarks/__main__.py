"""Run every benchmark and write the results page: `python -m benchmarks` or `make bench`.

    python -m benchmarks                      # everything, about 6 minutes on 2 cores
    python -m benchmarks --only answer_path   # one benchmark
    python -m benchmarks --quick              # small sizes, to check the benchmarks work

A benchmark that fails is reported on the page and the run goes on; the exit
status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

from benchmarks.machine import describe_machine
from benchmarks.page import write_page
from benchmarks.section import Options, Section

# Module names under benchmarks/, in the order they run; each has run(options) -> Section.
SUITES = ("answer_path", "scale", "reports", "reminders")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RESULTS.md"


def main(argv: list[str]) -> int:
    arguments = _parser().parse_args(argv)
    options = Options(quick=arguments.quick)
    names = arguments.only or list(SUITES)

    started = time.perf_counter()
    sections: list[Section] = []
    failed = False
    for name in names:
        print(f"{name}:", flush=True)
        try:
            section = importlib.import_module(f"benchmarks.{name}").run(options)
        except Exception:
            failed = True
            detail = traceback.format_exc()
            print(detail, file=sys.stderr)
            section = Section(name, f"python -m benchmarks --only {name}", available=False)
            section.lines = ["The benchmark failed:", "", "```", detail.strip(), "```"]
        if not section.available:
            print(f"  {section.lines[0]}", flush=True)
        sections.append(section)

    command = "python -m benchmarks " + " ".join(argv) if argv else "python -m benchmarks"
    elapsed = time.perf_counter() - started
    write_page(arguments.output, sections, describe_machine(), command.strip(), elapsed)
    print(f"wrote {arguments.output} after {elapsed:.0f} s")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    summary = __doc__.split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=summary)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=SUITES,
        metavar="NAME",
        help=f"run only these benchmarks: {', '.join(SUITES)}",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="run small sizes to check that the benchmarks work; figures are not comparable",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the Markdown page to write (default {DEFAULT_OUTPUT.name} beside this package)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
