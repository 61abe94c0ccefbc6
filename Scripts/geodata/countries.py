"""countries.geojson: every country (or unit without an ISO code) that intersects COUNTRY_BBOX, from the QGIS
world_map.gpkg (Natural Earth 10m v4.1, generalized); full_detail then replaces the geometry."""
from __future__ import annotations

import sqlite3

from shapely.geometry import box

from common import feature
from .fixes import COUNTRY_NAME_FIX
from .geom import clean_polys, geom_json, polys_to_shapely, shapely_to_polys
from .io import world_map_countries

COUNTRY_BBOX = (-25.0, -5.0, 35.0, 38.0)  # lon/lat window a country must intersect


def build_countries(con: sqlite3.Connection):
    win = box(*COUNTRY_BBOX)
    rows, units = world_map_countries(con)
    feats = []
    for a2, name, a3, polys in rows:
        g = polys_to_shapely(polys)
        if not g.intersects(win):
            continue
        if not name or not a3 or a3 == "-99" or not a2 or a2 == "-99":
            raise SystemExit(f"country without name/ISO codes intersects the window: {name} {a2} {a3}")
        name = COUNTRY_NAME_FIX.get(name, name)
        feats.append(feature(a3, {"id": a3, "name": name, "iso_a2": a2, "iso_a3": a3},
                             geom_json(clean_polys(polys))))
    # Units without ISO 3166-1 codes (Northern Cyprus, the UK bases on Cyprus, ...): one feature
    # per NE adm0_a3 code, with iso_a2/iso_a3 null.
    for a3, admin, g in units:
        if not g.intersects(win):
            continue
        feats.append(feature(a3, {"id": a3, "name": admin, "iso_a2": None, "iso_a3": None},
                             geom_json(clean_polys(shapely_to_polys(g)))))
    feats.sort(key=lambda f: f["id"])
    return feats
