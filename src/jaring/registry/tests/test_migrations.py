"""Data migrations run against the current models too: their functions are plain code."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from jaring.registry.models import Worker

pytestmark = pytest.mark.django_db


def test_name_keys_are_filled_for_workers_registered_before_them():
    fill_name_keys = import_module("jaring.registry.migrations.0002_worker_name_key").fill_name_keys
    now = timezone.now()
    for nik, name in [("3328015203900001", "mochammad joesoef"), ("3328015203900002", "siti aminah")]:
        Worker.objects.create(
            nik=nik, name=name, search_name=name, sex="F", village_id="33.28.01.2001", created_at=now, updated_at=now
        )
    assert set(Worker.objects.values_list("name_key", flat=True)) == {""}
    fill_name_keys(apps, None)
    assert dict(Worker.objects.values_list("nik", "name_key")) == {
        "3328015203900001": "muhamat yusup",
        "3328015203900002": "amina siti",
    }
