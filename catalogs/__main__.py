"""Translation workflow: `python -m catalogs extract|update|compile|check`.

extract  writes locales/*.pot from the Python sources and the questionnaire files
update   merges the templates into every shipped language's .po files
compile  writes the .mo files the bot loads (also run by make and the tests)
check    prints coverage per language and domain; exits 1 if a shipped catalog
         has a missing, fuzzy or placeholder-broken entry
"""

from __future__ import annotations

import argparse
import logging
import sys

from catalogs.coverage import check_catalogs, format_reports
from catalogs.workflow import compile_catalogs, extract, update


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogs", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("extract", "update", "compile", "check"))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if arguments.command == "extract":
        extract()
    elif arguments.command == "update":
        extract()
        update()
    elif arguments.command == "compile":
        written = compile_catalogs()
        print(f"compiled {len(written)} catalogs")
    else:
        reports = check_catalogs()
        print(format_reports(reports))
        return 1 if any(report.problems for report in reports) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
