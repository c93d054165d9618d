"""Collect the translatable texts of questionnaire files, with where each one is used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

# Fields whose string values a respondent reads. Ids, types, conditions and the
# list of sources (bibliographic titles) stay as written.
TRANSLATABLE_FIELDS = {
    "title",
    "description",
    "intro",
    "text",
    "help",
    "label",
    "name",
    "term",
    "definition",
    "unit",
    "levels",
    "action",
    "first_step",
    "peer_example",
    "finding",
}


def questionnaire_texts(path: Path) -> Iterator[tuple[str, str]]:
    """Yield (text, location) for every translatable text of one questionnaire file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    yield from _walk(data, path.name)


def _walk(node: Any, location: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        here = f"{location}:{node['id']}" if isinstance(node.get("id"), str) else location
        for key, value in node.items():
            if key in TRANSLATABLE_FIELDS:
                yield from _strings(value, f"{here}:{key}")
            elif isinstance(value, dict | list):
                yield from _walk(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, location)


def _strings(value: Any, location: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield value.strip(), location
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            if isinstance(item, str):
                yield item.strip(), f"{location}:{index}"
