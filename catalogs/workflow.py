"""Babel's extract / update / compile workflow for both domains."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from catalogs.paths import (
    DOMAINS,
    QUESTIONNAIRES_DIR,
    ROOT,
    SHIPPED_LOCALES,
    SOURCE_PACKAGES,
    catalog_path,
    compiled_path,
    template_path,
)
from catalogs.questionnaire_texts import questionnaire_texts

logger = logging.getLogger(__name__)

PROJECT = "smart-city-interview-bot"
VERSION = "1"
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "N_": None}
REVIEW_NOTE = (
    "# {language} translations of the smart city interview bot.\n"
    "# NOTE: awaiting review by a native speaker; remove this line once reviewed.\n"
    "#"
)


def extract() -> dict[str, Catalog]:
    """Write the `.pot` templates from the sources and the questionnaire files."""
    templates = build_templates()
    for domain, template in templates.items():
        _write(template_path(domain), template)
    return templates


def build_templates() -> dict[str, Catalog]:
    """Extract the templates of both domains without writing them."""
    return {"messages": _extract_messages(), "questionnaire": _extract_questionnaire()}


def update(locales: tuple[str, ...] = SHIPPED_LOCALES) -> None:
    """Merge the templates into each locale's catalog, creating missing catalogs."""
    for domain in DOMAINS:
        template = _read(template_path(domain))
        for locale in locales:
            path = catalog_path(locale, domain)
            catalog = _read(path, locale) if path.exists() else _new_catalog(locale, domain)
            catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
            # Entries whose source text changed are dropped rather than kept as obsolete,
            # so no stale translation lingers in the shipped files.
            catalog.obsolete.clear()
            _write(path, catalog)


def compile_catalogs(locales: tuple[str, ...] = SHIPPED_LOCALES) -> list[Path]:
    """Write a `.mo` file beside every `.po` whose `.mo` is missing or older."""
    written = []
    for locale in locales:
        for domain in DOMAINS:
            source, target = catalog_path(locale, domain), compiled_path(locale, domain)
            if not source.exists():
                continue
            if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
                continue
            buffer = BytesIO()
            write_mo(buffer, _read(source, locale), use_fuzzy=False)
            target.write_bytes(buffer.getvalue())
            written.append(target)
    return written


def _extract_messages() -> Catalog:
    catalog = _template("messages")
    for package in SOURCE_PACKAGES:
        directory = ROOT / package
        if not directory.is_dir():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
            directory, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
        ):
            location = (f"{package}/{filename}", lineno)
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    return catalog


def _extract_questionnaire() -> Catalog:
    catalog = _template("questionnaire")
    for path in sorted(QUESTIONNAIRES_DIR.glob("*.yaml")):
        for text, location in questionnaire_texts(path):
            existing = catalog.get(text)
            if existing is not None:
                existing.auto_comments.append(location)
            else:
                catalog.add(text, auto_comments=[location], flags=_format_flags(text))
    return catalog


def _format_flags(text: str) -> tuple[str, ...]:
    # Questionnaire texts are shown as written, never passed to str.format.
    return ("no-python-format",) if "%" in text or "{" in text else ()


def _template(domain: str) -> Catalog:
    return Catalog(project=PROJECT, version=VERSION, domain=domain, fuzzy=False, charset="utf-8")


def _new_catalog(locale: str, domain: str) -> Catalog:
    language = Locale.parse(locale).get_display_name("en")
    return Catalog(
        locale=locale,
        domain=domain,
        project=PROJECT,
        version=VERSION,
        last_translator="Draft translation, unreviewed",
        header_comment=REVIEW_NOTE.format(language=language),
        fuzzy=False,
        charset="utf-8",
        creation_date=datetime.now(UTC),
    )


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(
        buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=False
    )
    path.write_bytes(buffer.getvalue())
    logger.info("wrote %s", path.relative_to(ROOT))
