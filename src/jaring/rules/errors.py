"""The one exception the rules raise for bad input: a stable code and a message in both languages."""

from __future__ import annotations


class RuleInputError(ValueError):
    """Bad input to a rule: the CLI prints ``message_id`` and exits with status 2."""

    def __init__(self, code: str, message_id: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_id = message_id
        self.message_en = message_en

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "message_id": self.message_id, "message_en": self.message_en}
