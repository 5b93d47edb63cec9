"""Charts drawn on the server as SVG (ADR 0014): the page and the PDF embed the same markup, with no
JavaScript and nothing fetched. Bars with their values written on them, a target line, text in the
page's font; small enough to stay readable on a phone."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from jaring.coverage.shown import percent

WIDTH, BAR, GAP, LEFT, TOP = 640, 26, 14, 210, 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # a ratio; None: not available
    note: str = ""


def _short(label: str, room: int = 27) -> str:
    """The left column holds about 27 characters of the page's font."""
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def bars_svg(title: str, bars: list[Bar], target: Decimal | None = None, target_label: str = "") -> str:
    """Horizontal bars from 0 to 100%, a dashed target line; an unavailable value says so instead of a bar."""
    scale = WIDTH - LEFT - 70
    height = TOP + len(bars) * (BAR + GAP) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" font-size="13">',
        f'<text x="0" y="16" font-weight="bold" fill="#1d2a33">{escape(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = TOP + i * (BAR + GAP)
        parts.append(f'<text x="0" y="{y + BAR * 0.68:.0f}" fill="#1d2a33">{escape(_short(bar.label))}</text>')
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{scale}" height="{BAR}" fill="#eef2f4"/>')
        if bar.value is None:
            note = escape(bar.note or "tidak tersedia")
            parts.append(f'<text x="{LEFT + 6}" y="{y + BAR * 0.68:.0f}" fill="#5b6b76">{note}</text>')
            continue
        width = float(min(max(bar.value, Decimal(0)), Decimal(1))) * scale
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" fill="#0b6e4f"/>')
        parts.append(
            f'<text x="{LEFT + width + 6:.1f}" y="{y + BAR * 0.68:.0f}" fill="#1d2a33">{percent(bar.value)}</text>'
        )
    if target is not None:
        x = LEFT + float(min(target, Decimal(1))) * scale
        bottom = TOP + len(bars) * (BAR + GAP) - GAP
        line = 'stroke="#9a6700" stroke-width="2" stroke-dasharray="5 3"'
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" {line}/>')
        label = f"{target_label} {percent(target)}".strip()
        parts.append(f'<text x="{x:.1f}" y="{bottom + 18}" fill="#9a6700" text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Point:
    label: str  # the month, "01/26"
    value: Decimal | None
    target: Decimal | None = None


def trend_svg(title: str, points: list[Point]) -> str:
    """A line of the value by month against the dashed target line; the scale runs to the highest of them."""
    height, left, bottom, right = 240, 44, 200, WIDTH - 16
    known = [p.value for p in points if p.value is not None] + [p.target for p in points if p.target is not None]
    top_value = max([Decimal("0.05"), *known]) * Decimal("1.15")
    step = (right - left) / max(1, len(points) - 1)

    def y(value: Decimal) -> float:
        return bottom - float(value / top_value) * (bottom - 30)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<text x="0" y="16" font-weight="bold" font-size="13" fill="#1d2a33">{escape(title)}</text>',
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#d8e0e5"/>',
    ]
    for fraction in (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1)):
        mark = top_value * fraction / Decimal("1.15")
        parts.append(f'<text x="0" y="{y(mark) + 4:.0f}" fill="#5b6b76">{percent(mark)}</text>')
        parts.append(f'<line x1="{left}" y1="{y(mark):.1f}" x2="{right}" y2="{y(mark):.1f}" stroke="#eef2f4"/>')
    for name, colour, dash in (("target", "#9a6700", ' stroke-dasharray="5 3"'), ("value", "#0b6e4f", "")):
        path: list[str] = []
        for i, p in enumerate(points):
            v = p.target if name == "target" else p.value
            if v is None:
                continue
            path.append(f"{'M' if not path else 'L'}{left + i * step:.1f},{y(v):.1f}")
        if path:
            parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>')
    for i, p in enumerate(points):
        x = left + i * step
        if p.value is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{y(p.value):.1f}" r="3" fill="#0b6e4f"/>')
        if i % 2 == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{x:.1f}" y="{bottom + 16}" fill="#5b6b76" text-anchor="middle">{escape(p.label)}</text>'
            )
    last = next((p for p in reversed(points) if p.value is not None), None)
    if last is not None and last.value is not None:
        at = f'x="{right}" y="{y(last.value) - 8:.1f}"'
        parts.append(f'<text {at} fill="#0b6e4f" text-anchor="end">{percent(last.value)}</text>')
    parts.append(f'<text x="{left}" y="{height - 4}" fill="#5b6b76">── cakupan   - - - target</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Count:
    label: str
    value: int
    text: str  # as shown: "2.500", or "<5" when withheld
    withheld: bool = False


def _svg_open(title: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" font-size="13">',
        f'<text x="0" y="16" font-weight="bold" fill="#1d2a33">{escape(title)}</text>',
    ]


def counts_svg(title: str, counts: list[Count], empty: str = "belum ada data") -> str:
    """Horizontal bars of counts scaled to the largest; a withheld count is written, never drawn."""
    scale = WIDTH - LEFT - 80
    height = TOP + max(1, len(counts)) * (BAR + GAP) + 6
    parts = _svg_open(title, height)
    if not counts:
        parts.append(f'<text x="0" y="{TOP + BAR * 0.68:.0f}" fill="#5b6b76">{escape(empty)}</text>')
    top = max([c.value for c in counts if not c.withheld] + [1])
    for i, c in enumerate(counts):
        y = TOP + i * (BAR + GAP)
        parts.append(f'<text x="0" y="{y + BAR * 0.68:.0f}" fill="#1d2a33">{escape(_short(c.label))}</text>')
        width = 0.0 if c.withheld else c.value / top * scale
        if width:
            parts.append(f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" fill="#0b6e4f"/>')
        at = f'x="{LEFT + width + 6:.1f}" y="{y + BAR * 0.68:.0f}"'
        parts.append(f'<text {at} fill="#1d2a33">{escape(c.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns_svg(title: str, counts: list[Count], colour: str = "#b3261e") -> str:
    """One column a month (lapses), its count written above it; a withheld count is written, never drawn."""
    height, left, bottom, right = 220, 8, 180, WIDTH - 8
    step = (right - left) / max(1, len(counts))
    top = max([c.value for c in counts if not c.withheld] + [1])
    parts = _svg_open(title, height)
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#d8e0e5"/>')
    for i, c in enumerate(counts):
        x = left + i * step
        tall = 0.0 if c.withheld else c.value / top * (bottom - 50)
        if tall:
            parts.append(
                f'<rect x="{x + step * 0.15:.1f}" y="{bottom - tall:.1f}" width="{step * 0.7:.1f}" '
                f'height="{tall:.1f}" fill="{colour}"/>'
            )
        middle = f"{x + step / 2:.1f}"
        parts.append(
            f'<text x="{middle}" y="{bottom - tall - 5:.1f}" fill="#1d2a33" text-anchor="middle" font-size="11">'
            f"{escape(c.text)}</text>"
        )
        parts.append(
            f'<text x="{middle}" y="{bottom + 16}" fill="#5b6b76" text-anchor="middle" font-size="11">'
            f"{escape(c.label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
