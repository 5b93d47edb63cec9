"""Every main page at 1280×800 and 390×844: no sideways scroll, no raw English or code on the page (issue 9).

With ``JARING_SCREENSHOTS=<folder>`` each page is saved as ``<page>-desktop.jpg`` and ``<page>-phone.jpg`` (JPEG at
quality 70: a tenth of the PNG's size, text still sharp enough to read; docs/screenshots/ keeps them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.tests.browser import CHROMIUM, CHROMIUM_ARGS, running_jaring
from jaring.tests.screens import OPERATOR, SCREENS, Screen

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Words of the code showing through on an Indonesian page: Python values, English status and role codes.
DENY = re.compile(
    r"\b(None|True|False|nan|Traceback|participant|lump_sum|employer|pending|queued|running|succeeded"
    r"|village_operator|bpjs_officer)\b"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with running_jaring(tmp_path_factory.mktemp("screens")) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        pages: dict[str | None, object] = {}

        def page_for(persona: str | None):
            if persona not in pages:
                page = browser.new_context().new_page()
                if persona:
                    page.goto(f"{url}/masuk/")
                    page.fill("#id_username", persona)
                    page.fill("#id_password", DEMO_PASSWORD)
                    page.click("button:has-text('Masuk')")
                    page.wait_for_url(f"{url}/")
                pages[persona] = page
            return pages[persona]

        yield url, page_for
        browser.close()


def _params() -> list[object]:
    return [
        pytest.param(s, id=s.name, marks=[pytest.mark.xfail(reason=s.known_gap, strict=False)] if s.known_gap else [])
        for s in SCREENS
    ]


@pytest.mark.parametrize("screen", _params())
def test_page_fits_the_screen_and_speaks_indonesian(site, screen: Screen):
    url, page_for = site
    page = page_for(screen.persona)
    folder = os.environ.get("JARING_SCREENSHOTS")
    for device, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        response = page.goto(f"{url}{screen.path}")
        if screen.follow:
            page.locator(screen.follow).first.click()
            page.wait_for_load_state()
        else:
            assert response.status == screen.status
        page.wait_for_load_state("networkidle")
        wider = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wider <= 0, f"{screen.name} scrolls sideways by {wider}px on the {device}"
        text = page.locator("body").inner_text()
        assert not DENY.findall(text), f"{screen.name}: {sorted(set(DENY.findall(text)))}"
        assert page.locator("html").get_attribute("lang") == "id"
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{screen.name}-{device}.jpg"), full_page=True, quality=70)


def test_the_phone_menu_is_one_compact_row(site):
    url, page_for = site
    page = page_for(OPERATOR)  # the longest menu
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(f"{url}/")
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] <= 844 / 8, f"the header takes {header['height']}px of an 844px screen"
    tops = page.locator("nav.nav a").evaluate_all("links => links.map(a => a.getBoundingClientRect().top)")
    assert len(set(tops)) == 1, "every menu item on one row (it scrolls sideways inside itself)"
    wider = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wider <= 0


def test_a_refused_htmx_request_replaces_the_page_with_the_403_card(site):
    url, page_for = site
    page = page_for(OPERATOR)
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(f"{url}/cek-nik/")
    # An operator may not read the audit trail: the answer is a 403 that htmx must show, not drop.
    page.evaluate("htmx.ajax('GET', '/audit/', {target: '#nik-result'})")
    page.wait_for_selector("main #error-403")
    assert "Akses ditolak" in page.locator("main").inner_text()
    assert page.locator("header.topbar").count() == 1


def test_a_signed_out_htmx_request_opens_the_login_page(site):
    url, page_for = site
    page = page_for(OPERATOR).context.browser.new_context().new_page()
    page.goto(f"{url}/masuk/")
    # Not awaiting htmx's promise: the redirect it causes may destroy the page before it settles.
    page.evaluate("() => { htmx.ajax('GET', '/cek-nik/?nik=3602041211870001', {target: 'main'}); }")
    page.wait_for_url("**/masuk/?next=**")
    assert page.locator("section.card.narrow h1").inner_text() == "Masuk ke Jaring"
