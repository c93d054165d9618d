"""Figures and remarks as rows and CSV."""

import csv
import io

from analytics.measures import questionnaire_stats
from analytics.tables import FIGURE_COLUMNS, REMARK_COLUMNS, figure_rows, remark_rows, to_csv
from tests.analytics.builders import DAY, activity, answer, at, flagged, shown, tiny_questionnaire

NOW = at(DAY)


def stats():
    first = activity(
        1,
        [shown("readiness", 0), flagged("readiness", 5, "=HYPERLINK(1)"), shown("staff", 11)],
        [answer("readiness", 2, 10)],
    )
    second = activity(
        2,
        [shown("readiness", 0, locale="km"), flagged("readiness", 3, "Unclear", locale="km")],
        [],
        locale="km",
    )
    return questionnaire_stats(tiny_questionnaire(), [first, second], NOW)


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_rows_overall_then_languages() -> None:
    rows = figure_rows(stats())

    assert [(row["locale"], row["question_id"]) for row in rows] == [
        ("all", "readiness"),
        ("all", "staff"),
        ("all", "note"),
        ("all", "has_plan"),
        ("en", "readiness"),
        ("en", "staff"),
        ("km", "readiness"),
    ]


def test_unreached_rows_have_no_rank() -> None:
    rows = figure_rows(stats())

    assert [row["rank"] for row in rows[:4]] == [1, 2, None, None]


def test_rows_have_every_column() -> None:
    for row in figure_rows(stats()):
        assert tuple(row) == FIGURE_COLUMNS


def test_rates_are_fractions() -> None:
    readiness = figure_rows(stats())[0]

    assert readiness["unclear_rate"] == 1.0
    assert readiness["flagged_by"] == 2
    assert readiness["answered"] == 1


def test_remarks_newest_first_with_city() -> None:
    cities = {1: "Manila", 2: "Siem Reap"}

    rows = remark_rows(stats(), cities.get)

    assert [row["city"] for row in rows] == ["Manila", "Siem Reap"]
    assert rows[0]["flagged_at"] == "2026-03-02T09:00:05+00:00"


def test_csv_starts_with_bom() -> None:
    data = to_csv(FIGURE_COLUMNS, figure_rows(stats()))

    assert data.startswith(b"\xef\xbb\xbf")


def test_csv_round_trip() -> None:
    rows = read_csv(to_csv(FIGURE_COLUMNS, figure_rows(stats())))

    assert rows[0]["question_id"] == "readiness"
    assert rows[0]["median_seconds"] == "10.0"
    assert rows[2]["rank"] == ""


def test_csv_formula_neutralised() -> None:
    rows = read_csv(to_csv(REMARK_COLUMNS, remark_rows(stats(), lambda _: None)))

    assert rows[0]["remark"] == "'=HYPERLINK(1)"
    assert rows[0]["city"] == ""
