"""The shipped catalogs are current and complete; the bot fails CI otherwise."""

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from catalogs.coverage import check_catalogs, format_reports
from catalogs.paths import SHIPPED_LOCALES, catalog_path, template_path
from catalogs.workflow import build_templates


@pytest.mark.parametrize("domain", ["messages", "questionnaire"])
def test_templates_match_sources(domain: str) -> None:
    with template_path(domain).open("rb") as file:
        shipped = {message.id for message in read_po(file) if message.id}
    extracted = {message.id for message in build_templates()[domain] if message.id}

    assert extracted - shipped == set(), "new texts: run python -m catalogs update"
    assert shipped - extracted == set(), "removed texts: run python -m catalogs update"


def test_every_catalog_complete() -> None:
    reports = check_catalogs()

    problems = [report for report in reports if report.problems]
    assert problems == [], format_reports(problems)


@pytest.mark.parametrize("locale", SHIPPED_LOCALES)
def test_plural_forms_follow_cldr(locale: str) -> None:
    with catalog_path(locale, "messages").open("rb") as file:
        catalog = read_po(file, locale=locale)

    assert catalog.num_plurals == get_plural(locale).num_plurals
    assert catalog.plural_expr == get_plural(locale).plural_expr


@pytest.mark.parametrize("locale", SHIPPED_LOCALES)
def test_catalog_marked_for_review(locale: str) -> None:
    header = catalog_path(locale, "questionnaire").read_text(encoding="utf-8").split("msgid")[0]

    assert "awaiting review by a native speaker" in header
