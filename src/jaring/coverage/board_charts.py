"""The dashboard's charts as SVG markup (charts.py draws them): trend against target, coverage by segment,
sponsored workers by occupation and by sponsor, lapses per month, and each village's campaign progress."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from jaring.coverage.breakdowns import MonthLapses, Part
from jaring.coverage.charts import Bar, Count, bars_svg, columns_svg, counts_svg, trend_svg
from jaring.coverage.dashboard import Dashboard
from jaring.coverage.indicators import Figure

# Short labels: the chart's left column holds about 26 characters.
CHART_CODES = {
    "UCJ": "Semua segmen",
    "PU": "Penerima upah (PU)",
    "BPU": "Bukan penerima upah",
    "PU_POTENTIAL": "PU thd. potensi",
    "BPU_POTENTIAL": "BPU thd. potensi",
    "JAKON_POTENTIAL": "Jakon thd. potensi",
}


def segments_chart(figures: list[Figure]) -> str:
    by_code = {f.indicator.code: f for f in figures}
    ucj = by_code["UCJ"]
    bars = [Bar(label, by_code[code].value) for code, label in CHART_CODES.items()]
    return bars_svg("Cakupan kepesertaan menurut segmen", bars, ucj.target, "target")


def _parts(parts: list[Part]) -> list[Count]:
    return [Count(p.label, p.sponsored.value, str(p.sponsored), p.sponsored.suppressed) for p in parts]


def _lapses(months: list[MonthLapses]) -> list[Count]:
    return [Count(f"{m.month:%m/%y}", m.lapsed.value, str(m.lapsed), m.lapsed.suppressed) for m in months]


def occupation_chart(parts: list[Part]) -> str:
    return counts_svg("Pekerja didanai menurut pekerjaan", _parts(parts))


def sponsor_chart(parts: list[Part]) -> str:
    return counts_svg("Pekerja didanai menurut pemberi dana", _parts(parts))


def lapse_chart(months: list[MonthLapses]) -> str:
    return columns_svg("Kepesertaan terhenti per bulan", _lapses(months))


def board_charts(board: Dashboard) -> dict[str, SafeString]:
    charts = {
        "trend": trend_svg("Cakupan 12 bulan terakhir dan target", board.trend),
        "segments": segments_chart(board.figures),
        "occupations": occupation_chart(board.occupations),
        "sponsors": sponsor_chart(board.sponsors),
        "lapses": lapse_chart(board.lapses),
    }
    villages = [r for r in board.children if r.campaign is not None]
    if villages:
        bars = [
            Bar(r.name, None if r.sponsored.suppressed else r.campaign, "<5 pekerja" if r.sponsored.suppressed else "")
            for r in villages
        ]
        charts["campaign"] = bars_svg("1 desa 100 pekerja rentan: kemajuan tiap desa", bars)
    # Our own markup: every text in it is escaped by charts.py.
    return {name: mark_safe(svg) for name, svg in charts.items()}  # noqa: S308
