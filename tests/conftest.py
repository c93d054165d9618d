"""Compile the translation catalogs once before any test, as the bot does at start."""

from catalogs.workflow import compile_catalogs


def pytest_sessionstart(session) -> None:
    compile_catalogs()
