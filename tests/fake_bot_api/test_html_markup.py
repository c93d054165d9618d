"""HTML parse mode: plain text, entities with UTF-16 offsets, and rejected markup."""

import pytest

from fake_bot_api import BotApiError
from fake_bot_api.entities import bot_command_entities
from fake_bot_api.html_markup import parse_html


def test_plain_text_has_no_entities() -> None:
    assert parse_html("Just text") == ("Just text", [])


@pytest.mark.parametrize(
    ("source", "entity_type"),
    [
        ("<b>x</b>", "bold"),
        ("<strong>x</strong>", "bold"),
        ("<i>x</i>", "italic"),
        ("<em>x</em>", "italic"),
        ("<u>x</u>", "underline"),
        ("<ins>x</ins>", "underline"),
        ("<s>x</s>", "strikethrough"),
        ("<strike>x</strike>", "strikethrough"),
        ("<del>x</del>", "strikethrough"),
        ("<tg-spoiler>x</tg-spoiler>", "spoiler"),
        ('<span class="tg-spoiler">x</span>', "spoiler"),
        ("<code>x</code>", "code"),
        ("<pre>x</pre>", "pre"),
        ("<blockquote>x</blockquote>", "blockquote"),
        ("<blockquote expandable>x</blockquote>", "expandable_blockquote"),
    ],
)
def test_supported_tag_makes_entity(source: str, entity_type: str) -> None:
    text, entities = parse_html(source)

    assert text == "x"
    assert entities == [{"type": entity_type, "offset": 0, "length": 1}]


def test_nested_tags_and_link() -> None:
    text, entities = parse_html(
        '<b>Bold <i>both</i></b> <a href="https://example.org/?a=1&amp;b=2">link</a>'
    )

    assert text == "Bold both link"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 9},
        {"type": "italic", "offset": 5, "length": 4},
        {"type": "text_link", "url": "https://example.org/?a=1&b=2", "offset": 10, "length": 4},
    ]


def test_pre_with_code_language() -> None:
    text, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')

    assert text == "x = 1"
    assert entities == [{"type": "pre", "language": "python", "offset": 0, "length": 5}]


def test_offsets_count_utf16_code_units() -> None:
    text, entities = parse_html("😀 <b>ä</b>")

    assert text == "😀 ä"
    assert entities == [{"type": "bold", "offset": 3, "length": 1}]


def test_html_entities_are_decoded() -> None:
    text, _ = parse_html("&lt;5 &amp; &gt;3 &quot;ok&quot; &#8364; &#x20AC; &nbsp; R&D")

    assert text == '<5 & >3 "ok" € € &nbsp; R&D'


def test_empty_tag_adds_no_entity() -> None:
    assert parse_html("a<b></b>b") == ("ab", [])


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("a < b", "Unexpected character '<'"),
        ("<br>", 'Unsupported start tag "br"'),
        ("<b>open", "Can't find end tag"),
        ("<b><i>x</b></i>", "Can't find end tag"),
        ("x</b>", "Unexpected end tag"),
        ("<span>x</span>", 'must have class "tg-spoiler"'),
        ("<a>x</a>", "must have an href"),
        ("<code><b>x</b></code>", 'inside "code"'),
        ("<blockquote><blockquote>x</blockquote></blockquote>", "can't be nested"),
        ("&#0;", "Invalid numeric HTML entity"),
    ],
)
def test_invalid_markup_is_rejected(source: str, detail: str) -> None:
    with pytest.raises(BotApiError) as raised:
        parse_html(source)

    assert raised.value.error_code == 400
    assert raised.value.description.startswith("Bad Request: can't parse entities: ")
    assert detail in raised.value.description


def test_error_reports_byte_offset() -> None:
    with pytest.raises(BotApiError, match="at byte offset 3"):
        parse_html("äb<br>")


def test_bot_command_entities_find_commands() -> None:
    assert bot_command_entities("/start abc") == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert bot_command_entities("see /help@test_bot") == [
        {"type": "bot_command", "offset": 4, "length": 14}
    ]
    assert bot_command_entities("a/b and http://x/y") == []
