"""Random answer sequences with back, change and conditions keep the engine's invariants."""

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaires import engine
from questionnaires.loader import FILES_DIR, load_questionnaire
from questionnaires.model import (
    DONT_KNOW,
    NOT_APPLICABLE,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    RankingQuestion,
    ScaleQuestion,
    SingleChoiceQuestion,
    TargetQuestion,
    TextQuestion,
    YesNoQuestion,
)
from questionnaires.scoring import score_pillars

QUESTIONNAIRE = load_questionnaire(FILES_DIR / "smart-city-v1.yaml")


def valid_value(question: Question, draw: Any) -> Any:
    """Draw an answer the question accepts, as the bot would store it."""
    if isinstance(question, ScaleQuestion):
        return draw(st.sampled_from([1, 2, 3, 4, 5, DONT_KNOW, NOT_APPLICABLE]))
    if isinstance(question, TargetQuestion):
        return draw(st.integers(1, 5))
    if isinstance(question, YesNoQuestion):
        return draw(st.sampled_from(["yes", "no"]))
    if isinstance(question, SingleChoiceQuestion):
        return draw(st.sampled_from([choice.id for choice in question.choices]))
    if isinstance(question, RankingQuestion):
        ids = [choice.id for choice in question.choices]
        return draw(st.permutations(ids))[: question.pick]
    if isinstance(question, MultipleChoiceQuestion):
        ids = [choice.id for choice in question.choices]
        upper = question.max_selections or len(ids)
        count = draw(st.integers(max(question.min_selections, 1), upper))
        return draw(st.permutations(ids))[:count]
    if isinstance(question, NumberQuestion):
        return str(draw(st.integers(int(question.min or 0), int(question.max or 10**6))))
    if isinstance(question, TextQuestion):
        return draw(st.text(min_size=1, max_size=20).filter(str.strip))
    raise AssertionError(f"unknown question type {question.type}")


@st.composite
def interviews(draw: Any) -> list[tuple[str, Any]]:
    """Simulate a respondent: answer, go back, change from the review or skip, at random."""
    answers: dict[str, Any] = {}
    editing: str | None = None
    steps: list[tuple[str, Any]] = []
    for _ in range(draw(st.integers(1, 120))):
        current = engine.current_question(QUESTIONNAIRE, answers, editing)
        action = draw(st.sampled_from(["answer", "answer", "answer", "back", "change", "skip"]))
        if current is None or action == "change":
            visible = engine.visible_questions(QUESTIONNAIRE, answers)
            editing = draw(st.sampled_from(visible)).id
            steps.append(("change", editing))
            continue
        if action == "back":
            previous = engine.previous_question(QUESTIONNAIRE, answers, current.id)
            if previous is not None:
                editing = previous.id
                steps.append(("back", editing))
                continue
        if action == "skip" and not current.required:
            answers[current.id] = None
        else:
            answers[current.id] = valid_value(current, draw)
        editing = None
        steps.append(("answer", (current.id, answers[current.id])))
    return steps


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interviews())
def test_invariants_hold_after_every_step(steps: list[tuple[str, Any]]) -> None:
    answers: dict[str, Any] = {}
    editing: str | None = None
    for action, payload in steps:
        if action == "answer":
            question_id, value = payload
            assert engine.current_question(QUESTIONNAIRE, answers, editing).id == question_id
            answers[question_id] = value
            editing = None
        else:
            editing = payload
        _check_invariants(answers, editing)


def _check_invariants(answers: dict[str, Any], editing: str | None) -> None:
    visible = engine.visible_questions(QUESTIONNAIRE, answers)
    visible_ids = [question.id for question in visible]
    current = engine.current_question(QUESTIONNAIRE, answers, editing)

    assert len(set(visible_ids)) == len(visible_ids)
    if current is None:
        assert all(question_id in answers for question_id in visible_ids)
        assert engine.is_complete(QUESTIONNAIRE, answers)
        return
    assert current.id in visible_ids
    progress = engine.progress(QUESTIONNAIRE, answers, current.id)
    assert 1 <= progress.question_number <= progress.question_count == len(visible_ids)
    assert 1 <= progress.section_number <= progress.section_count
    previous = engine.previous_question(QUESTIONNAIRE, answers, current.id)
    if previous is not None:
        assert visible_ids.index(previous.id) == visible_ids.index(current.id) - 1
    for score in score_pillars(QUESTIONNAIRE, answers):
        assert 0 <= score.answered <= score.scored_questions
        assert score.earned <= score.possible
        if score.level is not None:
            assert 1 <= score.level <= 5
            assert 0 <= score.percent <= 100
