"""The city's assessment report: summary message, radar chart and PDF.

Nothing here imports Telegram or speaks SQL. `build_report_files` turns a
submitted assessment into everything the bot sends, in one language.
"""
