"""The bundled world map data and its server-side SVG rendering."""

from __future__ import annotations

import json
import re

import pycountry

from rashomon.web import mapsvg


def test_world_data_is_compact_and_coded() -> None:
    raw = mapsvg.WORLD.read_bytes()
    assert len(raw) < 100_000  # shipped inside the package: keep it small
    assert (mapsvg.WORLD.parent / "LICENSE.world-atlas").read_text().count("ISC") >= 1
    data = json.loads(raw)
    codes = [c["id"] for c in data["countries"]]
    assert len(codes) == len(set(codes)) >= 170
    for code in codes:
        assert code == "XK" or pycountry.countries.get(alpha_2=code), code
    by = {c["id"]: c for c in data["countries"]}
    assert {"US", "FR", "CN", "BR", "XK", "SO", "CY", "AQ"} <= set(by)
    for c in data["countries"]:
        for ring in c["rings"]:
            assert len(ring) % 2 == 0 and len(ring) >= 6
            lons, lats = ring[0::2], ring[1::2]
            assert all(-1800 <= x <= 1800 for x in lons) and all(-900 <= y <= 900 for y in lats)
            # Rings are cut at the antimeridian, so a flat map draws no band across the world.
            jumps = [i for i in range(1, len(lons)) if abs(lons[i] - lons[i - 1]) > 1800]
            assert not jumps or c["id"] == "AQ"


def test_projection_and_svg() -> None:
    x0, y0 = mapsvg.project(0, 0)
    assert abs(x0 - mapsvg.WIDTH / 2) < 1e-6 and abs(y0) < 1e-6
    xe, _ = mapsvg.project(180, 0)
    assert abs(xe - mapsvg.WIDTH) < 1
    assert mapsvg.project(0, 60)[1] < 0  # north is up
    svg = str(mapsvg.render({"FR": 10, "DE": 1}, "stories", query="?days=3"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'href="/country/FR?days=3"' in svg and "<title>France: 10 stories</title>" in svg
    assert re.search(r'data-cc="FR"><path class="m5"', svg)
    assert re.search(r'data-cc="DE"><path class="m(\d)"', svg)
    assert re.search(r'data-cc="BR"><path class="m0"', svg)
    assert 'data-cc="AQ"' not in svg
    assert mapsvg.levels({}) == {} and mapsvg.legend({}) == [(0, "no coverage")]
    legend = mapsvg.legend({"FR": 10, "DE": 1})
    assert legend[0] == (0, "none") and legend[-1][0] == 5
