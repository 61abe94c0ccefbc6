"""regions.geojson (first level administrative units of REGION_COUNTRIES) and the ISO 3166-2 cross-check."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from shapely.ops import unary_union

from common import feature, slug
from .fixes import BF_REGIONS, COUNTRY_NAME_FIX, FORMER_ISO, GN_REGIONS, ISO_3166_2, ISO_SPELLING, REGION_NAME_FIX
from .geom import clean_polys, geom_json, polys_to_shapely, shapely_to_polys
from .io import gpkg_polygons
from .sources import APT, log

REGION_COUNTRIES = ["MLI", "NER", "BFA", "TCD", "MRT", "BEN", "TGO", "GHA", "CIV", "NGA", "SEN", "GIN", "CMR"]


def norm_name(s: str) -> str:
    return slug(ISO_SPELLING.get(s, s))


def check_iso(iso_codes: Path):
    d = json.loads((iso_codes / "usr/share/iso-codes/json/iso_3166-2.json").read_text())
    entries = d["3166-2"]
    codes = {e["code"] for e in entries}
    for a3, table in ISO_3166_2.items():
        for nm, code in table.items():
            if code and code not in FORMER_ISO:
                assert code in codes, f"{code} ({nm}) not in iso-codes"
            if code in FORMER_ISO:
                assert code not in codes, f"{code} is current again; drop it from FORMER_ISO"
    for table, a2 in ((BF_REGIONS, "BF"), (GN_REGIONS, "GN")):
        parent = {}
        for e in entries:
            if e["code"].startswith(a2 + "-") and "parent" in e:
                parent[slug(e["name"])] = a2 + "-" + e["parent"]
        for code, (_, members) in table.items():
            assert code in codes, code
            for m in members:
                if m == "Conakry":
                    continue
                assert parent.get(norm_name(m)) == code, f"{m}: iso-codes parent {parent.get(norm_name(m))} != {code}"
    log("ISO 3166-2 tables agree with Debian iso-codes", APT["iso-codes"])


def build_regions(con: sqlite3.Connection):
    cname = {a3: n for a3, n in con.execute("select ISO_A3, NAME from countries")}
    rows = {}
    q = "select adm0_a3, name, geom from states_provinces where adm0_a3 in (%s)" % ",".join(
        "?" * len(REGION_COUNTRIES))
    for a3, name, blob in con.execute(q, REGION_COUNTRIES):
        key = (a3, name)
        assert key not in rows, f"duplicate admin-1 {key}"
        rows[key] = gpkg_polygons(blob)
    feats = []

    def add(a3, code, name, polys):
        props = {"id": code, "name": name, "country": a3,
                 "country_name": COUNTRY_NAME_FIX.get(cname[a3], cname[a3])}
        feats.append(feature(code, props, geom_json(clean_polys(polys))))

    for a3, table in (("BFA", BF_REGIONS), ("GIN", GN_REGIONS)):
        have = {n for (c, n) in rows if c == a3}
        used = [m for _, (_, ms) in table.items() for m in ms]
        assert sorted(used) == sorted(have), (a3, sorted(set(have) ^ set(used)))
        for code, (name, members) in table.items():
            u = unary_union([polys_to_shapely(rows[(a3, m)]) for m in members])
            # snap away sub-metre slivers that GEOS may leave where members touch
            u = u.buffer(0)
            add(a3, code, name, shapely_to_polys(u))
    for (a3, name), polys in rows.items():
        if a3 in ("BFA", "GIN"):
            continue
        name = REGION_NAME_FIX.get((a3, name), name)
        code = ISO_3166_2[a3][name]
        if code is None:
            code = f"ne1:{a3}:{slug(name)}"
        add(a3, code, name, polys)
    ids = [f["id"] for f in feats]
    assert len(ids) == len(set(ids))
    feats.sort(key=lambda f: (f["properties"]["country"], f["id"]))
    return feats
