"""Recommendations in a questionnaire file: validation and the choice by maturity level."""

import copy
from typing import Any

import pytest

from questionnaires.loader import (
    FILES_DIR,
    QuestionnaireError,
    load_questionnaire,
    parse_questionnaire,
)
from questionnaires.model import LEVEL_COUNT, RecommendationKind

REAL_FILE = FILES_DIR / "smart-city-v1.yaml"

MINIMAL: dict[str, Any] = {
    "id": "mini",
    "version": 1,
    "title": "Mini",
    "description": "A questionnaire for the recommendation tests.",
    "sources": ["Test suite"],
    "maturity_levels": [
        {"level": level, "name": f"Level {level}", "description": "Described."}
        for level in range(1, 6)
    ],
    "sections": [
        {
            "id": "profile",
            "title": "Profile",
            "questions": [{"id": "city_name", "type": "short_text", "text": "City?"}],
        },
        {
            "id": "vision",
            "title": "Vision",
            "pillar": True,
            "questions": [
                {"id": "strategy", "type": "scale", "text": "Plan?", "levels": list("abcde")}
            ],
            "recommendations": [
                {
                    "id": "write_plan",
                    "kind": "structural",
                    "levels": [1, 2],
                    "title": "Write a plan",
                    "action": "Write it.",
                    "first_step": "Name a team.",
                },
                {
                    "id": "publish",
                    "kind": "quick_win",
                    "levels": [3, 4, 5],
                    "title": "Publish progress",
                    "action": "Publish it.",
                    "first_step": "Pick indicators.",
                    "peer_example": "A city nearby does this.",
                },
            ],
        },
    ],
}


def data_with(change) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    change(data)
    return data


def problems(data: dict[str, Any]) -> str:
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(data, "mini.yaml")
    return "\n".join(caught.value.problems)


def test_recommendations_for_level() -> None:
    section = parse_questionnaire(copy.deepcopy(MINIMAL)).sections[1]

    assert [item.id for item in section.recommendations_for(2)] == ["write_plan"]
    assert [item.id for item in section.recommendations_for(3)] == ["publish"]


def test_peer_example_optional() -> None:
    section = parse_questionnaire(copy.deepcopy(MINIMAL)).sections[1]

    assert section.recommendations[0].peer_example is None
    assert section.recommendations[1].kind is RecommendationKind.QUICK_WIN


def test_unknown_recommendation_field_rejected() -> None:
    def add_field(data):
        data["sections"][1]["recommendations"][0]["cost"] = "low"

    assert "cost" in problems(data_with(add_field))


def test_unknown_kind_rejected() -> None:
    def set_kind(data):
        data["sections"][1]["recommendations"][0]["kind"] = "someday"

    assert "kind" in problems(data_with(set_kind))


@pytest.mark.parametrize(
    ("levels", "problem"),
    [
        ([], "levels: List should have at least 1 item"),
        ([0], "greater than or equal to 1"),
        ([6], "less than or equal to 5"),
        ([2, 2], "lists a level twice"),
    ],
)
def test_bad_levels_rejected(levels: list[int], problem: str) -> None:
    def set_levels(data):
        data["sections"][1]["recommendations"][0]["levels"] = levels

    assert problem in problems(data_with(set_levels))


def test_duplicate_recommendation_id_rejected() -> None:
    def duplicate(data):
        data["sections"][1]["recommendations"][1]["id"] = "write_plan"

    assert "duplicate recommendation id 'write_plan'" in problems(data_with(duplicate))


def test_recommendations_outside_pillar_rejected() -> None:
    def move(data):
        data["sections"][0]["recommendations"] = data["sections"][1].pop("recommendations")

    assert "not a pillar" in problems(data_with(move))


def test_real_file_covers_every_pillar_level() -> None:
    questionnaire = load_questionnaire(REAL_FILE)

    for section in questionnaire.sections:
        if not section.pillar:
            continue
        for level in range(1, LEVEL_COUNT + 1):
            kinds = {item.kind for item in section.recommendations_for(level)}
            assert RecommendationKind.QUICK_WIN in kinds, (section.id, level)
            assert RecommendationKind.STRUCTURAL in kinds, (section.id, level)
