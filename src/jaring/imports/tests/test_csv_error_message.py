"""Finding 8 of issue 8: a CSV that Polars cannot parse is refused with a row-free Indonesian message;
nothing of the rows reaches the log or the job page (not even in the exception's cause)."""

from __future__ import annotations

import traceback

import pytest

from jaring.imports.headers import FileRejected
from jaring.imports.reader import read_table

NIK = "3328015203900001"


def test_unparsable_csv_is_refused_without_row_data(tmp_path):
    path = tmp_path / "daftar.csv"
    path.write_text(f'nik,nama,desa\n{NIK},"Siti Aminah,3328012001\n3328015203900002,Budi,3328012001\n')
    with pytest.raises(FileRejected) as caught:
        read_table(path)
    assert caught.value.code == "FILE.UNREADABLE"
    assert "tanda kutip" in caught.value.message
    logged = "".join(traceback.format_exception(caught.value))
    assert NIK not in logged
    assert "Siti" not in logged
