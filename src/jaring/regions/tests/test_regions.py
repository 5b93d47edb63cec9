from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from jaring.regions.codes import InvalidRegionCode, normalize_region_code
from jaring.regions.models import Region
from jaring.regions.selectors import (
    RegionAmbiguous,
    RegionNotFound,
    region_ancestors,
    region_descendants,
    region_find_by_name,
    region_get,
)
from jaring.regions.services import regions_load_kemendagri

pytestmark = pytest.mark.django_db


def test_kemendagri_2025_counts_by_level():
    counts = {level: Region.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 38, 2: 514, 3: 7285, 4: 83762}


def test_second_load_changes_nothing():
    before = Region.objects.count()
    result = regions_load_kemendagri()
    assert result.loaded is False
    assert Region.objects.count() == before


def test_forced_reload_is_an_upsert():
    Region.objects.filter(code="33.28").update(name="Tegal (salah)")
    result = regions_load_kemendagri(force=True)
    assert result.loaded is True
    assert Region.objects.get(code="33.28").name == "Kabupaten Tegal"
    assert Region.objects.count() == 38 + 514 + 7285 + 83762


@pytest.mark.parametrize(
    ("code", "name", "level", "type_", "parent"),
    [
        ("33", "Jawa Tengah", 1, "provinsi", None),
        ("33.28", "Kabupaten Tegal", 2, "kabupaten", "33"),
        ("33.76", "Kota Tegal", 2, "kota", "33"),
        ("33.28.01", "Margasari", 3, "kecamatan", "33.28"),
        ("33.28.01.2001", "Prupuk Selatan", 4, "desa", "33.28.01"),
        ("91.03.01", None, 3, "distrik", "91.03"),
    ],
)
def test_region_rows(code, name, level, type_, parent):
    region = Region.objects.get(code=code)
    assert (region.level, region.type, region.parent_id) == (level, type_, parent)
    if name:
        assert region.name == name


def test_villages_carry_postal_codes():
    assert Region.objects.get(code="33.28.01.2001").postal_code.isdigit()
    assert not Region.objects.filter(level=4, postal_code="").exists()


@pytest.mark.parametrize(
    ("typed", "parent", "expected"),
    [
        ("Kabupaten Tegal", "33", "33.28"),
        ("Kab. Tegal", "33", "33.28"),
        ("KAB TEGAL", "33", "33.28"),
        ("kab.tegal", "33", "33.28"),
        ("Kota Tegal", "33", "33.76"),
        ("  kota   tegal ", "33", "33.76"),
        ("Kec. Margasari", "33.28", "33.28.01"),
        ("Kecamatan Margasari", "33.28", "33.28.01"),
        ("Margasari", "33.28", "33.28.01"),
        ("Ds. Prupuk Selatan", "33.28.01", "33.28.01.2001"),
        ("Desa Prupuk Selatan", "33.28.01", "33.28.01.2001"),
        ("Kota Adm. Jakarta Selatan", "31", "31.74"),
        ("Bekasi", "32", None),  # Kabupaten and Kota Bekasi: ambiguous
        ("Cilacap", "33", "33.01"),  # only a Kabupaten exists
    ],
)
def test_find_by_name_never_confuses_kabupaten_and_kota(typed, parent, expected):
    parent_region = region_get(parent)
    if expected is None:
        with pytest.raises(RegionAmbiguous) as exc:
            region_find_by_name(typed, parent=parent_region)
        assert "ambigu" in exc.value.message
        return
    assert region_find_by_name(typed, parent=parent_region).code == expected


def test_tegal_without_prefix_is_ambiguous_not_guessed():
    with pytest.raises(RegionAmbiguous) as exc:
        region_find_by_name("Tegal", parent=region_get("33"))
    assert {r.code for r in exc.value.candidates} == {"33.28", "33.76"}


def test_unknown_name_says_where_it_looked():
    with pytest.raises(RegionNotFound) as exc:
        region_find_by_name("Atlantis", parent=region_get("33.28"))
    assert exc.value.message == "Wilayah 'Atlantis' tidak ditemukan di Kabupaten Tegal."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3328", "33.28"),
        ("33.28", "33.28"),
        ("33 28 01", "33.28.01"),
        ("3328012001", "33.28.01.2001"),
        ("33", "33"),
    ],
)
def test_code_normalisation(raw, expected):
    assert normalize_region_code(raw) == expected


@pytest.mark.parametrize("raw", ["3", "332", "33.2", "abc", "33.28.01.20011", ""])
def test_malformed_codes_are_refused_in_indonesian(raw):
    with pytest.raises(InvalidRegionCode) as exc:
        normalize_region_code(raw)
    assert "tidak sah" in str(exc.value)


def test_unknown_code_is_not_found():
    with pytest.raises(RegionNotFound) as exc:
        region_get("33.99")
    assert exc.value.message == "Wilayah dengan kode 33.99 tidak ditemukan dalam data Kemendagri."


def test_ancestors_and_descendants():
    village = region_get("33.28.01.2001")
    assert [r.code for r in region_ancestors(village)] == ["33", "33.28", "33.28.01"]
    tegal = region_get("33.28")
    assert region_descendants(tegal, level=3).count() == 18
    assert not region_descendants(tegal).filter(code__startswith="33.76").exists()


def test_database_refuses_an_orphan_regency():
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="99.01", level=2, type="kabupaten", name="X", match_name="x")


def test_database_refuses_code_of_wrong_length_for_level():
    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="33.28.1", level=3, type="kecamatan", parent_id="33.28", name="X", match_name="x")
