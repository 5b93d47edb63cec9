from __future__ import annotations

import pytest

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.tests.browser import CHROMIUM, CHROMIUM_ARGS, running_jaring

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def jaring_url(tmp_path_factory):
    with running_jaring(tmp_path_factory.mktemp("browser")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def test_tegal_operator_logs_in_switches_language_and_sees_home(browser, jaring_url, tmp_path):
    page = browser.new_page()
    page.goto(f"{jaring_url}/")
    assert "/masuk/" in page.url
    page.fill("#id_username", "operator.tegal")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{jaring_url}/")
    assert page.locator("h1").inner_text() == "Selamat datang, Siti Rahmawati"
    assert "Kabupaten Tegal" in page.locator("section.card").first.inner_text()

    page.click(".lang button[value=en]")
    page.wait_for_selector("text=Your region")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Welcome, Siti Rahmawati"
    page.screenshot(path=str(tmp_path / "home-en.png"), full_page=True)

    page.goto(f"{jaring_url}/cek-nik/")
    page.fill("#nik", "3602041211870001")
    page.wait_for_selector("#nik-result .card.ok")
    assert "Kabupaten Lebak" in page.locator("#nik-result").inner_text()


def test_operator_uploads_messy_file_watches_progress_downloads_report(browser, jaring_url, tmp_path):
    from jaring.demo.villages import Village, write_village_file

    messy = tmp_path / "daftar desa kaligayam.xlsx"
    write_village_file(messy, Village("33.28.01.2002", "Kaligayam", "Margasari"), 400, seed=7)
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{jaring_url}/masuk/")
    page.fill("#id_username", "operator.tegal")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{jaring_url}/")

    page.goto(f"{jaring_url}/impor/")
    page.set_input_files("#id_file", str(messy))
    page.fill("#id_source", "Musdes Kaligayam 2026")
    page.click("form button[type=submit]:has-text('Impor')")
    page.wait_for_url("**/impor/*/")
    # The status block polls itself with htmx until the job ends, then shows the summary.
    page.wait_for_selector("#job-summary", timeout=60_000)
    summary = page.locator("#job-summary").inner_text()
    assert "Impor selesai" in summary
    assert "NIK.PRECISION" in summary
    with page.expect_download() as download:
        page.click("#report-link")
    report = tmp_path / "laporan.xlsx"
    download.value.save_as(report)
    assert report.read_bytes()[:2] == b"PK"
    page.goto(f"{jaring_url}/pekerja/?source=Musdes+Kaligayam+2026")
    assert "332801******" in page.locator("#worker-rows").inner_text()


def test_operator_bills_a_month_records_a_payment_and_sees_the_arrears_fall(browser, jaring_url):
    """Issue 11: the month billed from the page (a job with progress), a payment recorded on the page, typed
    as people type it, and the sponsor's arrears lower by exactly that much."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()  # the server's day (settings.TIME_ZONE)
    page = browser.new_page()
    page.goto(f"{jaring_url}/masuk/")
    page.fill("#id_username", "operator.tegal")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{jaring_url}/")
    page.click("nav >> text=Tagihan")
    page.click("text=Buat tagihan")
    page.fill("#id_month", f"{today.year}-01")
    page.click("#run-form button[type=submit]")
    page.wait_for_url("**/tagihan/tugas/*/")
    page.wait_for_selector("#run-summary", timeout=120_000)
    assert "tagihan, jumlah Rp" in page.locator("#run-summary").inner_text()

    page.goto(f"{jaring_url}/tagihan/")
    owing = [
        row for row in page.locator("#sponsor-sums tbody tr").all() if row.locator("td").nth(4).inner_text() != "Rp 0"
    ]
    assert owing, "the month just billed leaves a sponsor owing"
    owing[0].locator("a:has-text('Pembayaran')").click()
    page.wait_for_url("**/pembayaran/")

    def arrears() -> int:
        return int(page.locator("#arrears").inner_text().removeprefix("Rp ").replace(".", ""))

    before = arrears()
    page.fill("#id_paid_on", today.isoformat())
    page.fill("#id_amount", "1.000")
    page.fill("#id_reference", "Transfer uji peramban")
    page.click("#payment-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Pembayaran Rp 1.000 dicatat" in page.locator(".messages").inner_text()
    assert arrears() == before - 1_000
    assert "Transfer uji peramban" in page.locator("#payments").inner_text()
