from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from questionnaires.loader import (
    QuestionnaireError,
    content_hash,
    load_directory,
    load_questionnaire,
)
from questionnaires.model import Questionnaire, TargetQuestion

Data = dict[str, Any]


def question(data: Data, question_id: str) -> Data:
    return next(
        q for section in data["sections"] for q in section["questions"] if q["id"] == question_id
    )


def section(data: Data, section_id: str) -> Data:
    return next(s for s in data["sections"] if s["id"] == section_id)


# --- The real questionnaire --------------------------------------------------


def test_real_file_question_count(real_questionnaire: Questionnaire) -> None:
    assert 35 <= len(real_questionnaire.questions) <= 50


def test_real_file_has_eight_pillars(real_questionnaire: Questionnaire) -> None:
    pillars = [s for s in real_questionnaire.sections if s.pillar]

    assert len(pillars) == 8


def test_real_file_one_target_per_pillar(real_questionnaire: Questionnaire) -> None:
    for pillar in (s for s in real_questionnaire.sections if s.pillar):
        targets = [q for q in pillar.questions if isinstance(q, TargetQuestion)]
        assert len(targets) == 1, pillar.id


def test_real_file_glossary_references_resolve(real_questionnaire: Questionnaire) -> None:
    for q in real_questionnaire.questions:
        for term_id in q.glossary:
            assert real_questionnaire.glossary_term(term_id) is not None, (q.id, term_id)


def test_real_file_pillars_have_scored_questions(real_questionnaire: Questionnaire) -> None:
    for pillar in (s for s in real_questionnaire.sections if s.pillar):
        assert pillar.scored_questions(), pillar.id


def test_directory_lists_real_file() -> None:
    ids = [(q.id, q.version) for q in load_directory()]

    assert ("smart_city", 1) in ids


def test_content_hash_same_across_loads(real_file: Path) -> None:
    first = load_questionnaire(real_file)
    second = load_questionnaire(real_file)

    assert content_hash(first) == content_hash(second)


def test_demo_file_loads_from_disk(
    interview_data: Data, write_questionnaire: Callable[..., Path]
) -> None:
    path = write_questionnaire(interview_data, "demo.yaml")

    assert load_questionnaire(path).id == "demo"


# --- Invalid files -----------------------------------------------------------


def add_unknown_field(data: Data) -> None:
    question(data, "has_centre")["colour"] = "red"


def duplicate_question_id(data: Data) -> None:
    question(data, "notes")["id"] = "city_name"


def duplicate_section_id(data: Data) -> None:
    section(data, "data")["id"] = "vision"


def duplicate_choice_id(data: Data) -> None:
    question(data, "funding_sources")["choices"][1]["id"] = "own_budget"


def show_if_unknown_question(data: Data) -> None:
    question(data, "plan_name")["show_if"]["question"] = "strategy_draft"


def show_if_later_question(data: Data) -> None:
    question(data, "vision_strategy")["show_if"] = {
        "question": "vision_leadership",
        "any_of": ["1"],
    }


def show_if_own_question(data: Data) -> None:
    question(data, "has_centre")["show_if"] = {"question": "has_centre", "any_of": ["yes"]}


def show_if_unknown_value(data: Data) -> None:
    question(data, "centre_use")["show_if"]["any_of"] = ["yes", "maybe"]


def show_if_level_out_of_range(data: Data) -> None:
    question(data, "plan_name")["show_if"]["any_of"] = ["6"]


def show_if_free_text_source(data: Data) -> None:
    question(data, "plan_name")["show_if"] = {"question": "city_name", "any_of": ["Hue"]}


def empty_choice_list(data: Data) -> None:
    question(data, "funding_sources")["choices"] = []


def scale_with_four_levels(data: Data) -> None:
    question(data, "vision_strategy")["levels"] = ["a", "b", "c", "d"]


def scale_without_levels(data: Data) -> None:
    del question(data, "vision_strategy")["levels"]


def undefined_glossary_term(data: Data) -> None:
    question(data, "has_centre")["glossary"] = ["kpi", "sla"]


def min_above_max_selections(data: Data) -> None:
    question(data, "funding_sources").update(min_selections=3, max_selections=2)


def max_selections_above_choices(data: Data) -> None:
    question(data, "funding_sources")["max_selections"] = 5


def pick_above_choices(data: Data) -> None:
    question(data, "top_challenges")["pick"] = 5


def number_min_above_max(data: Data) -> None:
    question(data, "online_share").update(min=100, max=0)


def two_targets_in_pillar(data: Data) -> None:
    second = {"id": "vision_target_2", "type": "target", "text": "Target again?"}
    section(data, "vision")["questions"].append(second)


def target_outside_pillar(data: Data) -> None:
    target = {"id": "profile_target", "type": "target", "text": "Target?"}
    section(data, "profile")["questions"].append(target)


def unknown_question_type(data: Data) -> None:
    question(data, "has_centre")["type"] = "slider"


def maturity_levels_out_of_order(data: Data) -> None:
    levels = data["maturity_levels"]
    levels[0], levels[1] = levels[1], levels[0]


