from __future__ import annotations

import pytest

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.web.tests.browser import CHROMIUM, CHROMIUM_ARGS, running_jaring

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
