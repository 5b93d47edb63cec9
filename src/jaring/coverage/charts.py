"""Charts drawn on the server as SVG (ADR 0014): the page and the PDF embed the same markup, with no
JavaScript and nothing fetched. Bars with their values written on them, a target line, text in the
page's font; small enough to stay readable on a phone."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH, BAR, GAP, LEFT, TOP = 640, 26, 14, 210, 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # a ratio; None: not available
    note: str = ""


def _percent(value: Decimal) -> str:
    return f"{value * 100:.2f}%".replace(".", ",")


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
        parts.append(f'<text x="0" y="{y + BAR * 0.68:.0f}" fill="#1d2a33">{escape(bar.label)}</text>')
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{scale}" height="{BAR}" fill="#eef2f4"/>')
        if bar.value is None:
            parts.append(f'<text x="{LEFT + 6}" y="{y + BAR * 0.68:.0f}" fill="#5b6b76">tidak tersedia</text>')
            continue
        width = float(min(max(bar.value, Decimal(0)), Decimal(1))) * scale
        parts.append(f'<rect x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR}" fill="#0b6e4f"/>')
        parts.append(
            f'<text x="{LEFT + width + 6:.1f}" y="{y + BAR * 0.68:.0f}" fill="#1d2a33">{_percent(bar.value)}</text>'
        )
    if target is not None:
        x = LEFT + float(min(target, Decimal(1))) * scale
        bottom = TOP + len(bars) * (BAR + GAP) - GAP
        line = 'stroke="#9a6700" stroke-width="2" stroke-dasharray="5 3"'
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" {line}/>')
        label = f"{target_label} {_percent(target)}".strip()
        parts.append(f'<text x="{x:.1f}" y="{bottom + 18}" fill="#9a6700" text-anchor="middle">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
