"""africa.geojson: the small-scale locator inset."""
from __future__ import annotations

import sqlite3

import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from common import feature
from .fixes import AFRICA, COUNTRY_NAME_FIX
from .geom import clean_polys, geom_json, polys_to_shapely, shapely_to_polys, signed_area
from .io import world_map_countries

AFRICA_BBOX = (-20.0, -37.0, 55.0, 38.0)
AFRICA_MIN_PART = 0.5  # degrees: drop parts (and holes) whose bbox is smaller than this both ways;
#                        an African country always keeps its largest part
AFRICA_SIMPLIFY = 0.08  # shapely coverage_simplify tolerance (degrees, shared borders kept shared)
AFRICA_PREC = 3  # decimals (~100 m)


def build_africa(con: sqlite3.Connection):
    """Small-scale Africa for a locator inset: one feature per country, small islands dropped,
    borders simplified as a coverage (neighbours keep a common border), 3 decimals."""
    win = box(*AFRICA_BBOX)
    countries, units = world_map_countries(con)
    rows = [(a3, name, polys) for _, name, a3, polys in countries]  # (id, name, polys)
    rows += [(a3, admin, shapely_to_polys(g)) for a3, admin, g in units]

    def big(ring):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return max(max(xs) - min(xs), max(ys) - min(ys)) >= AFRICA_MIN_PART

    keep = []  # (id, name, continent, shapely geometry)
    for a3, name, polys in rows:
        africa = a3 in AFRICA
        parts = [[p[0]] + [h for h in p[1:] if big(h)] for p in polys if big(p[0])]
        if not parts and africa:
            parts = [[max(polys, key=lambda p: abs(signed_area(p[0])))[0]]]  # largest part, no holes
        if not parts:
            continue
        g = MultiPolygon([Polygon(p[0], p[1:]) for p in parts])
        if not africa and not g.intersects(win):
            continue
        if not a3 or a3 == "-99" or not name:
            raise SystemExit(f"africa: country without name/ISO A3: {name} {a3}")
        keep.append((a3, COUNTRY_NAME_FIX.get(name, name), "Africa" if africa else "Other", g))
    missing = AFRICA - {k[0] for k in keep}
    if missing:
        raise SystemExit(f"africa: not found in world_map.gpkg: {sorted(missing)}")
    keep.sort(key=lambda k: k[0])
    simple = shapely.coverage_simplify([k[3] for k in keep], AFRICA_SIMPLIFY)
    feats = []
    for (a3, name, cont, _), g in zip(keep, simple):
        polys = clean_polys(shapely_to_polys(g), AFRICA_PREC)
        if not polys:
            raise SystemExit(f"africa: {a3} vanished")
        chk = polys_to_shapely(polys)
        if not chk.is_valid:
            raise SystemExit(f"africa: {a3} invalid after simplification: {shapely.is_valid_reason(chk)}")
        feats.append(feature(a3, {"id": a3, "name": name, "continent": cont}, geom_json(polys)))
    return feats
