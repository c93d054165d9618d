from decimal import Decimal
from typing import Any

import pytest

from questionnaires.engine import (
    InvalidAnswer,
    accepts_text,
    button_answer,
    finish_selection,
    text_answer,
    toggle_selection,
)
from questionnaires.model import Questionnaire

# --- Buttons -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "token", "expected"),
    [
        ("country", "thailand", "thailand"),
        ("has_centre", "yes", "yes"),
        ("has_centre", "no", "no"),
        ("vision_strategy", "1", 1),
        ("vision_strategy", "5", 5),
        ("vision_strategy", "dont_know", "dont_know"),
        ("vision_strategy", "not_applicable", "not_applicable"),
        ("centre_use", "4", 4),
        ("vision_target", "1", 1),
        ("vision_target", "5", 5),
    ],
)
def test_button_answer_accepted(
    interview: Questionnaire, question_id: str, token: str, expected: Any
) -> None:
    assert button_answer(interview.question(question_id), token) == expected


@pytest.mark.parametrize(
    ("question_id", "token"),
    [
        ("vision_strategy", "6"),
        ("vision_strategy", "0"),
        ("vision_strategy", "-1"),
        ("vision_strategy", "x"),
        ("vision_strategy", ""),
        ("vision_strategy", " 3"),
        ("vision_strategy", "3.0"),
        ("vision_strategy", "٣"),  # ARABIC-INDIC DIGIT THREE
        ("vision_strategy", "yes"),
        ("vision_target", "dont_know"),
        ("vision_target", "not_applicable"),
        ("vision_target", "6"),
        ("country", "mobility"),  # a choice of top_challenges
        ("country", "Thailand"),  # the label, not the id
        ("country", "1"),
        ("has_centre", "true"),
        ("has_centre", "YES"),
        ("funding_sources", "own_budget"),  # answered by toggles, not one tap
        ("top_challenges", "water"),
        ("city_name", "Hue"),
        ("population", "5"),
    ],
)
def test_button_answer_rejects_forged_token(
    interview: Questionnaire, question_id: str, token: str
) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        button_answer(interview.question(question_id), token)

    assert raised.value.reason == "unknown_choice"


# --- Selections (multiple choice and ranking) --------------------------------


def test_toggle_adds_choice(interview: Questionnaire) -> None:
    question = interview.question("funding_sources")

    assert toggle_selection(question, [], "donor") == ["donor"]


def test_toggle_removes_selected_choice(interview: Questionnaire) -> None:
    question = interview.question("funding_sources")

    assert toggle_selection(question, ["donor", "loan"], "donor") == ["loan"]


def test_toggle_removes_at_maximum(interview: Questionnaire) -> None:
    question = interview.question("funding_sources")

    assert toggle_selection(question, ["donor", "loan"], "loan") == ["donor"]


def test_toggle_leaves_input_unchanged(interview: Questionnaire) -> None:
    question = interview.question("funding_sources")
    selection = ["donor"]

    toggle_selection(question, selection, "loan")

    assert selection == ["donor"]


def test_ranking_keeps_tap_order(interview: Questionnaire) -> None:
    question = interview.question("top_challenges")

    selection = toggle_selection(question, [], "water")
    selection = toggle_selection(question, selection, "mobility")

    assert selection == ["water", "mobility"]


def test_ranking_removal_moves_later_up(interview: Questionnaire) -> None:
    question = interview.question("top_challenges")

    selection = toggle_selection(question, ["water", "mobility"], "water")
    selection = toggle_selection(question, selection, "safety")

    assert selection == ["mobility", "safety"]


@pytest.mark.parametrize(
    ("question_id", "selection", "choice_id", "maximum"),
    [
        ("funding_sources", ["own_budget", "national"], "donor", 2),
        ("top_challenges", ["water", "mobility"], "safety", 2),
    ],
)
def test_toggle_rejects_over_maximum(
    interview: Questionnaire,
    question_id: str,
    selection: list[str],
    choice_id: str,
    maximum: int,
) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        toggle_selection(interview.question(question_id), selection, choice_id)

    assert raised.value.reason == "too_many_selections"
    assert raised.value.params == {"max": maximum}


@pytest.mark.parametrize(
    ("question_id", "choice_id"),
    [
        ("funding_sources", "water"),  # a choice of top_challenges
        ("funding_sources", "Donors"),  # the label, not the id
        ("top_challenges", ""),
        ("country", "thailand"),  # a single choice question takes no toggles
        ("vision_strategy", "3"),
    ],
)
def test_toggle_rejects_unknown_choice(
    interview: Questionnaire, question_id: str, choice_id: str
) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        toggle_selection(interview.question(question_id), [], choice_id)

    assert raised.value.reason == "unknown_choice"


@pytest.mark.parametrize(
    ("question_id", "selection"),
    [
        ("funding_sources", ["loan"]),
        ("funding_sources", ["national", "own_budget"]),
        ("top_challenges", ["safety", "water"]),
    ],
)
def test_finish_selection_accepted(
    interview: Questionnaire, question_id: str, selection: list[str]
) -> None:
    assert finish_selection(interview.question(question_id), selection) == selection


@pytest.mark.parametrize(
    ("question_id", "selection", "reason", "params"),
    [
        ("funding_sources", [], "too_few_selections", {"min": 1}),
        ("funding_sources", ["own_budget", "national", "loan"], "too_many_selections", {"max": 2}),
        ("funding_sources", ["loan", "loan"], "unknown_choice", {}),
        ("funding_sources", ["loan", "water"], "unknown_choice", {}),
        ("top_challenges", [], "rank_exactly", {"count": 2}),
        ("top_challenges", ["water"], "rank_exactly", {"count": 2}),
        ("top_challenges", ["water", "safety", "health"], "rank_exactly", {"count": 2}),
        ("top_challenges", ["water", "water"], "unknown_choice", {}),
        ("country", ["thailand"], "unknown_choice", {}),
    ],
)
def test_finish_selection_rejected(
    interview: Questionnaire,
    question_id: str,
    selection: list[str],
    reason: str,
    params: dict[str, Any],
) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        finish_selection(interview.question(question_id), selection)

    assert raised.value.reason == reason
    assert raised.value.params == params


