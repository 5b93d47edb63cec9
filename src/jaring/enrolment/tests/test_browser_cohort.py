"""Issue 10's browser path, as Tegal's Disnaker operator on the demo: a what-if on the planner, the cohort
built by the job worker of `jaring serve`, and the registration file for BPJS downloaded and read."""

from __future__ import annotations

import re
import sqlite3

import polars as pl
import pytest

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.tests.browser import CHROMIUM, CHROMIUM_ARGS, running_jaring

pytestmark = pytest.mark.browser

# The demo's first programme is Tegal's of the year (demo/funding.py), number 1 in a fresh database. Its
# answer from BPJS cancelled 76 of 2.500: the budget they free is what a new build proposes.
PROGRAMME = 1


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("cohort")
    with running_jaring(folder) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield url, browser, folder / "browser.sqlite3"
        browser.close()


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_operator_runs_a_what_if_builds_the_cohort_and_downloads_the_registration_file(site, tmp_path):
    from playwright.sync_api import expect

    url, browser, database = site
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{url}/masuk/")
    page.fill("#id_username", "operator.tegal")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{url}/")

    # What-if: the same budget for half the months protects more workers; the page answers without a submit.
    page.goto(f"{url}/program/{PROGRAMME}/rencana/")
    saved = _number(page.locator("#plan-workers").inner_text())
    assert saved == 2500
    page.fill("#id_months", "6")
    page.wait_for_selector("#plan-result [role=status]")
    expect(page.locator("#plan-workers")).not_to_have_text("2.500")
    assert _number(page.locator("#plan-workers").inner_text()) > saved
    # A smaller budget for the same half year: fewer again, and the money left over is shown.
    page.fill("#id_budget", "100000000")
    # Rp 100.000.000 / (6 months × Rp 16.800, JKK and JKM of the lowest income band) = 992 workers.
    expect(page.locator("#plan-workers")).to_have_text("992")
    assert "Rp 16.800" in page.locator("#plan-result").inner_text()
    assert "months=6" in page.url
    assert "budget=100000000" in page.url

    # The build is a queued job; `jaring serve`'s worker runs it and the job page polls until it ends.
    page.goto(f"{url}/program/{PROGRAMME}/kohort/bangun/")
    to_propose = _number(page.locator("#build-form .hint").inner_text().split()[0])
    assert to_propose > 0
    page.click("#build-form button[type=submit]")
    page.wait_for_url(f"**/program/{PROGRAMME}/kohort/tugas/*/")
    page.wait_for_selector("#cohort-summary", timeout=60_000)
    summary = page.locator("#cohort-summary").inner_text()
    built = re.search(r"Kohort dibangun: ([\d.]+) pekerja", summary)
    assert built is not None
    proposed = _number(built.group(1))
    assert proposed == to_propose

    # The registration file: another job, then its download.
    page.goto(f"{url}/program/{PROGRAMME}/bpjs/")
    page.click("#export button[type=submit]")
    page.wait_for_url(f"**/program/{PROGRAMME}/bpjs/tugas/*/")
    page.wait_for_selector("#job-summary", timeout=60_000)
    assert f"Berkas pendaftaran selesai: {proposed} pekerja" in page.locator("#job-summary").inner_text()
    with page.expect_download() as download:
        page.click("#job-file")
    saved_file = tmp_path / "pendaftaran.xlsx"
    download.value.save_as(saved_file)

    sheet = pl.read_excel(saved_file, sheet_id=1, infer_schema_length=0)
    assert {"NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Kode Desa"} <= set(sheet.columns)
    assert sheet.height == proposed
    # One row per member the build proposed (now sent to BPJS), and no one else.
    with sqlite3.connect(database) as db:
        sent = {
            nik
            for (nik,) in db.execute(
                "SELECT w.nik FROM enrolment_membership m JOIN registry_worker w ON w.id = m.worker_id "
                "WHERE m.programme_id = ? AND m.status = 'submitted'",
                (PROGRAMME,),
            )
        }
    assert len(sent) == proposed
    assert set(sheet["NIK"].to_list()) == sent
