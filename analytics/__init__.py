"""Questionnaire statistics: where respondents struggle, per question and per language.

Pure computation on stored activity, with no Telegram and no SQL:
`observations` reads one assessment, `measures` aggregates and ranks the
questions, `tables` turns the figures into rows and CSV.
"""
