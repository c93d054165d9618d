"""Check the shipped catalogs: coverage per language, and entries that would break at run time."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from catalogs.paths import DOMAINS, SHIPPED_LOCALES, catalog_path, template_path

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TAG = re.compile(r"</?[a-z]+>")


@dataclass
class CatalogReport:
    locale: str
    domain: str
    total: int = 0
    translated: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def check_catalogs(locales: tuple[str, ...] = SHIPPED_LOCALES) -> list[CatalogReport]:
    """Return a report per locale and domain; an empty `problems` list means shippable."""
    reports = []
    for domain in DOMAINS:
        template = _read(template_path(domain))
        for locale in locales:
            reports.append(_check(template, locale, domain))
    return reports


def _check(template: Catalog, locale: str, domain: str) -> CatalogReport:
    report = CatalogReport(locale, domain)
    path = catalog_path(locale, domain)
    if not path.exists():
        report.total = _count(template)
        report.problems.append(f"{path.name} is missing")
        return report

    catalog = _read(path, locale)
    _check_plural_forms(catalog, locale, report)
    for source in template:
        if not source.id:
            continue
        report.total += 1
        entry = catalog.get(source.id, context=source.context)
        problem = _entry_problem(entry)
        if problem is None:
            report.translated += 1
        else:
            report.problems.append(f"{problem}: {_short(source.id)!r}")
    return report


def _entry_problem(entry: Message | None) -> str | None:
    if entry is None:
        return "missing"
    if entry.fuzzy:
        return "fuzzy"
    sources = entry.id if isinstance(entry.id, tuple | list) else (entry.id,)
    translations = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
    if not all(translations):
        return "untranslated"
    expected_fields = set(PLACEHOLDER.findall(sources[-1]))
    expected_tags = sorted(TAG.findall(sources[-1]))
    for translation in translations:
        if set(PLACEHOLDER.findall(translation)) != expected_fields:
            return "placeholders differ"
        if sorted(TAG.findall(translation)) != expected_tags:
            return "markup tags differ"
    return None


def _check_plural_forms(catalog: Catalog, locale: str, report: CatalogReport) -> None:
    expected = get_plural(locale)
    if catalog.num_plurals != expected.num_plurals or catalog.plural_expr != expected.plural_expr:
        report.problems.append(
            f"Plural-Forms header is {catalog.plural_forms!r}, CLDR has {expected.plural_forms!r}"
        )


def format_reports(reports: list[CatalogReport]) -> str:
    lines = [
        f"{'locale':<8} {'domain':<14} {'translated':>10} {'total':>6} {'coverage':>9}  problems"
    ]
    for report in reports:
        lines.append(
            f"{report.locale:<8} {report.domain:<14} {report.translated:>10} {report.total:>6} "
            f"{report.percent:>8.1f}%  {len(report.problems)}"
        )
    for report in reports:
        for problem in report.problems[:20]:
            lines.append(f"  {report.locale}/{report.domain}: {problem}")
        if len(report.problems) > 20:
            lines.append(f"  {report.locale}/{report.domain}: ... {len(report.problems) - 20} more")
    return "\n".join(lines)


def _count(template: Catalog) -> int:
    return sum(1 for message in template if message.id)


def _short(text: str | tuple) -> str:
    value = text[0] if isinstance(text, tuple | list) else text
    return value if len(value) <= 60 else value[:57] + "..."


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)