# --- Typed numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "text", "locale", "expected"),
    [
        ("population", "1500", "en", "1500"),
        ("population", "1,500", "en", "1500"),
        ("population", "1.500", "id", "1500"),
        ("population", "0", "en", "0"),
        ("population", "-0", "en", "0"),
        ("population", "1000000", "en", "1000000"),
        ("population", "๑๕๐๐", "th", "1500"),
        ("population", "1500.0", "en", "1500"),
        ("online_share", "12.5", "en", "12.5"),
        ("online_share", "12,5", "id", "12.5"),
        ("online_share", "12.50", "en", "12.5"),
        ("online_share", "45%", "en", "45"),
        ("online_share", "0.25", "en", "0.25"),
        ("online_share", "100", "en", "100"),
        ("centre_staff", "1" * 40, "en", "1" * 40),  # no bounds, 40 digits are read
        ("centre_staff", "-7", "en", "-7"),
    ],
)
def test_number_answer_accepted(
    interview: Questionnaire, question_id: str, text: str, locale: str, expected: str
) -> None:
    assert text_answer(interview.question(question_id), text, locale) == expected


@pytest.mark.parametrize(
    ("question_id", "text", "reason", "params"),
    [
        ("population", "-1", "too_small", {"min": Decimal(0)}),
        ("population", "1000001", "too_large", {"max": Decimal(1000000)}),
        ("population", "1.5", "not_integer", {}),
        ("population", "1500.25", "not_integer", {}),
        ("population", "1.500", "ambiguous_number", {"readings": (Decimal("1.5"), Decimal(1500))}),
        ("population", "many", "not_a_number", {}),
        ("population", "", "not_a_number", {}),
        ("online_share", "100.5", "too_large", {"max": Decimal(100)}),
        ("online_share", "-0.5", "too_small", {"min": Decimal(0)}),
        ("centre_staff", "1" * 41, "too_large_to_read", {}),
    ],
)
def test_number_answer_rejected(
    interview: Questionnaire, question_id: str, text: str, reason: str, params: dict[str, Any]
) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        text_answer(interview.question(question_id), text, "en")

    assert raised.value.reason == reason
    assert raised.value.params == params


# --- Typed text --------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "text", "expected"),
    [
        ("city_name", "Hue", "Hue"),
        ("city_name", "  Hue \n", "Hue"),
        ("city_name", "Da\x00 Nang\x07", "Da Nang"),
        ("city_name", "Da\nNang", "Da Nang"),
        ("city_name", "Da\tNang", "Da Nang"),
        ("city_name", "\u202eHue", "Hue"),  # RIGHT-TO-LEFT OVERRIDE
        ("city_name", "\ufeffHue", "Hue"),  # a byte order mark pasted in front
        ("city_name", "Team 👩‍💻", "Team 👩‍💻"),  # WOMAN, ZWJ, LAPTOP
        ("city_name", "👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦"),
        ("city_name", "<b>Hue</b> & co", "<b>Hue</b> & co"),
        ("city_name", "เชียงใหม่", "เชียงใหม่"),
        ("city_name", "ភ្នំពេញ", "ភ្នំពេញ"),
        ("city_name", "x" * 20, "x" * 20),
        ("notes", "line one\nline two", "line one\nline two"),
        ("notes", "\n\nline one\n\n", "line one"),
    ],
)
def test_text_answer_accepted(
    interview: Questionnaire, question_id: str, text: str, expected: str
) -> None:
    assert text_answer(interview.question(question_id), text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "    ",
        "\n\t ",
        "\u00a0\u3000",  # NO-BREAK SPACE and IDEOGRAPHIC SPACE
        "\u200b\u200b",  # ZERO WIDTH SPACE
        "\u200d",  # ZERO WIDTH JOINER alone
        "\ufe0f",  # VARIATION SELECTOR-16 alone
        "\x00\x07\x1b",
        "\u0301",  # COMBINING ACUTE ACCENT alone
    ],
)
def test_text_answer_rejects_empty(interview: Questionnaire, text: str) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        text_answer(interview.question("city_name"), text, "en")

    assert raised.value.reason == "empty_text"


def test_text_answer_rejects_over_maximum(interview: Questionnaire) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        text_answer(interview.question("city_name"), "x" * 21, "en")

    assert raised.value.reason == "too_long"
    assert raised.value.params == {"max": 20, "length": 21}


def test_length_counted_after_cleaning(interview: Questionnaire) -> None:
    typed = "  " + "x" * 20 + "\u200b  "

    assert text_answer(interview.question("city_name"), typed, "en") == "x" * 20


@pytest.mark.parametrize(
    "question_id",
    ["country", "has_centre", "vision_strategy", "vision_target", "funding_sources"],
)
def test_typed_text_needs_buttons(interview: Questionnaire, question_id: str) -> None:
    with pytest.raises(InvalidAnswer) as raised:
        text_answer(interview.question(question_id), "3", "en")

    assert raised.value.reason == "use_buttons"


@pytest.mark.parametrize(
    ("question_id", "expected"),
    [("city_name", True), ("notes", True), ("population", True), ("country", False)],
)
def test_accepts_text(interview: Questionnaire, question_id: str, expected: bool) -> None:
    assert accepts_text(interview.question(question_id)) is expected
