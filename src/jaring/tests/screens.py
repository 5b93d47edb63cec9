"""Every main page of Jaring, once, for the screenshot test (test_browser_screens.py). Add a page here.

``follow`` opens the first link matching that selector on ``path`` (an import job, a worker), so the list
needs no ids of the demo data.
"""

from __future__ import annotations

from dataclasses import dataclass

OPERATOR, VILLAGE, BPJS, AUDITOR, LEADER, ADMIN, SPONSOR = (
    "operator.tegal",
    "desa.prupukselatan",
    "bpjs.tegal",
    "auditor.tegal",
    "pimpinan.tegal",
    "admin.tegal",
    "csr.tegalmakmur",
)


@dataclass(frozen=True)
class Screen:
    name: str
    persona: str | None  # None: not signed in
    path: str
    follow: str = ""
    status: int = 200
    # A page of another area still showing a code: the test expects the failure until that area fixes it.
    known_gap: str = ""


SCREENS = [
    Screen("login", None, "/masuk/"),
    Screen("404-signed-out", None, "/tidak-ada/", status=404),
    Screen("home-operator", OPERATOR, "/"),
    Screen("home-village", VILLAGE, "/"),
    Screen("home-bpjs", BPJS, "/"),
    Screen("home-auditor", AUDITOR, "/"),
    Screen("home-leader", LEADER, "/"),
    Screen("home-admin", ADMIN, "/"),
    Screen("import", OPERATOR, "/impor/"),
    Screen("import-job", OPERATOR, "/impor/", follow="table a[href^='/impor/']"),
    Screen("workers", OPERATOR, "/pekerja/"),
    Screen("workers-search", OPERATOR, "/pekerja/?q=sri"),
    Screen("worker-detail", OPERATOR, "/pekerja/", follow="#worker-rows a[href^='/pekerja/']"),
    Screen("duplicates", OPERATOR, "/pekerja/duplikat/"),
    Screen("duplicate-confirm", OPERATOR, "/pekerja/duplikat/", follow="table a[href^='/pekerja/duplikat/']"),
    Screen("worker-new", OPERATOR, "/pekerja/baru/"),
    Screen("moves", OPERATOR, "/pekerja/pindah/"),
    Screen(
        "calculator",
        OPERATOR,
        "/kalkulator/?segment=bpu&on=2026-01-15&income=2000000&programs=jkk&programs=jkm&funder=apbd",
    ),
    Screen(
        "calculator-benefit",
        OPERATOR,
        "/kalkulator/manfaat/?kind=jkm&on=2026-01-15&segment=bpu&wage=2000000&contribution_months=12",
    ),
    Screen("calculator-late", OPERATOR, "/kalkulator/denda/?due=1000000&due_date=2025-07-15&paid_on=2025-09-20"),
    Screen("nik", OPERATOR, "/cek-nik/?nik=3602041211870001"),
    Screen("region", OPERATOR, "/wilayah/33.28/"),
    Screen("region-village", VILLAGE, "/wilayah/33.28.01/"),
    Screen("audit", AUDITOR, "/audit/"),
    Screen("tokens", OPERATOR, "/token/"),
    Screen("programmes", OPERATOR, "/program/"),
    Screen("programmes-sponsor", SPONSOR, "/program/"),
    Screen("programme-detail", OPERATOR, "/program/", follow="#programmes a[href^='/program/']"),
    Screen("programme-new", OPERATOR, "/program/baru/"),
    Screen("sponsors", OPERATOR, "/program/sponsor/"),
    # The administrator's view adds who speaks for each sponsor, with the forms that link and unlink them.
    Screen("sponsors-admin", ADMIN, "/program/sponsor/"),
    # The demo's first programme is Tegal's of the year (demo/funding.py), number 1 in a fresh database.
    Screen("plan", OPERATOR, "/program/1/rencana/"),
    Screen("plan-whatif", OPERATOR, "/program/1/rencana/?budget=300000000&months=6&package=bpu-jht"),
    Screen("plan-village", VILLAGE, "/program/1/rencana/?budget=100000000"),
    Screen("cohort-review", OPERATOR, "/program/1/kohort/bangun/"),
    # The demo's first programme (Perlindungan Pekerja Rentan Kabupaten Tegal): its cohort pages (issue 10).
    Screen("cohort", OPERATOR, "/program/1/kohort/"),
    Screen("cohort-village", VILLAGE, "/program/1/kohort/"),
    Screen("cohort-funnel", OPERATOR, "/program/1/kohort/susut/"),
    Screen("cohort-funnel-source", OPERATOR, "/program/1/kohort/susut/?by=source"),
    Screen("bpjs-exchange", OPERATOR, "/program/1/bpjs/"),
    Screen("bpjs-layout", ADMIN, "/program/1/bpjs/tata-letak/"),
    # Prupuk Selatan's meeting list holds over 200 names in the demo: prepared as a job, not in the request.
    Screen("village-list-job", OPERATOR, "/program/1/dokumen/desa/33.28.01.2001.pdf"),
    # The money cycle (issue 11): the demo's year billed and paid, the January gap ahead, a village behind.
    Screen("continuity", OPERATOR, "/tagihan/kelangsungan/"),
    Screen("continuity-leader", LEADER, "/tagihan/kelangsungan/"),
    Screen("village-arrears", OPERATOR, "/tagihan/tunggakan-desa/"),
    # "How far are we?" (issue 12): the regency in the month BPJS's published rates come from, a district.
    Screen("coverage-leader", LEADER, "/cakupan/33.28/?bulan=2024-10"),
    Screen("coverage-district", OPERATOR, "/cakupan/33.28.01/"),
    # Published rates beside ours: Tegal's were printed without counts; Bekasi's "46%" is not what 700,000 /
    # 1,500,000 gives, and shows flagged.
    Screen("published-leader", LEADER, "/cakupan/33.28/angka-terbit/"),
    Screen("published-bekasi", "operator.bekasi", "/cakupan/32.16/angka-terbit/"),
    # The regency's own RPJMD targets, as its operator enters them.
    Screen("coverage-targets", OPERATOR, "/cakupan/33.28/target/"),
    # The leader's drill-down below his home page: a district's villages and the campaign, then one village.
    Screen("coverage-district-leader", LEADER, "/cakupan/33.28.01/"),
    Screen("coverage-village-leader", LEADER, "/cakupan/33.28.01.2001/"),
    # Bills and payments (issue 11): the sums per sponsor, as each reader sees them, the run form, one sponsor.
    Screen("billing", OPERATOR, "/tagihan/"),
    Screen("billing-leader", LEADER, "/tagihan/"),
    Screen("billing-sponsor", SPONSOR, "/tagihan/"),
    Screen("billing-run", OPERATOR, "/tagihan/buat/"),
    Screen("billing-sponsor-bills", OPERATOR, "/tagihan/", follow="#sponsor-sums a[href^='/tagihan/sponsor/']"),
    Screen("billing-payments", OPERATOR, "/tagihan/", follow="#sponsor-sums a[href$='/pembayaran/']"),
    Screen("403", LEADER, "/pekerja/", status=403),
    Screen("404", OPERATOR, "/tidak-ada/", status=404),
]
