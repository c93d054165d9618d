"""Parsing of ``parse_mode=HTML`` text into plain text and Bot API message entities.

The supported tags and entity rules follow the "HTML style" section of the Bot API
formatting options (https://core.telegram.org/bots/api#html-style): only the listed tags,
only the named entities ``&lt; &gt; &amp; &quot;``, and any numeric entity. Entity offsets
and lengths are in UTF-16 code units, as in the Bot API.

NOTE: Telegram's exact parser is not public. Error descriptions imitate the ones Telegram
returns, and a bare ``&`` or ``>`` is accepted as text while a bare ``<`` is rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fake_bot_api.entities import utf16_length
from fake_bot_api.errors import BotApiError
from fake_bot_api.records import JsonDict

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_TAG_PATTERN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*/?>")
_ATTRIBUTE_PATTERN = re.compile(r"""([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITY_PATTERN = re.compile(r"&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));")


@dataclass
class _OpenTag:
    name: str
    entity: JsonDict | None
    offset: int


@dataclass
class _HtmlParser:
    source: str
    pieces: list[str] = field(default_factory=list)
    entities: list[JsonDict] = field(default_factory=list)
    stack: list[_OpenTag] = field(default_factory=list)
    offset: int = 0

    def parse(self) -> tuple[str, list[JsonDict]]:
        position = 0
        while position < len(self.source):
            character = self.source[position]
            if character == "<":
                position = self._read_tag(position)
            elif character == "&":
                position = self._read_entity(position)
            else:
                next_special = _find_next_special(self.source, position)
                self._append_text(self.source[position:next_special])
                position = next_special

        if self.stack:
            unclosed = self.stack[-1].name
            raise _parse_error(f'Can\'t find end tag corresponding to start tag "{unclosed}"')

        text = "".join(self.pieces)
        entities = sorted(self.entities, key=lambda entity: (entity["offset"], -entity["length"]))
        return text, entities

    def _append_text(self, text: str) -> None:
        self.pieces.append(text)
        self.offset += utf16_length(text)

    def _byte_offset(self, position: int) -> int:
        return len(self.source[:position].encode("utf-8"))

    def _read_entity(self, position: int) -> int:
        match = _ENTITY_PATTERN.match(self.source, position)
        if match is None:
            self._append_text("&")
            return position + 1

        decimal, hexadecimal, name = match.groups()
        if decimal is not None:
            self._append_text(_code_point(int(decimal), self._byte_offset(position)))
        elif hexadecimal is not None:
            self._append_text(_code_point(int(hexadecimal, 16), self._byte_offset(position)))
        elif name in _NAMED_ENTITIES:
            self._append_text(_NAMED_ENTITIES[name])
        else:
            # Unsupported named entities such as &nbsp; stay in the text as written.
            self._append_text(match.group(0))
        return match.end()

    def _read_tag(self, position: int) -> int:
        match = _TAG_PATTERN.match(self.source, position)
        if match is None:
            raise _parse_error(
                f"Unexpected character '<' at byte offset {self._byte_offset(position)}. "
                "Replace it with &lt;"
            )

        name = match.group(2).lower()
        byte_offset = self._byte_offset(position)
        if match.group(1) == "/":
            self._close_tag(name, byte_offset)
        else:
            self._open_tag(name, _parse_attributes(match.group(3)), byte_offset)
        return match.end()

    def _open_tag(self, name: str, attributes: dict[str, str], byte_offset: int) -> None:
        parent = self.stack[-1] if self.stack else None
        code_in_pre = name == "code" and parent is not None and parent.name == "pre"

        # pre and code entities cannot contain other entities, except code directly in pre.
        if parent is not None and parent.name in ("pre", "code") and not code_in_pre:
            raise _parse_error(
                f'Unsupported start tag "{name}" inside "{parent.name}" '
                f"at byte offset {byte_offset}"
            )
        if name == "blockquote" and any(tag.name == "blockquote" for tag in self.stack):
            raise _parse_error(f"Blockquote entities can't be nested, at byte offset {byte_offset}")

        if code_in_pre and parent is not None:
            # <pre><code class="language-x"> sets the language of the pre entity and adds no entity.
            language = attributes.get("class", "")
            if language.startswith("language-") and parent.entity is not None:
                parent.entity["language"] = language.removeprefix("language-")
            self.stack.append(_OpenTag(name, None, self.offset))
            return

        entity = _entity_for_tag(name, attributes, byte_offset)
        self.stack.append(_OpenTag(name, entity, self.offset))

    def _close_tag(self, name: str, byte_offset: int) -> None:
        if not self.stack:
            raise _parse_error(f'Unexpected end tag "{name}" at byte offset {byte_offset}')
        opened = self.stack.pop()
        if opened.name != name:
            raise _parse_error(
                f'Can\'t find end tag corresponding to start tag "{opened.name}", '
                f'but found end tag "{name}" at byte offset {byte_offset}'
            )

        length = self.offset - opened.offset
        if opened.entity is not None and length > 0:
            opened.entity["offset"] = opened.offset
            opened.entity["length"] = length
            self.entities.append(opened.entity)


def parse_html(source: str) -> tuple[str, list[JsonDict]]:
    """Convert HTML-formatted text into plain text and a list of MessageEntity objects.

    Raises BotApiError 400 "Bad Request: can't parse entities: ..." for an unsupported tag,
    a tag without its end tag, an invalid attribute or a bare ``<``.
    """
    return _HtmlParser(source).parse()


def _find_next_special(source: str, position: int) -> int:
    indexes = (source.find("<", position), source.find("&", position))
    found = [index for index in indexes if index >= 0]
    return min(found) if found else len(source)


def _code_point(value: int, byte_offset: int) -> str:
    if not 0 < value <= 0x10FFFF:
        raise _parse_error(f"Invalid numeric HTML entity at byte offset {byte_offset}")
    return chr(value)


def _parse_attributes(text: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE_PATTERN.finditer(text):
        name, double_quoted, single_quoted, unquoted = match.groups()
        value = double_quoted if double_quoted is not None else single_quoted
        if value is None:
            value = unquoted if unquoted is not None else ""
        attributes[name.lower()] = _decode_attribute(value)
    return attributes


def _decode_attribute(value: str) -> str:
    def replace(match: re.Match[str]) -> str:
        decimal, hexadecimal, name = match.groups()
        if decimal is not None:
            return chr(int(decimal))
        if hexadecimal is not None:
            return chr(int(hexadecimal, 16))
        return _NAMED_ENTITIES.get(name, match.group(0))

    return _ENTITY_PATTERN.sub(replace, value)


def _entity_for_tag(name: str, attributes: dict[str, str], byte_offset: int) -> JsonDict:
    if name in _SIMPLE_TAGS:
        return {"type": _SIMPLE_TAGS[name]}

    if name == "span":
        if attributes.get("class") != "tg-spoiler":
            raise _parse_error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset}'
            )
        return {"type": "spoiler"}

    if name == "a":
        # NOTE: Telegram turns a tg://user?id=<id> link into a text_mention entity with the
        # user object. This fake returns it as a text_link entity with that URL.
        href = attributes.get("href", "")
        if not href:
            raise _parse_error(f'Tag "a" must have an href attribute at byte offset {byte_offset}')
        return {"type": "text_link", "url": href}

    if name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in attributes else "blockquote"
        return {"type": kind}

    if name == "tg-emoji":
        emoji_id = attributes.get("emoji-id", "")
        if not emoji_id:
            raise _parse_error(
                f'Tag "tg-emoji" must have an emoji-id attribute at byte offset {byte_offset}'
            )
        return {"type": "custom_emoji", "custom_emoji_id": emoji_id}

    raise _parse_error(f'Unsupported start tag "{name}" at byte offset {byte_offset}')


def _parse_error(detail: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: can't parse entities: {detail}")
