"""The world map as server-side SVG: Equal Earth projection, countries shaded by coverage."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

WORLD = Path(__file__).parent / "static" / "world.json"
WIDTH = 1000
LEVELS = 5
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2
_XMAX = 2.7063  # Equal Earth x at lon = 180°, lat = 0


@dataclass(frozen=True)
class Shape:
    """A country outline as an SVG path."""

    code: str
    name: str
    d: str


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson, Jenny 2018) into a WIDTH-wide plane, north up."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    scale = WIDTH / (2 * _XMAX)
    return x * scale + WIDTH / 2, -y * scale


@lru_cache(maxsize=1)
def shapes() -> tuple[tuple[Shape, ...], str]:
    """Every country's path (Antarctica left out: it crowds the map) and the viewBox."""
    data = json.loads(WORLD.read_text(encoding="utf-8"))
    out = []
    ys: list[float] = []
    for c in data["countries"]:
        if c["id"] == "AQ":
            continue
        parts = []
        for ring in c["rings"]:
            pts: list[tuple[int, int]] = []
            for i in range(0, len(ring), 2):
                x, y = project(ring[i] / 10, ring[i + 1] / 10)
                p = (round(x), round(y))
                if not pts or pts[-1] != p:
                    pts.append(p)
            ys.extend(y for _, y in pts)
            # Relative moves of whole units keep the markup about 40% smaller.
            steps = "".join(f"l{b[0] - a[0]} {b[1] - a[1]}" for a, b in
                            zip(pts, pts[1:], strict=False))
            parts.append(f"M{pts[0][0]} {pts[0][1]}{steps}z".replace(" -", "-"))
        out.append(Shape(c["id"], c["name"], "".join(parts)))
    top, bottom = math.floor(min(ys)) - 2, math.ceil(max(ys)) + 2
    return tuple(out), f"0 {top} {WIDTH} {bottom - top}"


def levels(counts: Mapping[str, int]) -> dict[str, int]:
    """Shade level 1..LEVELS per country on a square-root scale of its count."""
    top = max(counts.values(), default=0)
    if top <= 0:
        return {}
    return {cc: max(1, math.ceil(LEVELS * math.sqrt(n / top))) for cc, n in counts.items() if n > 0}


def legend(counts: Mapping[str, int]) -> list[tuple[int, str]]:
    """(level, label) pairs explaining the shades for these counts."""
    top = max(counts.values(), default=0)
    if top <= 0:
        return [(0, "no coverage")]
    rows = [(0, "none")]
    lo = 1
    for level in range(1, LEVELS + 1):
        hi = math.floor(top * (level / LEVELS) ** 2)
        if hi >= lo:
            rows.append((level, str(lo) if hi == lo else f"{lo}–{hi}"))
            lo = hi + 1
    return rows


def render(counts: Mapping[str, int], unit: str = "stories", label: str = "World map",
           query: str = "", highlight: str | None = None) -> Markup:
    """An SVG map: each country a link to its page, shaded by its count, with a tooltip."""
    all_shapes, view_box = shapes()
    shade = levels(counts)
    # Hidden from screen readers and skipped by Tab: the list next to each map carries the
    # same links and numbers in an accessible form.
    parts = [f'<svg class="worldmap" viewBox="{view_box}" aria-hidden="true" focusable="false" '
             f'data-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">']
    for s in all_shapes:
        n = counts.get(s.code, 0)
        cls = f"m{shade.get(s.code, 0)}" + (" here" if s.code == highlight else "")
        tip = escape(f"{s.name}: {n} {unit}")
        parts.append(f'<a href="/country/{s.code}{query}" tabindex="-1" data-cc="{s.code}">'
                     f'<path class="{cls}" d="{s.d}"><title>{tip}</title></path></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
