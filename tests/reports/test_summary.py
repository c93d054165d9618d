"""The summary message: escaping, splitting within Telegram's limit, and what it shows."""

from dataclasses import replace
from datetime import date
from fractions import Fraction

from fake_bot_api.html_markup import parse_html
from questionnaires.scoring import score_assessment
from reports.content import build_report
from reports.summary import summary_messages
from reports.text_limits import MESSAGE_LIMIT
from tests.reports.samples import (
    QUESTIONNAIRE,
    SampleTranslator,
    all_dont_know,
    sample_answers,
    sample_translator,
)


def summary(answers, t=None, peers=None) -> list[str]:
    t = t or sample_translator("en")
    score = score_assessment(QUESTIONNAIRE, answers)
    report = build_report(QUESTIONNAIRE, answers, score, date(2026, 3, 14), peers or {}, t)
    return summary_messages(report)


def plain(messages: list[str]) -> str:
    return "\n".join(parse_html(message)[0] for message in messages)


def test_city_name_escaped() -> None:
    answers = sample_answers() | {"city_name": "<b>Naga</b> & <i>Co</i>"}

    messages = summary(answers)

    assert "&lt;b&gt;Naga&lt;/b&gt; &amp; &lt;i&gt;Co&lt;/i&gt;" in messages[0]
    assert "<b>Naga</b> & <i>Co</i>" in plain(messages)


def test_translated_text_escaped() -> None:
    t = sample_translator("en")
    t = replace(t, texts={**t.texts, "Vision and leadership": "Vision <script> & lead"})

    messages = summary(sample_answers(), t)

    assert "Vision &lt;script&gt; &amp; lead" in messages[0]


def test_every_message_parses() -> None:
    for message in summary(sample_answers()):
        parse_html(message)


def test_long_summary_split_between_lines() -> None:
    # Pillar titles of 700 characters make the pillar block far longer than one message.
    titles = {
        section.title: f"{section.title} " + "x" * 700
        for section in QUESTIONNAIRE.sections
        if section.pillar
    }
    t = SampleTranslator("en", titles)

    messages = summary(sample_answers(), t)

    assert len(messages) > 2
    for message in messages:
        assert len(message) <= MESSAGE_LIMIT
        parse_html(message)
    for title in titles.values():
        assert sum(title in message for message in messages) >= 1


def test_short_summary_one_message() -> None:
    assert len(summary(sample_answers())) == 1


def test_pillar_lines() -> None:
    answers = sample_answers(levels={"vision": 5, "data": 1}, target=3)

    text = plain(summary(answers))

    assert "Vision and leadership: 5 · Leading (100/100), scored on 3 of 3 questions" in text
    assert "Target in three years: 3 · Defined (the target is below today's level)" in text
    assert "Target in three years: 3 · Defined (2 levels below the target)" in text
    assert "Target in three years: 3 · Defined (at the target level)" in text


def test_strengths_and_gaps() -> None:
    answers = sample_answers(levels={"vision": 5, "data": 1})

    text = plain(summary(answers))

    assert "Strengths\n• Vision and leadership: 5 · Leading" in text
    assert "Gaps\n• Data, privacy and cybersecurity: 1 · Not started" in text


def test_top_recommendations_from_gaps() -> None:
    answers = sample_answers(levels={"vision": 5, "data": 1})

    text = plain(summary(answers))

    assert "What to do next\n• Make one person responsible for cybersecurity" in text
    assert "First step: Check that the key systems have backups" in text


def test_all_dont_know_summary() -> None:
    text = plain(summary(all_dont_know()))

    assert "Overall level: Not assessed, assessed on 0 of 8 pillars" in text
    assert "Vision and leadership: Not assessed, scored on 0 of 3 questions" in text
    assert "What to do next" not in text
    assert "No pillar stands out above the others." in text


def test_peer_median_line() -> None:
    text = plain(summary(sample_answers(), peers={"vision": Fraction(125, 2)}))

    assert "Median of other cities: 63/100" in text
    assert text.count("Median of other cities") == 1
