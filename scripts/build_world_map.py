"""Convert the world-atlas TopoJSON (Natural Earth 110m) into src/rashomon/web/static/world.json.

Run once when the boundary data changes, not at app start:

    .venv/bin/python scripts/build_world_map.py /path/to/countries-110m.json

Output: {"countries": [{"id": "FR", "name": "France", "rings": [[lon10, lat10, ...], ...]}]}
where coordinates are integers in tenths of a degree (0.1° precision), flattened per ring.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pycountry

from rashomon.store.views import country_name

OUT = Path(__file__).resolve().parents[1] / "src" / "rashomon" / "web" / "static" / "world.json"

# world-atlas leaves these without a numeric ISO code. Kosovo has the widely used user-assigned
# code XK; ISO 3166-1 counts Northern Cyprus as part of Cyprus and Somaliland as part of Somalia,
# so their shapes join those countries (clicking them opens the Cyprus or Somalia page).
_NO_CODE = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])  # consecutive arcs share their joining point
    return pts


def _simplify(pts: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas-Peucker: drop points closer than `tolerance` to the line they sit on."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = 0.0, -1
        for i in range(a + 1, b):
            px, py = pts[i][0] - x1, pts[i][1] - y1
            # A closed ring starts and ends on one point: measure from it, not from a line.
            d = abs(dy * px - dx * py) / norm if norm else (px * px + py * py) ** 0.5
            if d > best:
                best, far = d, i
        if far >= 0 and best > tolerance:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(pts, keep, strict=True) if k]


def _split_antimeridian(pts: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Cut rings that cross ±180° so a flat map draws no band across the world."""
    cuts = [i for i in range(len(pts)) if abs(pts[i][0] - pts[i - 1][0]) > 1800]
    if not cuts:
        return [pts]
    if len(cuts) % 2:  # one crossing: the ring encloses a pole (Antarctica); go round it
        i = cuts[0]
        ring = pts[i:] + pts[:i]
        pole = -900 if sum(p[1] for p in ring) < 0 else 900
        return [ring + [(ring[-1][0], pole), (ring[0][0], pole)]]
    pieces = []
    for k, start in enumerate(cuts):
        end = cuts[(k + 1) % len(cuts)]
        piece = pts[start:end] if end > start else pts[start:] + pts[:end]
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _quantise(ring: list[tuple[float, float]]) -> list[list[int]]:
    pts: list[tuple[int, int]] = []
    for lon, lat in ring:
        p = (round(lon * 10), round(lat * 10))
        if not pts or pts[-1] != p:
            pts.append(p)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()  # the renderer closes rings itself
    out = []
    for piece in _split_antimeridian(pts):
        # Tolerance of one unit (0.1°): invisible at map scale, about a fifth fewer points.
        if len(piece) > 8:
            piece = _simplify(piece + piece[:1], 1.0)[:-1]
        out.append([v for p in piece for v in p])
    return out


def _code(geom: dict[str, Any]) -> str | None:
    name = geom["properties"]["name"]
    if geom.get("id") is None:
        return _NO_CODE.get(name)
    c = pycountry.countries.get(numeric=str(geom["id"]).zfill(3))
    return c.alpha_2 if c else None


def build(topo: dict[str, Any]) -> dict[str, Any]:
    """The compact map data from a world-atlas topology."""
    arcs = _decode_arcs(topo)
    by_code: dict[str, list[list[int]]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        code = _code(geom)
        if code is None:
            raise SystemExit(f"no ISO code for {geom['properties']['name']!r} (id {geom.get('id')})")
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = [q for poly in polys for r in poly for q in _quantise(_ring(r, arcs))]
        kept = [r for r in rings if len(r) >= 6] or [max(rings, key=len)]
        by_code.setdefault(code, []).extend(kept)
    countries = [{"id": code, "name": country_name(code), "rings": rings}
                 for code, rings in sorted(by_code.items())]
    return {"source": "world-atlas 2.0.2 (Natural Earth 110m), ISC licence: see LICENSE.world-atlas",
            "countries": countries}


def main(argv: list[str]) -> None:
    """Read the TopoJSON named on the command line and write world.json."""
    src = Path(argv[1]) if len(argv) > 1 else Path("/tmp/countries-110m.json")
    data = build(json.loads(src.read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n",
                   encoding="utf-8")
    points = sum(len(r) // 2 for c in data["countries"] for r in c["rings"])
    print(f"wrote {OUT}: {len(data['countries'])} countries, {points} points, "
          f"{OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv)
