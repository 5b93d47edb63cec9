"""Issue 12's browser path, as Tegal's Bupati on the demo: his home page is the dashboard; he drills down to
a district and one of its villages, downloads the PDF, and its first page carries the chart (rendered with
poppler's pdftoppm, installed by `make pdf-deps`)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from jaring.accounts.personas import DEMO_PASSWORD
from jaring.tests.browser import CHROMIUM, CHROMIUM_ARGS, running_jaring

pytestmark = pytest.mark.browser

BAR = (11, 110, 79)  # charts.py's bar colour, #0b6e4f


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with running_jaring(tmp_path_factory.mktemp("dashboard")) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield url, browser
        browser.close()


def _bar_pixels(png) -> tuple[int, int, int]:
    """How many pixels of the bar colour the page has, and the first and last row holding one."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    width = image.width
    raw = image.tobytes()  # RGB, three bytes a pixel, row after row
    rows = []
    count = 0
    for y in range(image.height):
        line = raw[y * width * 3 : (y + 1) * width * 3]
        found = sum(1 for x in range(0, len(line), 3) if all(abs(line[x + i] - BAR[i]) <= 12 for i in range(3)))
        if found:
            rows.append(y)
            count += found
    return count, (rows[0] if rows else -1), (rows[-1] if rows else -1)


def test_leader_drills_down_to_a_village_and_downloads_the_pdf_with_its_chart(site, tmp_path):
    url, browser = site
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{url}/masuk/")
    page.fill("#id_username", "pimpinan.tegal")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{url}/")

    # The home page is the regency's dashboard, its charts drawn on the server.
    assert "Cakupan kepesertaan Kabupaten Tegal" in page.locator("#dashboard h2").first.inner_text()
    assert page.locator("#dashboard svg").count() >= 5
    assert "%" in page.locator("#dashboard .tiles").first.inner_text()

    # Regency → district: Margasari, with each village's campaign progress.
    page.locator("#regions a", has_text="Margasari").click()
    page.wait_for_url("**/cakupan/33.28.01/**")
    assert page.locator("#chart-campaign svg").is_visible()
    assert "Prupuk Selatan" in page.locator("#regions").inner_text()

    # District → village: Prupuk Selatan's sponsored workers and its progress to 100.
    page.locator("#regions a", has_text="Prupuk Selatan").click()
    page.wait_for_url("**/cakupan/33.28.01.2001/**")
    assert "Prupuk Selatan" in page.locator("h1").inner_text()
    assert page.locator("#campaign strong").inner_text().endswith("%")

    # Back home, the PDF of the regency.
    page.goto(f"{url}/")
    with page.expect_download() as caught:
        page.click("#download-pdf")
    pdf = tmp_path / "laporan.pdf"
    caught.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: `make pdf-deps` installs poppler-utils"
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "halaman")],
        check=True,
        timeout=60,
    )
    (png,) = tmp_path.glob("halaman*.png")
    count, top, bottom = _bar_pixels(png)
    # The segment chart's bars: a few hundred pixels of its colour, below the headline, on page one.
    assert count > 300, count
    from PIL import Image

    height = Image.open(png).height
    assert height * 0.15 < top < bottom < height * 0.9, (top, bottom, height)
