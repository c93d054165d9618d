"""Check questionnaire files: `python -m questionnaires check FILE...`.

Prints each valid file's sections with their question counts and the estimated
minutes to complete; prints every problem of an invalid file and exits with 1.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from questionnaires.estimate import estimated_minutes
from questionnaires.loader import QuestionnaireError, load_questionnaire
from questionnaires.model import Questionnaire


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m questionnaires")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate questionnaire files and summarise them")
    check.add_argument("files", nargs="+", help="questionnaire YAML files")
    arguments = parser.parse_args(argv)

    failed = False
    for path in arguments.files:
        try:
            questionnaire = load_questionnaire(path)
        except QuestionnaireError as error:
            print(error, file=sys.stderr)
            failed = True
            continue
        print(summary(questionnaire, path))
    return 1 if failed else 0


def summary(questionnaire: Questionnaire, path: str) -> str:
    """Describe a valid questionnaire: sections, question counts, types and duration."""
    lines = [f"{path}: {questionnaire.id} version {questionnaire.version} is valid"]
    for number, section in enumerate(questionnaire.sections, start=1):
        kind = "pillar" if section.pillar else "unscored"
        scored = len(section.scored_questions())
        lines.append(
            f"  {number:>2}. {section.id:<16} {len(section.questions):>2} questions"
            f" ({scored} scored, {kind})  {section.title}"
        )
    questions = questionnaire.questions
    types = Counter(str(question.type) for question in questions)
    conditional = sum(1 for question in questions if question.show_if is not None)
    lines.append(
        f"  {len(questions)} questions in {len(questionnaire.sections)} sections, "
        f"{conditional} shown only on a condition; {len(questionnaire.glossary)} glossary terms"
    )
    lines.append(
        "  types: " + ", ".join(f"{name} {count}" for name, count in sorted(types.items()))
    )
    low, high = estimated_minutes(questionnaire)
    lines.append(f"  estimated time: {low} to {high} minutes (follow-ups included in the upper)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
