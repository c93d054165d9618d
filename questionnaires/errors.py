"""Errors the interview engine raises for answers a question cannot take."""


class InvalidAnswer(Exception):
    """An answer the question cannot take; `reason` is a message key, `params` fill it in."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params
