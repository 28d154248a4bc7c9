"""A training curve (grader.curves) as a small inline SVG line chart, drawn here on the server.

Drawn on the server, the chart arrives inside the result panel's HTML like the rest of the verdict:
the live stream, the slow poll and a reload all show the same picture, no script draws it (nothing
for the Content-Security-Policy to allow), and no chart library is needed. The values came from
the learner's code: only numbers are drawn (anything else is a gap), whatever the stored JSON holds.
The picture is decoration for sighted readers; its caption is the text alternative.
"""

import math

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 54, 8, 8, 20  # room for the axis labels (up to 8 characters: 1.75e+47)
MAX_POINTS = 300  # as grader.curves draws them; more is not ours


def number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def clean(curve) -> dict | None:
    """The drawable parts of one stored curve, or None when it has no number to draw."""
    if not isinstance(curve, dict) or not isinstance(curve.get("values"), list):
        return None
    values = [number(v) for v in curve["values"][:MAX_POINTS]]
    if not any(v is not None for v in values):
        return None
    band = curve.get("band")
    band = [number(b) for b in band] if isinstance(band, list) and len(band) == 2 else [None, None]
    steps = curve.get("steps")
    name = curve.get("name")
    return {
        "name": name[:40] if isinstance(name, str) and name.strip() else "loss",
        "values": values,
        "steps": steps if isinstance(steps, int) and not isinstance(steps, bool) and steps > 0 else len(values),
        "floor": number(curve.get("floor")),
        "band": band if None not in band else None,
    }


def figure(value: float) -> str:
    """Three significant digits, trailing zeros kept: the caption's numbers are read against one
    another ("1.90 to 2.00", not "1.9 to 2"; "0.0351"; a diverging run's "1.75e+47")."""
    return f"{value:#.3g}".rstrip(".")


def caption(curve: dict, live: bool) -> str:
    """The chart in words: "loss: 2.77 → 1.52 after 300 steps; best possible 1.80"."""
    shown = [v for v in curve["values"] if v is not None]
    floor, band = curve["floor"], curve["band"]
    words = f"{curve['name']}{' so far' if live else ''}: {figure(shown[0])} → {figure(shown[-1])}"
    words += f" after {curve['steps']} steps"
    if floor is not None:
        words += f"; best possible {figure(floor)}"
    if band is not None:
        words += f"; target {figure(band[0])} to {figure(band[1])}"
    if None in curve["values"]:
        words += "; gaps where the value was not a number"
    return words


def chart(curve: dict, live: bool = False) -> str:
    values, floor, band = curve["values"], curve["floor"], curve["band"]
    marks = [v for v in values if v is not None] + ([floor] if floor is not None else []) + (band or [])
    low, high = min(marks), max(marks)
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    span_x, span_y = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + span_x * (i / (len(values) - 1) if len(values) > 1 else 0.5)

    def y(v: float) -> float:
        return TOP + span_y * (high - v) / (high - low)

    parts = [f'<rect class="plot" x="{LEFT}" y="{TOP}" width="{span_x}" height="{span_y}"/>']
    if band is not None:
        parts.append(
            f'<rect class="band" x="{LEFT}" y="{y(band[1]):.1f}" width="{span_x}" '
            f'height="{max(y(band[0]) - y(band[1]), 1):.1f}"/>'
        )
    if floor is not None:
        parts.append(f'<line class="floor" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(floor):.1f}" y2="{y(floor):.1f}"/>')
    path, pen_down = [], False
    for i, v in enumerate(values):  # a gap lifts the pen
        if v is None:
            pen_down = False
            continue
        path.append(f"{'L' if pen_down else 'M'}{x(i):.1f} {y(v):.1f}")
        pen_down = True
    parts.append(f'<path class="line" d="{" ".join(path)}"/>')
    for v in (high, low):
        parts.append(f'<text class="tick" x="{LEFT - 3}" y="{y(v) + 3:.1f}" text-anchor="end">{v:.3g}</text>')
    parts.append(f'<text class="tick" x="{LEFT}" y="{HEIGHT - 5}">step 1</text>')
    parts.append(f'<text class="tick" x="{WIDTH - RIGHT}" y="{HEIGHT - 5}" text-anchor="end">{curve["steps"]}</text>')
    svg = f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" aria-hidden="true" focusable="false">' + "".join(parts) + "</svg>"
    return format_html(
        '<figure class="curve{}" data-curve data-steps="{}">{}<figcaption>{}</figcaption></figure>',
        " live" if live else "",
        curve["steps"],
        mark_safe(svg),
        caption(curve, live),
    )


def charts(curves, live: bool = False) -> str:
    """Every drawable curve of a result or a progress frame; empty when there is none."""
    drawn = [chart(c, live) for c in map(clean, curves[:4] if isinstance(curves, list) else []) if c]
    return mark_safe("".join(drawn))
