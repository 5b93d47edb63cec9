"""A refusal a person can fix: a stable code and an Indonesian message. The CLI exits 1 on it, the API answers
400 or 409 with both, a page shows the message. Each app names its own (FundingRefused, EnrolmentRefused,
ExchangeRefused, AnswerRefused) so a caller catches exactly the refusals of the step it took."""

from __future__ import annotations


class Refused(ValueError):
    # A ValueError: code that predates the named refusals (the API's 400 handler) still catches them.
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
