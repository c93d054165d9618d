"""Fit HTML texts into Telegram messages."""

from __future__ import annotations

from html import escape

# Bot API, sendMessage: "1-4096 characters after entities parsing". Counting the
# characters before parsing (with tags and entities) is stricter, so always safe.
MESSAGE_LIMIT = 4096


def split_blocks(blocks: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join HTML blocks into as few messages as fit, breaking only between blocks or lines.

    Each block and each of its lines must be balanced HTML, so a break never
    falls inside a tag. A single line longer than `limit` raises ValueError.
    """
    messages: list[str] = []
    current = ""
    for piece in _pieces(blocks, limit):
        candidate = f"{current}\n\n{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
            continue
        messages.append(current)
        current = piece
    if current:
        messages.append(current)
    return messages


def shorten(text: str, length: int) -> str:
    """Cut plain text to `length` characters with an ellipsis, then escape it for HTML."""
    if len(text) <= length:
        return escape(text)
    return escape(text[: length - 1].rstrip()) + "…"


def _pieces(blocks: list[str], limit: int) -> list[str]:
    pieces: list[str] = []
    for block in blocks:
        if len(block) <= limit:
            pieces.append(block)
            continue
        pieces.extend(_lines_within(block, limit))
    return pieces


def _lines_within(block: str, limit: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for line in block.split("\n"):
        if len(line) > limit:
            raise ValueError(f"a line of {len(line)} characters cannot fit a message of {limit}")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = line
    if current:
        chunks.append(current)
    return chunks
