"""Translation catalogs: extract, update, compile and check the gettext files in `locales/`.

Two domains: `messages` for the bot's own texts (extracted from the Python
sources) and `questionnaire` for the texts of the questionnaire files.
"""
