"""The busiest pages on a 390-pixel phone: nothing wider than the screen, the menu on its own row."""

from __future__ import annotations

import pytest

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.tests.browser import CHROMIUM, CHROMIUM_ARGS, running_jaring

pytestmark = pytest.mark.browser

PAGES = ["/", "/impor/", "/pekerja/", "/pekerja/?q=3328", "/pekerja/duplikat/", "/pekerja/pindah/", "/kalkulator/"]


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with running_jaring(tmp_path_factory.mktemp("phone")) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{url}/masuk/")
        page.fill("#id_username", "operator.tegal")
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button:has-text('Masuk')")
        page.wait_for_url(f"{url}/")
        yield url, page
        browser.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_the_phone(phone, path):
    url, page = phone
    page.goto(f"{url}{path}")
    wider = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wider <= 0, f"{path} scrolls sideways by {wider}px"


def test_the_menu_has_its_own_row_and_checkboxes_keep_their_size(phone):
    url, page = phone
    page.goto(f"{url}/impor/")
    brand, nav = page.locator(".brand").bounding_box(), page.locator("nav.nav").bounding_box()
    assert nav["y"] >= brand["y"] + brand["height"], "the menu starts below the brand, not beside it"
    assert page.locator("input[type=checkbox]").first.bounding_box()["width"] < 40
