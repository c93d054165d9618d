"""Fit HTML texts into Telegram messages: the helpers live in `reports.text_limits`.

The report's summary needs them outside `bot/`, so they moved; this module
keeps the old import path working for the interview views.
"""

from reports.text_limits import MESSAGE_LIMIT, shorten, split_blocks

__all__ = ["MESSAGE_LIMIT", "shorten", "split_blocks"]
