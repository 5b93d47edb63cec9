"""Shared fixtures: the Kemendagri regions loaded once per test session, and the named personas of
style.md §10 (built fresh in each test's transaction)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from jaring.accounts.personas import DEMO_PASSWORD, PERSONAS

# own_database: a committed database for tests that run real processes.
pytest_plugins = ["jaring.tests.own_database", "jaring.billing.tests.cohort"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    from jaring.regions.services import regions_load_kemendagri
    from jaring.registry.occupations import occupations_load

    with django_db_blocker.unblock():
        regions_load_kemendagri()
        occupations_load()
    return


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is the production hasher (asserted in accounts tests); tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_persona(db: None) -> Callable[[str], Any]:
    from jaring.accounts.models import User
    from jaring.accounts.services import user_create

    def make(username: str) -> User:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            return existing
        p = PERSONAS[username]
        return user_create(
            username=p.username,
            password=DEMO_PASSWORD,
            role=p.role,
            region_code=p.region_code,
            full_name=p.full_name,
            organisation=p.organisation,
        )

    return make


@pytest.fixture
def tegal_operator(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("operator.tegal")


@pytest.fixture
def village_operator(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("desa.prupukselatan")


@pytest.fixture
def bpjs_officer(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("bpjs.tegal")


@pytest.fixture
def auditor(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("auditor.tegal")


@pytest.fixture
def leader(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("pimpinan.tegal")


@pytest.fixture
def tegal_admin(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("admin.tegal")


@pytest.fixture
def sponsor_user(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("csr.tegalmakmur")


@pytest.fixture
def bekasi_operator(make_persona: Callable[[str], Any]) -> Any:
    return make_persona("operator.bekasi")


@pytest.fixture
def client_for() -> Callable[[Any], Client]:
    def make(user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
