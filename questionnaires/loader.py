"""Load questionnaire YAML files into validated models.

A load error names the file, the section / question / choice ids on the way
to the fault, and what is wrong, so an author can fix the file without a
debugger. A file that fails any check is never returned.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from questionnaires.model import Questionnaire, QuestionType

FILES_DIR = Path(__file__).parent / "files"
QUESTION_TYPES = {question_type.value for question_type in QuestionType}


class QuestionnaireError(Exception):
    """A questionnaire file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = problems
        listed = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{self.path.name}: invalid questionnaire\n{listed}")


def load_questionnaire(path: Path | str) -> Questionnaire:
    """Read, parse and validate one questionnaire file."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except OSError as error:
        raise QuestionnaireError(path, [f"cannot read the file: {error.strerror}"]) from error
    except UnicodeDecodeError as error:
        problem = f"not valid UTF-8 at byte offset {error.start}: save the file as UTF-8"
        raise QuestionnaireError(path, [problem]) from error
    except yaml.YAMLError as error:
        raise QuestionnaireError(path, [f"not valid YAML: {error}"]) from error
    return parse_questionnaire(raw, path)


def parse_questionnaire(raw: Any, path: Path | str = "<questionnaire>") -> Questionnaire:
    """Validate already parsed data (a YAML file's or a stored snapshot's)."""
    if not isinstance(raw, dict):
        raise QuestionnaireError(path, ["the top level must be a mapping of fields"])
    try:
        return Questionnaire.model_validate(raw)
    except ValidationError as error:
        problems = [_describe(raw, detail) for detail in error.errors()]
        raise QuestionnaireError(path, problems) from None


def load_directory(directory: Path = FILES_DIR) -> list[Questionnaire]:
    """Load every `*.yaml` questionnaire in a directory, sorted by id and version."""
    questionnaires = [load_questionnaire(path) for path in sorted(directory.glob("*.yaml"))]
    return sorted(questionnaires, key=lambda q: (q.id, q.version))


def canonical_json(questionnaire: Questionnaire) -> str:
    """Serialise a questionnaire the same way every time, for snapshots and hashes."""
    data = questionnaire.model_dump(mode="json", exclude_defaults=False)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(questionnaire: Questionnaire) -> str:
    return hashlib.sha256(canonical_json(questionnaire).encode()).hexdigest()


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that rejects a key repeated in one mapping.

    PyYAML silently keeps the last value of a repeated key, so a copied question
    block with a stale second `show_if` or `text` would load without an error.
    """


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> Any:
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        # A merge key ("<<") may override merged keys, so it is left to construct_mapping.
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        # An unhashable key is left to construct_mapping, which reports it.
        if not isinstance(key, Hashable):
            continue
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _describe(raw: dict[str, Any], detail: dict[str, Any]) -> str:
    """Turn a pydantic error location of list indexes into the ids an author knows."""
    where = _location(raw, detail["loc"])
    message = detail["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _location(raw: Any, loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    node = raw
    for key in loc:
        # Discriminated unions add the tag (such as 'scale') as a location step.
        if isinstance(node, dict) and key not in node and isinstance(key, str):
            if key in QUESTION_TYPES:
                continue
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            parts.append(_item_name(parts, node, key))
            continue
        parts.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    return " › ".join(part for part in parts if part)


def _item_name(parts: list[str], item: Any, index: int) -> str:
    kinds = {
        "sections": "section",
        "questions": "question",
        "choices": "choice",
        "glossary": "glossary term",
        "maturity_levels": "maturity level",
    }
    kind = kinds.get(parts[-1], "item") if parts else "item"
    if parts and parts[-1] in kinds:
        parts.pop()
    item_id = item.get("id") if isinstance(item, dict) else None
    if item_id is None and isinstance(item, dict):
        item_id = item.get("level")
    return f"{kind} {item_id!r}" if item_id is not None else f"{kind} #{index + 1}"
