"""A small questionnaire that exercises every question type, and helpers around it."""

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaires.loader import FILES_DIR, load_questionnaire, parse_questionnaire
from questionnaires.model import Questionnaire

REAL_FILE = FILES_DIR / "smart-city-v1.yaml"

# With no answers, 15 questions are visible: the profile section without
# loan_lender (7), vision_strategy, vision_leadership, vision_target, has_centre,
# connectivity_sensors, connectivity_target, has_data_team and data_target.
# Each follow-up and the answer that shows it:
#   loan_lender   funding_sources includes "loan" or "donor"
#   plan_name     vision_strategy level 3, 4 or 5
#   centre_use    has_centre "yes"
#   centre_staff  centre_use level 4 or 5, so it hides whenever centre_use hides
#   data_quality  has_data_team "yes" (the only scored question of the data pillar)
INTERVIEW_YAML = """
id: demo
version: 1
title: Demo assessment
description: A questionnaire for the engine tests.
sources: [Test suite]
maturity_levels:
  - {level: 1, name: Not started, description: Nothing yet.}
  - {level: 2, name: Exploring, description: Pilots.}
  - {level: 3, name: Defined, description: A written plan.}
  - {level: 4, name: Integrated, description: Shared systems.}
  - {level: 5, name: Leading, description: Others learn from it.}
glossary:
  - {id: kpi, term: KPI, definition: A number that shows whether a goal is met.}
sections:
  - id: profile
    title: About your city
    questions:
      - {id: city_name, type: short_text, text: "City name?", max_length: 20}
      - id: country
        type: single_choice
        text: Country?
        choices:
          - {id: cambodia, label: Cambodia}
          - {id: thailand, label: Thailand}
          - {id: other, label: Other}
      - {id: population, type: number, text: "Residents?", min: 0, max: 1000000}
      - id: online_share
        type: number
        text: Percent of services online?
        integer: false
        min: 0
        max: 100
      - id: funding_sources
        type: multiple_choice
        text: Funding sources?
        min_selections: 1
        max_selections: 2
        choices:
          - {id: own_budget, label: Own budget}
          - {id: national, label: National grants}
          - {id: donor, label: Donors}
          - {id: loan, label: Loans}
      - id: loan_lender
        type: short_text
        text: Who lends the money?
        show_if: {question: funding_sources, any_of: [loan, donor]}
      - id: top_challenges
        type: ranking
        text: Rank your two main challenges.
        pick: 2
        choices:
          - {id: mobility, label: Traffic}
          - {id: water, label: Water}
          - {id: safety, label: Safety}
          - {id: health, label: Health}
      - {id: notes, type: long_text, text: "Anything else?", max_length: 40, required: false}
  - id: vision
    title: Vision
    pillar: true
    questions:
      - {id: vision_strategy, type: scale, text: "Strategy?", levels: [a, b, c, d, e]}
      - id: plan_name
        type: short_text
        text: Name of the plan?
        show_if: {question: vision_strategy, any_of: ["3", "4", "5"]}
      - {id: vision_leadership, type: scale, text: "Leadership?", levels: [a, b, c, d, e]}
      - {id: vision_target, type: target, text: "Target?"}
  - id: connectivity
    title: Connectivity
    pillar: true
    questions:
      - {id: has_centre, type: yes_no, text: "Operations centre?", glossary: [kpi]}
      - id: centre_use
        type: scale
        text: Centre use?
        scored: false
        levels: [a, b, c, d, e]
        show_if: {question: has_centre, any_of: ["yes"]}
      - id: centre_staff
        type: number
        text: Centre staff?
        show_if: {question: centre_use, any_of: ["4", "5"]}
      - {id: connectivity_sensors, type: scale, text: "Sensors?", levels: [a, b, c, d, e]}
      - {id: connectivity_target, type: target, text: "Target?"}
  - id: data
    title: Data
    pillar: true
    questions:
      - {id: has_data_team, type: yes_no, text: "Data team?"}
      - id: data_quality
        type: scale
        text: Data quality?
        levels: [a, b, c, d, e]
        show_if: {question: has_data_team, any_of: ["yes"]}
      - {id: data_target, type: target, text: "Target?"}
"""

PROFILE_ANSWERS = {
    "city_name": "Da Nang",
    "country": "other",
    "population": "850000",
    "online_share": "40",
    "funding_sources": ["own_budget"],
    "top_challenges": ["water", "mobility"],
    "notes": None,
}


@pytest.fixture(scope="session")
def real_file() -> Path:
    return REAL_FILE


@pytest.fixture(scope="session")
def real_questionnaire() -> Questionnaire:
    return load_questionnaire(REAL_FILE)


@pytest.fixture(scope="session")
def interview() -> Questionnaire:
    return parse_questionnaire(yaml.safe_load(INTERVIEW_YAML), "demo.yaml")


@pytest.fixture
def interview_yaml() -> str:
    return INTERVIEW_YAML


@pytest.fixture
def interview_data() -> dict[str, Any]:
    """The demo questionnaire as parsed YAML, a fresh copy for each test to break."""
    return copy.deepcopy(yaml.safe_load(INTERVIEW_YAML))


@pytest.fixture
def profile_answers() -> dict[str, Any]:
    """Answers to the whole profile section, so the interview is at vision_strategy."""
    return dict(PROFILE_ANSWERS)


@pytest.fixture
def write_questionnaire(tmp_path: Path) -> Callable[[Any], Path]:
    """Write data as a YAML file under tmp_path and return its path."""

    def write(data: Any, name: str = "broken.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    return write
