"""Builds the demo region: Kabupaten Tegal with its people. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from jaring.accounts.models import User
from jaring.accounts.personas import DEMO_PASSWORD, PERSONAS, Persona
from jaring.accounts.services import user_create


@dataclass(frozen=True)
class DemoUser:
    persona: Persona
    created: bool


def demo_load() -> list[DemoUser]:
    existing = set(User.objects.filter(username__in=PERSONAS).values_list("username", flat=True))
    result = []
    for persona in PERSONAS.values():
        if persona.username not in existing:
            user_create(
                username=persona.username,
                password=DEMO_PASSWORD,
                role=persona.role,
                region_code=persona.region_code,
                full_name=persona.full_name,
                organisation=persona.organisation,
            )
        result.append(DemoUser(persona, created=persona.username not in existing))
    return result