INVALID_FILES = [
    # (case, mutation, fragments the message must contain)
    ("unknown field", add_unknown_field, ["'has_centre'", "colour", "Extra inputs"]),
    ("duplicate question", duplicate_question_id, ["'city_name'", "duplicate question id"]),
    ("duplicate section", duplicate_section_id, ["'vision'", "duplicate section id"]),
    (
        "duplicate choice",
        duplicate_choice_id,
        ["'funding_sources'", "duplicate choice id 'own_budget'"],
    ),
    (
        "show_if unknown",
        show_if_unknown_question,
        ["'plan_name'", "'strategy_draft'", "not an earlier question"],
    ),
    (
        "show_if later",
        show_if_later_question,
        ["'vision_strategy'", "'vision_leadership'", "not an earlier question"],
    ),
    ("show_if itself", show_if_own_question, ["'has_centre'", "not an earlier question"]),
    (
        "show_if value",
        show_if_unknown_value,
        ["'centre_use'", "['maybe']", "not answers of 'has_centre'"],
    ),
    (
        "show_if level 6",
        show_if_level_out_of_range,
        ["'plan_name'", "['6']", "not answers of 'vision_strategy'"],
    ),
    ("show_if free text", show_if_free_text_source, ["'plan_name'", "'city_name'", "free-form"]),
    ("empty choices", empty_choice_list, ["'funding_sources'", "choices", "at least 1 item"]),
    (
        "scale of 4 levels",
        scale_with_four_levels,
        ["'vision_strategy'", "levels", "at least 5 items"],
    ),
    ("scale no levels", scale_without_levels, ["'vision_strategy'", "levels", "Field required"]),
    ("glossary term", undefined_glossary_term, ["'has_centre'", "'sla'", "not defined"]),
    (
        "min over max",
        min_above_max_selections,
        ["'funding_sources'", "min_selections <= max_selections"],
    ),
    ("max over choices", max_selections_above_choices, ["'funding_sources'", "4 choices"]),
    ("pick over choices", pick_above_choices, ["'top_challenges'", "pick 5 exceeds"]),
    ("number bounds", number_min_above_max, ["'online_share'", "min 100 is above max 0"]),
    ("two targets", two_targets_in_pillar, ["'vision'", "2 target questions"]),
    ("target in profile", target_outside_pillar, ["'profile'", "no pillar"]),
    ("unknown type", unknown_question_type, ["'has_centre'", "'slider'"]),
    ("levels order", maturity_levels_out_of_order, ["maturity_levels", "in order"]),
]


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [(mutate, fragments) for _, mutate, fragments in INVALID_FILES],
    ids=[case for case, _, _ in INVALID_FILES],
)
def test_invalid_file_rejected(
    interview_data: Data,
    write_questionnaire: Callable[..., Path],
    mutate: Callable[[Data], None],
    fragments: list[str],
) -> None:
    mutate(interview_data)
    path = write_questionnaire(interview_data, "broken.yaml")

    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)

    message = str(raised.value)
    assert message.startswith("broken.yaml: invalid questionnaire")
    for fragment in fragments:
        assert fragment in message


def test_error_lists_every_field_problem(
    interview_data: Data, write_questionnaire: Callable[..., Path]
) -> None:
    add_unknown_field(interview_data)
    scale_with_four_levels(interview_data)
    path = write_questionnaire(interview_data)

    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)

    assert len(raised.value.problems) == 2
    assert raised.value.path == path


RAW_FILES = [
    # (case, file bytes, fault)
    ("not YAML", b"id: [unclosed\n  : :\n", "not valid YAML"),
    ("top-level list", b"- id: demo\n- version: 1\n", "top level must be a mapping"),
    ("empty file", b"", "top level must be a mapping"),
    ("plain text", b"just some words\n", "top level must be a mapping"),
    ("invalid UTF-8", b"id: caf\xe9\n", "not valid UTF-8"),
]


@pytest.mark.parametrize(
    ("content", "fault"),
    [(content, fault) for _, content, fault in RAW_FILES],
    ids=[case for case, _, _ in RAW_FILES],
)
def test_unusable_file_rejected(tmp_path: Path, content: bytes, fault: str) -> None:
    path = tmp_path / "notes.yaml"
    path.write_bytes(content)

    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)

    assert str(raised.value).startswith("notes.yaml: invalid questionnaire")
    assert fault in str(raised.value)


@pytest.mark.parametrize(
    ("original", "repeated", "key"),
    [
        ("title: Demo assessment\n", "title: Demo assessment\ntitle: Other\n", "'title'"),
        ("text: Centre use?\n", "text: Centre use?\n        text: Other?\n", "'text'"),
        ("{id: has_data_team,", "{id: has_data_team, id: other,", "'id'"),
    ],
    ids=["top level", "question", "flow mapping"],
)
def test_repeated_key_rejected(
    tmp_path: Path, interview_yaml: str, original: str, repeated: str, key: str
) -> None:
    path = tmp_path / "repeated.yaml"
    path.write_text(interview_yaml.replace(original, repeated, 1), encoding="utf-8")

    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path)

    assert str(raised.value).startswith("repeated.yaml: invalid questionnaire")
    assert f"found duplicate key {key}" in str(raised.value)


def test_yaml_merge_key_still_works(tmp_path: Path, interview_yaml: str) -> None:
    # The first scale defines its levels under an anchor, and the later scales merge them.
    first, *rest = interview_yaml.split("levels: [a, b, c, d, e]")
    merged = first + "<<: &scale {levels: [a, b, c, d, e]}" + "<<: *scale".join(rest)
    path = tmp_path / "merged.yaml"
    path.write_text(merged, encoding="utf-8")

    assert len(load_questionnaire(path).question("data_quality").levels) == 5


def test_missing_file_rejected(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(tmp_path / "absent.yaml")

    assert "absent.yaml" in str(raised.value)
    assert "cannot read the file" in str(raised.value)
