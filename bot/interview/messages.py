"""Texts of the interview that are more than a label: welcome, hints and reasons."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from babel.numbers import get_decimal_symbol

from bot.i18n import N_, Translator
from questionnaires.errors import InvalidAnswer
from questionnaires.estimate import estimated_minutes
from questionnaires.model import Question, Questionnaire

INVALID_ANSWER_REASONS = {
    "not_a_number": N_("That is not a number. Please type digits only, for example 1500."),
    "ambiguous_number": N_(
        "I am not sure which number you mean. Please type it without thousands separators, "
        "for example 1500, or 12{decimal}5 for a fraction."
    ),
    "ambiguous_number_readings": N_(
        "Do you mean {readings}? Please type the number again without thousands "
        "separators, for example 1500, or 12{decimal}5 for a fraction."
    ),
    "too_large_to_read": N_("That number is too long. Please type a shorter number."),
    "not_integer": N_("Please type a whole number, without decimals."),
    "too_small": N_("The number must be at least {min}."),
    "too_large": N_("The number must be at most {max}."),
    "empty_text": N_("The answer is empty. Please type a few words."),
    "too_short": N_("Please type at least {min} characters."),
    "too_long": N_(
        "The answer has {length} characters, but the limit is {max}. Please shorten it."
    ),
    "unknown_choice": N_("That button does not belong to this question."),
    "too_many_selections": N_("You can choose at most {max}. Tap a chosen answer to remove it."),
    "too_few_selections": N_("Please choose at least {min} before tapping Done."),
    "rank_exactly": N_("Please choose exactly {count}, in order of importance, then tap Done."),
    "use_buttons": N_("Please answer with the buttons below the question."),
}


def invalid_answer_text(error: InvalidAnswer, t: Translator) -> str:
    """Return the reason an answer was rejected and what to send instead."""
    reason_key = error.reason
    params = {name: _format_param(value, t) for name, value in error.params.items()}
    readings = [t.number(value) for value in error.params.get("readings", ())]
    if reason_key == "ambiguous_number" and readings:
        reason_key = "ambiguous_number_readings"
        params["readings"] = readings[0]
        if len(readings) == 2:
            params["readings"] = t.gettext("{first} or {second}").format(
                first=readings[0], second=readings[1]
            )
    reason = INVALID_ANSWER_REASONS.get(reason_key, INVALID_ANSWER_REASONS["use_buttons"])
    return t.gettext(reason).format(decimal=get_decimal_symbol(t.babel_locale), **params)


def _format_param(value: object, t: Translator) -> str:
    if isinstance(value, int | Decimal):
        return t.number(value)
    return str(value)


def welcome_text(questionnaire: Questionnaire, t: Translator, first_name: str) -> str:
    lines = [
        "<b>" + t.gettext("Welcome, {name}.").format(name=escape(first_name)) + "</b>",
        "",
        escape(t.text(questionnaire.description)),
        "",
        t.gettext(
            "There are {count} questions in {sections} sections, and a few follow-up "
            "questions where your answers call for them. It takes about {minutes} minutes. "
            "Your answers are saved as you go: you can stop at any time and continue later "
            "with /start."
        ).format(
            count=t.number(sum(1 for question in questionnaire.questions if not question.show_if)),
            sections=t.number(len(questionnaire.sections)),
            minutes=t.number(estimated_minutes(questionnaire)[1]),
        ),
        "",
        t.gettext(
            "At the end you review your answers, submit them, and receive a summary of your "
            "city's smart city maturity by pillar."
        ),
    ]
    return "\n".join(lines)


def welcome_back_text(t: Translator) -> str:
    return t.gettext("Welcome back. Your answers so far are saved; here is where you stopped.")


def help_text(questionnaire: Questionnaire, question: Question, t: Translator) -> str:
    """Return the question's plain explanation and the glossary terms it uses."""
    lines = [f"<b>{escape(t.text(question.text))}</b>"]
    if question.help:
        lines += ["", escape(t.text(question.help))]
    terms = [questionnaire.glossary_term(term_id) for term_id in question.glossary]
    if terms:
        lines += ["", "<b>" + t.gettext("Glossary") + "</b>"]
        lines += [
            f"• <b>{escape(t.text(term.term))}</b>: {escape(t.text(term.definition))}"
            for term in terms
            if term is not None
        ]
    return "\n".join(lines)


def commands_help_text(t: Translator) -> str:
    return "\n".join(
        [
            "<b>" + t.gettext("How this works") + "</b>",
            t.gettext(
                "I ask the smart city assessment questions one at a time. Tap a button or type "
                "your answer. Your answers are saved as you go."
            ),
            "",
            "/start – " + t.gettext("start or continue the assessment"),
            "/review – " + t.gettext("see your answers and change them"),
            # The same text as the command menu's, so both read alike in every language.
            "/report – " + t.gettext("Send my city's report again"),
            "/unclear – "
            + t.gettext("mark the question on screen as unclear, with a remark if you like"),
            "/language – " + t.gettext("change the language"),
            "/privacy – " + t.gettext("what is stored and who sees it"),
            "/help – " + t.gettext("this help"),
        ]
    )


def privacy_text(t: Translator) -> str:
    return "\n".join(
        [
            "<b>" + t.gettext("Your data") + "</b>",
            t.gettext(
                "Stored: your Telegram user id and chat id, your chosen language, and your "
                "answers with the time of each answer and of every change."
            ),
            t.gettext(
                "To improve the questionnaire, we also store when each question was shown, "
                "when an answer could not be accepted (but not that answer), and the questions "
                "you marked as unclear, with your remarks."
            ),
            t.gettext(
                "Who sees it: the programme's interviewers and administrators, who prepare "
                "your city's expert assessment. Other cities never see your answers."
            ),
            t.gettext(
                "To have your personal identifiers erased, ask the interviewer who invited you."
            ),
        ]
    )


def submitted_text(t: Translator) -> str:
    return t.gettext(
        "Your assessment has been submitted. Thank you. Send /review to see your answers."
    )
