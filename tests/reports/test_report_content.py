"""The report's content: recommendations by level, the not-assessed state, determinism."""

from datetime import date

from questionnaires.scoring import score_assessment
from reports.chart import radar_chart
from reports.content import Report, build_report
from tests.reports.samples import QUESTIONNAIRE, all_dont_know, sample_answers, sample_translator


def report_of(answers, peers=None) -> Report:
    score = score_assessment(QUESTIONNAIRE, answers)
    return build_report(
        QUESTIONNAIRE, answers, score, date(2026, 3, 14), peers or {}, sample_translator("en")
    )


def pillar(report: Report, section_id: str):
    return next(item for item in report.pillars if item.section_id == section_id)


def test_same_answers_same_report() -> None:
    answers = sample_answers(levels={"vision": 2, "data": "dont_know"})

    assert report_of(answers) == report_of(dict(reversed(list(answers.items()))))


def test_recommendations_match_level() -> None:
    report = report_of(sample_answers(levels={"vision": 1, "services": 5}))

    vision = [item.title for item in pillar(report, "vision").recommendations]
    services = [item.title for item in pillar(report, "services").recommendations]
    assert vision[0] == "Name one person to lead smart city work"
    assert "Offer services before residents ask" in services
    assert "Build one portal for all services" not in services


def test_quick_wins_listed_first() -> None:
    items = pillar(report_of(sample_answers()), "data").recommendations

    kinds = [item.quick_win for item in items]
    assert kinds == sorted(kinds, reverse=True)


def test_not_assessed_pillar_has_no_recommendations() -> None:
    report = report_of(sample_answers(levels={"funding": "not_applicable"}))

    funding = pillar(report, "funding")
    assert not funding.assessed
    assert funding.level_text == "Not assessed"
    assert funding.recommendations == ()
    assert funding.score_text is None


def test_all_dont_know_report() -> None:
    report = report_of(all_dont_know())

    assert report.overall_text == "Not assessed"
    assert report.overall_score_text is None
    assert report.top_recommendations == ()
    assert report.strengths == ()
    assert report.gaps == ()


def test_free_text_kept_as_written() -> None:
    report = report_of(sample_answers())

    answers = {item.question: item.answer for item in pillar(report, "outcomes").answers}
    flagship = QUESTIONNAIRE.question("flagship_project").text
    assert answers[flagship] == "Da Nang: flood sensors <b>& early warning</b>"


def test_profile_shows_other_answers() -> None:
    report = report_of(sample_answers())

    assert report.city == "Da Nang"
    assert report.country == "Thailand"
    assert report.role == "Mayor"
    assert [item.answer for item in report.profile] == ["1,250,000 residents"]


def test_missing_profile_shows_dash() -> None:
    answers = sample_answers()
    del answers["city_name"]
    del answers["country"]

    report = report_of(answers)

    assert report.city == "—"
    assert report.country == "—"


def test_chart_breaks_at_unassessed_pillar() -> None:
    report = report_of(sample_answers(levels={"funding": "dont_know"}))

    chart = radar_chart(report)

    # Eight axes give eight segments around; the missing pillar removes its two.
    assert len(chart.today.segments) == 6
    assert len(chart.today.markers) == 7
    assert len(chart.target.segments) == 8
    assert chart.peers is None


def test_chart_draws_peers_when_given() -> None:
    report = report_of(sample_answers(), peers={"vision": 50, "data": 25})

    chart = radar_chart(report)

    assert chart.peers is not None
    assert len(chart.peers.markers) == 2
    assert chart.peers.segments == ()


def test_feedback_section_left_out() -> None:
    # Sections without a pillar other than the profile, such as feedback on the
    # questionnaire itself, are not part of the city's report.
    answers = sample_answers() | {"missing_topic": "Street lighting"}

    report = report_of(answers)

    assert all(item.answer != "Street lighting" for item in report.profile)
    for pillar_section in report.pillars:
        assert all(item.answer != "Street lighting" for item in pillar_section.answers)
