"""Report build: hands over to `benchmarks/report_build.py` once that module exists.

That module times one report (summary message, chart, PDF) per language and
plugs in like every benchmark here: `run(options: Options) -> Section`.
"""

from __future__ import annotations

import importlib
import importlib.util

from benchmarks.section import Options, Section

TITLE = "Report build"
REPRODUCE = "python -m benchmarks --only reports"
MODULE = "benchmarks.report_build"


def run(options: Options) -> Section:
    if importlib.util.find_spec(MODULE) is None:
        return Section.not_available(TITLE, REPRODUCE, "benchmarks/report_build.py")
    section: Section = importlib.import_module(MODULE).run(options)
    return section
