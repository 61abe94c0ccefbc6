#!/usr/bin/env python3
"""Derive SahelMap's thematic layers from the sourced fact tables.

Reads the four CSVs and group_lineage.csv in GeoData/sources (the project's own sourced tables; override
with --facts DIR) plus GeoData/regions.geojson and GeoData/countries.geojson, and writes

    GeoData/bases.geojson            one Point per row of bases.csv
    GeoData/massacres.geojson        one Point per row of massacres.csv
    GeoData/group_presence.geojson   one admin-1 (Multi)Polygon per row of group_presence.csv
    GeoData/political_events.geojson one feature (geometry null) per row of political_events.csv

Python 3 standard library only. Output is deterministic (byte-identical on rerun): features
sorted, compact JSON, one feature per line, coordinates rounded to 5 decimals, feature `id` =
`properties.id`.

Conventions carried over from the facts README: an empty cell means unknown/unverified and
becomes null (never "none", never a value from memory); dates are kept exactly as written
(YYYY, YYYY-MM, YYYY-MM-DD, or an interval start/end which is split into date/date_end).

Usage: python3 Scripts/derive-thematic.py [--facts DIR] [--out DIR] [--check]
  --check  build everything and run the checks, but write nothing.
Exit status 1 if a row breaks the data contract (bad date/level/group/country, a point outside
its country); the alias tables below are the only place where names are mapped by hand.
"""
import argparse
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PREC, fc_text, feature, fold, slug  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "GeoData"
DEFAULT_FACTS = GEODATA / "sources"

EXPECTED_ROWS = {"bases": 35, "massacres": 26, "group_presence": 49, "political_events": 68}

# ------------------------------------------------------------------ explicit tables
# Country names that are not (spelled as) a `name` in GeoData/countries.geojson.
# countries.geojson only holds countries intersecting lon -25..35, lat -5..38, so France is
# absent. A value of None = not one country (kept raw in `country`, country_iso3 null).
COUNTRY_EXTRA = {
    "france": "FRA",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "sahel": None,
    "multiple": None,
    "regional": None,
}

# political_events rows whose own text (event or notes) names other countries as parties:
# (date, country as written) -> additional ISO A3 codes, giving `countries_iso3`. Only the
# row's text is used, nothing from memory; `country`/`country_iso3` stay the CSV's country.
EVENT_ALSO_APPLIES = {
    ("2014-02-16", "Mauritania"): ["BFA", "TCD", "MLI", "NER"],  # event: G5 members listed
    ("2023-09-16", "Mali"): ["BFA", "NER"],  # event: "Mali, Burkina Faso and Niger form the AES"
    ("2023-12-02", "Burkina Faso"): ["NER"],  # notes: "Also applies to Niger."
    ("2023-12-05", "Chad"): ["MRT"],  # notes: "Also applies to Mauritania."
}

# admin-1 names (as written in the CSVs) that are not the `name` of a region in
# GeoData/regions.geojson (Natural Earth v4.1 admin-1). Key: (ISO A3, folded name).
# Value: (list of region ids, note). A list of several ids = the union of those regions.
ADMIN1_ALIAS = {
    ("BEN", "atacora"): (["BJ-AK"], "Atacora (ISO 3166-2 spelling) = Natural Earth 'Atakora' (BJ-AK)"),
    ("CIV", "comoe"): (
        ["CI-05", "CI-13"],
        "Comoé district (2011 reform, Décret 2011-263) = former regions Moyen-Comoé (CI-05, now "
        "Indénié-Djuablin) + Sud-Comoé (CI-13); geometry is the union of the two NE polygons",
    ),
    ("MLI", "tombouctou"): (["ML-6"], "Tombouctou = Natural Earth 'Timbuktu' (ML-6)"),
    ("MLI", "menaka"): (["ML-7"], "Ménaka region (created 2016) is inside NE v4.1 'Gao' (ML-7)"),
    ("MLI", "taoudenit"): (["ML-6"], "Taoudénit region (created 2016) is inside NE v4.1 'Timbuktu' (ML-6)"),
    ("MLI", "taoudeni"): (["ML-6"], "Taoudénit region (created 2016) is inside NE v4.1 'Timbuktu' (ML-6)"),
}

# Names that match a Natural Earth unit directly but mean a different (post-2011) unit in the
# CSV: the match is kept and this note is attached as `match_note`.
ADMIN1_MATCH_NOTE = {
    ("CIV", "savanes"): "CSV names the Savanes district (2011: Bagoué, Poro, Tchologo regions); it is "
    "co-extensive with the former Savanes region CI-03 used by Natural Earth v4.1",
    ("CIV", "zanzan"): "CSV names the Zanzan district (2011: Bounkani, Gontougo regions); it is "
    "co-extensive with the former Zanzan region CI-08 used by Natural Earth v4.1",
    ("MLI", "gao"): "Natural Earth v4.1 'Gao' still includes the Ménaka region (created 2016)",
    ("MLI", "timbuktu"): "Natural Earth v4.1 'Timbuktu' still includes the Taoudénit region (created 2016)",
}

# group_presence `group` spellings -> normalised group name (key: folded text).
GROUP_NORMAL = {
    "jnim": "JNIM",
    "gsim": "JNIM",
    "jnim/gsim": "JNIM",
    "jama'at nusrat al-islam wal-muslimin": "JNIM",
    "isgs": "ISGS",
    "eigs": "ISGS",
    "islamic state in the greater sahara": "ISGS",
    "iswap": "ISWAP",
    "islamic state west africa province": "ISWAP",
    "ansarul islam": "Ansarul Islam",
    "ansaroul islam": "Ansarul Islam",
    "ansar ul islam": "Ansarul Islam",
    "ansar-ul-islam": "Ansarul Islam",
}

LEVELS = {"none", "sporadic", "regular", "control"}

# bases.csv `operator` -> `force`, first matching rule wins (regex on the operator text).
FORCE_RULES = [
    (r"^France\b", "france"),
    (r"\bMINUSMA\b", "minusma"),
    (r"\bG5 Sahel\b|\bFC-G5S\b", "g5-sahel"),
]

# bases.csv `name` -> short display `name`, first matching rule wins; group `p` is the place.
BASE_NAME_RULES = [
    r"^MINUSMA (?:camp|temporary operating base) (?P<p>[^(]+?)(?: \(.*\))?$",
    r"^MINUSMA headquarters, (?P<p>[^(]+?)(?: \(.*\))?$",
    r"^G5 Sahel Joint Force HQ – (?P<p>[^(]+?)(?: \(.*\))?$",
    r"^(?P<p>[^–(]+?)(?: \([^)]*\))? – ",  # "Town (alt) – description" -> Town
]

# bases with an empty closing date whose notes/handed_to say the site did close (date unknown),
# so that closed = null is not read as "still open". Key: base id; value: reason.
CLOSED_DATE_UNKNOWN = {
    "base:gao-minusma": "notes: closure/handover date NOT found (liquidation site after "
    "2024-01-01); all MINUSMA sites closed by 2023-12-31 per facts README",
    "base:bamako-senou-g5-sahel": "notes: closed_or_handed_over EMPTY (UNVERIFIED); members decided on 2023-01-09 "
    "to move the Joint Force HQ to Niamey and moved to dissolve the G5 in Dec 2023",
}

# The last date a row's own sources attest the site's state, for sites whose closing date is unknown: after it a
# map says "status unknown after <date>" and does not draw the site as open.
STATUS_KNOWN_UNTIL = {
    "base:gao-minusma": ("2023-12-31", "political_events 2023-06-30: UNSC Res. 2690 ends MINUSMA's mandate, "
                         "withdrawal by 31 Dec 2023; the row's handed_to: 'liquidation site after 2024-01-01'"),
    "base:bamako-senou-g5-sahel": ("2023-01-09", "the row's handed_to: members decided 2023-01-09 to move the "
                                   "Joint Force HQ to Niamey"),
}

# Rows that are part of another row (counted once by aggregation): the facts README's "Don't sum overlapping
# rows" list. Key: the part's id; value: (the whole's id, reason).
PART_OF = {
    "massacre:djibo-extrajudicial-executions": (
        "massacre:djibo-mass-graves",
        "facts README: Djibo 9 Apr 2020 (31) is probably included in the Djibo mass-graves row (>=180)"),
}
CLOSURE_HINT = re.compile(r"clos|handover|handed|liquidation|withdr|left", re.I)
# Rows with an empty closing date whose notes mention a closure only of something else (checked by hand).
OPEN_PER_FACTS: set = set()

DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")

ERRORS: list = []
REPORT: list = []


def err(msg):
    ERRORS.append(msg)
    print("ERROR: " + msg, file=sys.stderr)


def note(msg):
    REPORT.append(msg)
    print(msg)


# ------------------------------------------------------------------ helpers (fold, slug: Scripts/common)
def nz(v):
    """Empty cell -> None (unknown), else the stripped text."""
    v = (v or "").strip()
    return v if v else None


def to_int(v, what):
    v = nz(v)
    if v is None:
        return None
    if not re.fullmatch(r"-?\d+", v):
        err(f"{what}: not an integer: {v!r}")
        return None
    return int(v)


def split_date(v, what):
    """'YYYY[-MM[-DD]]' or 'start/end' -> (start, end); None for empty."""
    v = nz(v)
    if v is None:
        return None, None
    parts = v.split("/")
    if len(parts) > 2 or not all(DATE_RE.match(p) for p in parts):
        err(f"{what}: date not YYYY, YYYY-MM, YYYY-MM-DD or start/end: {v!r}")
        return v, None
    if len(parts) == 2:
        if parts[1] < parts[0]:
            err(f"{what}: interval ends before it starts: {v!r}")
        return parts[0], parts[1]
    return parts[0], None


def read_csv(facts: Path, name: str):
    path = facts / f"{name}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if len(rows) != EXPECTED_ROWS[name]:
        err(f"{name}.csv: {len(rows)} rows, facts README says {EXPECTED_ROWS[name]}")
    return rows


# ------------------------------------------------------------------ geometry
def polygons_of(geom):
    if geom is None:
        return []
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    raise ValueError(geom["type"])


def in_ring(x, y, ring):
    """Even-odd ray casting (ray towards +x)."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y):
            xc = xi + (y - yi) * (xj - xi) / (yj - yi)
            if x < xc:
                inside = not inside
        j = i
    return inside


def in_geom(x, y, geom):
    for poly in polygons_of(geom):
        if in_ring(x, y, poly[0]) and not any(in_ring(x, y, h) for h in poly[1:]):
            return True
    return False


def ring_area(ring):
    a = 0.0
    for i in range(len(ring) - 1):
        a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return a / 2.0


def geom_area(geom):
    """Signed area; with RFC 7946 orientation (exterior CCW, holes CW) = the covered area."""
    return sum(ring_area(r) for p in polygons_of(geom) for r in p)


def start_at_min(ring):
    body = ring[:-1]
    k = min(range(len(body)), key=lambda i: (body[i][0], body[i][1]))
    body = body[k:] + body[:k]
    return body + [body[0]]


def dissolve(geoms):
    """Union of polygons that share borders vertex for vertex (as NE admin-1 units do).

    Directed edges that occur in both directions (shared borders) are dropped and the rest is
    re-linked into rings. Returns (geometry, note). If the inputs share no edge, or the
    re-linking is ambiguous, or the area is not preserved, falls back to a MultiPolygon of the
    input polygons (touching, not dissolved) and says so in the note.
    """
    polys = [p for g in geoms for p in polygons_of(g)]
    fallback = {"type": "MultiPolygon", "coordinates": polys}
    edges = {}
    order = []
    for p in polys:
        for ring in p:
            # RFC 7946 orientation (exterior CCW, holes CW) is what regions.geojson guarantees.
            for i in range(len(ring) - 1):
                e = (tuple(ring[i]), tuple(ring[i + 1]))
                if e[0] == e[1]:
                    continue
                edges[e] = edges.get(e, 0) + 1
                order.append(e)
    shared = [e for e in edges if (e[1], e[0]) in edges]
    if not shared:
        return fallback, "regions share no border vertex for vertex: MultiPolygon of the parts, not dissolved"
    keep = [e for e in order if (e[1], e[0]) not in edges]
    nxt = {}
    for a, b in keep:
        if a in nxt:
            return fallback, "ambiguous border (pinch vertex): MultiPolygon of the parts, not dissolved"
        nxt[a] = b
    rings = []
    todo = set(nxt)
    while todo:
        start = min(todo)
        ring = [start]
        cur = start
        while True:
            todo.discard(cur)
            cur = nxt.get(cur)
            if cur is None:
                return fallback, "open ring after removing shared borders: MultiPolygon of the parts"
            ring.append(cur)
            if cur == start:
                break
        rings.append([list(v) for v in ring])
    exteriors = [r for r in rings if ring_area(r) > 0]
    holes = [r for r in rings if ring_area(r) < 0]
    out = [[start_at_min(r)] for r in sorted(exteriors, key=lambda r: min(map(tuple, r)))]
    for h in sorted(holes, key=lambda r: min(map(tuple, r))):
        owner = [p for p in out if in_ring(h[0][0], h[0][1], p[0])]
        if len(owner) != 1:
            return fallback, "hole without a unique exterior: MultiPolygon of the parts"
        owner[0].append(start_at_min(h))
    geom = {"type": "Polygon", "coordinates": out[0]} if len(out) == 1 else {"type": "MultiPolygon", "coordinates": out}
    a_in = sum(geom_area(g) for g in geoms)
    a_out = geom_area(geom)
    if abs(a_in - a_out) > 1e-9 * max(1.0, abs(a_in)):
        return fallback, f"area changed in dissolve ({a_in} -> {a_out}): MultiPolygon of the parts"
    return geom, f"dissolved union of {len(polys)} polygon(s), {len(shared) // 2} shared border segment(s) removed"


# ------------------------------------------------------------------ reference data
def load_reference():
    regions = json.loads((GEODATA / "regions.geojson").read_text(encoding="utf-8"))["features"]
    countries = json.loads((GEODATA / "countries.geojson").read_text(encoding="utf-8"))["features"]
    region_by_id = {f["properties"]["id"]: f for f in regions}
    region_by_name = {}
    for f in regions:
        p = f["properties"]
        key = (p["country"], fold(p["name"]))
        if key in region_by_name:
            err(f"regions.geojson: duplicate name {key}")
        region_by_name[key] = p["id"]
    country_iso = {fold(f["properties"]["name"]): f["properties"]["iso_a3"] for f in countries
                   if f["properties"].get("iso_a3")}
    country_geom = {f["properties"]["iso_a3"]: f["geometry"] for f in countries if f["properties"].get("iso_a3")}
    return region_by_id, region_by_name, country_iso, country_geom


class Ref:
    def __init__(self):
        self.region_by_id, self.region_by_name, self.country_iso, self.country_geom = load_reference()
        self.aliases_used = {}
        self.extra_countries_used = {}

    def iso3(self, name, what, required=True):
        k = fold(name or "")
        if k in self.country_iso:
            return self.country_iso[k]
        if k in COUNTRY_EXTRA:
            self.extra_countries_used[name] = COUNTRY_EXTRA[k]
            return COUNTRY_EXTRA[k]
        if required:
            err(f"{what}: country {name!r} not in countries.geojson nor in COUNTRY_EXTRA")
        else:
            note(f"WARNING {what}: country {name!r} unknown -> country_iso3 null")
        return None

    def admin1(self, iso3, name):
        """-> (region ids, how, note). how: 'name', 'alias' or 'unmatched'."""
        k = (iso3, fold(name))
        if k in self.region_by_name:
            return [self.region_by_name[k]], "name", ADMIN1_MATCH_NOTE.get(k)
        if k in ADMIN1_ALIAS:
            ids, why = ADMIN1_ALIAS[k]
            for i in ids:
                if i not in self.region_by_id:
                    err(f"ADMIN1_ALIAS {k}: region id {i} not in regions.geojson")
            self.aliases_used[(iso3, name)] = (ids, why)
            return ids, "alias", why
        return [], "unmatched", f"no region named {name!r} in {iso3} in regions.geojson and no alias"

    def region_at(self, x, y):
        return [rid for rid, f in sorted(self.region_by_id.items()) if in_geom(x, y, f["geometry"])]


# ------------------------------------------------------------------ layers
def point(lon, lat):
    return {"type": "Point", "coordinates": [round(lon, PREC), round(lat, PREC)]}


def parse_lonlat(row, what):
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        err(f"{what}: bad lat/lon {row['lat']!r},{row['lon']!r}")
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        err(f"{what}: lat/lon out of range")
        return None
    return lon, lat


def base_short_name(full):
    for rx in BASE_NAME_RULES:
        m = re.match(rx, full)
        if m:
            return m.group("p").strip()
    return full.strip()


def base_force(operator):
    for rx, force in FORCE_RULES:
        if re.search(rx, operator):
            return force
    return "other"


def base_unit_tag(full, force):
    if force != "france":
        return force
    if re.search(r"\bSabre\b", full):
        return "sabre"
    if re.search(r"\bBarkhane\b", full):
        return "barkhane"
    return "france"


# How a base's presence ended, from the facts' handed_to text (checked by hand against every row):
# "none …" / "not handed over …" → withdrawn without a handover; "moved to …" → moved; Mali leaving the
# G5 Sahel → closed; any other named recipient → handed over. Empty → unknown (null).
def base_end_kind(handed_to, closed):
    if not closed:
        return None
    t = (handed_to or "").strip().lower()
    if not t:
        return None
    if t.startswith("none") or t.startswith("not handed over"):
        return "withdrawn"
    if t.startswith("moved"):
        return "moved"
    if t.startswith("mali left"):
        return "closed"
    return "handed-over"


def build_bases(rows, ref):
    feats = []
    for n, r in enumerate(rows, 2):
        what = f"bases.csv line {n} ({r['name'][:40]})"
        ll = parse_lonlat(r, what)
        iso = ref.iso3(r["country"], what)
        name = base_short_name(r["name"])
        force = base_force(r["operator"])
        fid = f"base:{slug(name)}-{base_unit_tag(r['name'], force)}"
        opened, o_end = split_date(r["opened"], what + " opened")
        closed, c_end = split_date(r["closed_or_handed_over"], what + " closed_or_handed_over")
        if o_end or c_end:
            err(f"{what}: interval in a base date (not expected)")
        if closed:
            status = "closed"
        elif fid in CLOSED_DATE_UNKNOWN:
            status = "closed_date_unknown"
        else:
            status = "open_per_facts"
            if CLOSURE_HINT.search((r["notes"] or "") + " " + (r["handed_to"] or "")) and fid not in OPEN_PER_FACTS:
                note(f"CHECK {fid}: closed is empty and notes/handed_to mention a closure; "
                     f"add it to CLOSED_DATE_UNKNOWN if it did close")
        if ll and iso and iso in ref.country_geom and not in_geom(ll[0], ll[1], ref.country_geom[iso]):
            err(f"{what}: point {ll} is outside {iso} in countries.geojson")
        known_until = None
        if status == "closed_date_unknown":
            if fid not in STATUS_KNOWN_UNTIL:
                err(f"{what}: closing date unknown and no STATUS_KNOWN_UNTIL entry (the last sourced date)")
            else:
                known_until = STATUS_KNOWN_UNTIL[fid][0]
        if r.get("geo_precision") is None:
            err(f"{what}: no geo_precision column")
        props = {
            "id": fid,
            "name": name,
            "full_name": r["name"].strip(),
            "operator": r["operator"].strip(),
            "force": force,
            "country": r["country"].strip(),
            "country_iso3": iso,
            "opened": opened,
            "closed": closed,
            "closed_status": status,
            "closed_or_handed_over": nz(r["closed_or_handed_over"]),
            "handed_to": nz(r["handed_to"]),
            "end_kind": base_end_kind(r["handed_to"], closed),
            "status_known_until": known_until,
            "opening_known": opened is not None,
            "geo_precision": to_int(r.get("geo_precision"), what + " geo_precision"),
            "coord_source": nz(r["coord_source"]),
            "source": nz(r["source_url_or_title"]),
            "confidence": nz(r["confidence"]),
            "notes": nz(r["notes"]),
        }
        feats.append(feature(fid, props, point(*ll) if ll else None))
    feats.sort(key=lambda f: f["id"])
    return feats


# A short map label from the row's own name: parentheses dropped, cut before the first word that names the
# kind of event ("Solhan massacre" -> "Solhan", "Djibo extrajudicial executions (9 April 2020)" -> "Djibo").
LABEL_CUT = re.compile(r"\s+(massacres?|attacks?|killings|ambush|mass graves|airstrike|extrajudicial|"
                       r"disappearances|mining-convoy|market|region|bus)\b.*$", re.I)


def massacre_label(name):
    base = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return LABEL_CUT.sub("", base).strip() or base


def build_massacres(rows, ref):
    feats = []
    for n, r in enumerate(rows, 2):
        what = f"massacres.csv line {n} ({r['name'][:40]})"
        ll = parse_lonlat(r, what)
        iso = ref.iso3(r["country"], what)
        base = re.sub(r"\s*\([^)]*\)", "", r["name"]).strip()
        fid = f"massacre:{slug(base)}"
        start, end = split_date(r["date"], what)
        ids, how, why = ref.admin1(iso, r["admin1"]) if iso else ([], "unmatched", "no country")
        region_id = ids[0] if len(ids) == 1 else None
        if how == "unmatched" or len(ids) != 1:
            note(f"UNMATCHED {fid}: admin1 {r['admin1']!r} ({iso}): {why}")
        if ll and region_id:
            if in_geom(ll[0], ll[1], ref.region_by_id[region_id]["geometry"]):
                note(f"  ok   {fid}: point inside {region_id} {r['admin1']}")
            else:
                note(f"OUTSIDE {fid}: point {ll} not inside {region_id} {r['admin1']}; "
                     f"point lies in {ref.region_at(*ll) or 'no region'} (point not moved)")
        if ll and iso in ref.country_geom and not in_geom(ll[0], ll[1], ref.country_geom[iso]):
            err(f"{what}: point {ll} is outside {iso} in countries.geojson")
        site = None
        if any(nz(r.get(k)) for k in ("site_lat", "site_lon", "site_coord_source")):
            site = parse_lonlat({"lat": r.get("site_lat") or "", "lon": r.get("site_lon") or ""}, what + " site")
            if not nz(r.get("site_coord_source")):
                err(f"{what}: site coordinates without site_coord_source")
        site_region = None
        if site:
            inside = ref.region_at(*site)
            site_region = inside[0] if inside else None
            if iso in ref.country_geom and not in_geom(site[0], site[1], ref.country_geom[iso]):
                err(f"{what}: site point {site} is outside {iso} in countries.geojson")
            if site_region != region_id:
                note(f"SITE ELSEWHERE {fid}: site point lies in {site_region}, the row's admin1 is {region_id} "
                     f"(kept for attribution, as the facts README says)")
        part = PART_OF.get(fid)
        drawn = site or ll
        props = {
            "id": fid,
            "name": r["name"].strip(),
            "label": massacre_label(r["name"]),
            "date": start,
            "date_end": end,
            "date_text": nz(r["date"]),
            "country": r["country"].strip(),
            "country_iso3": iso,
            "admin1": nz(r["admin1"]),
            "region_id": region_id,
            "location": nz(r["location"]),
            "geo_precision": to_int(r["geo_precision"], what + " geo_precision"),
            "drawn_at": "site" if site else "nearest-town",
            "proxy_lon": round(ll[0], PREC) if ll else None,
            "proxy_lat": round(ll[1], PREC) if ll else None,
            "site_lon": round(site[0], PREC) if site else None,
            "site_lat": round(site[1], PREC) if site else None,
            "site_coord_source": nz(r.get("site_coord_source")),
            "site_region_id": site_region,
            "part_of": part[0] if part else None,
            "part_of_note": part[1] if part else None,
            "fatalities_low": to_int(r["fatalities_low"], what + " fatalities_low"),
            "fatalities_high": to_int(r["fatalities_high"], what + " fatalities_high"),
            "perpetrator": nz(r["perpetrator_attributed"]),
            "perpetrator_type": nz(r["perpetrator_type"]),
            "source": nz(r["source_url_or_title"]),
            "confidence": nz(r["confidence"]),
            "notes": nz(r["notes"]),
        }
        lo, hi = props["fatalities_low"], props["fatalities_high"]
        if lo is not None and hi is not None and lo > hi:
            err(f"{what}: fatalities_low > fatalities_high")
        feats.append(feature(fid, props, point(*drawn) if drawn else None))
    ids = {f["id"] for f in feats}
    for part, (whole, _) in PART_OF.items():
        if part not in ids or whole not in ids:
            err(f"PART_OF {part} -> {whole}: no such row")
    feats.sort(key=lambda f: (f["properties"]["date"] or "", f["id"]))
    return feats


def read_table(facts: Path, name: str, required: list):
    """A small sourced table of GeoData/sources (every row must name its source)."""
    path = facts / f"{name}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for n, r in enumerate(rows, 2):
        for c in required:
            if not nz(r.get(c)):
                err(f"{name}.csv line {n}: empty {c}")
    return rows


def lineage_by_group(rows):
    """group -> [{"from", "to", "value"}] in date order: the name the group's lineage went by (group_lineage.csv)."""
    out = {}
    for n, r in enumerate(rows, 2):
        what = f"group_lineage.csv line {n}"
        f, _ = split_date(r["from"], what + " from")
        t, _ = split_date(r["to"], what + " to")
        out.setdefault(r["group"].strip(), []).append({"from": f, "to": t, "value": r["name"].strip()})
    for g, entries in out.items():
        entries.sort(key=lambda e: e["from"] or "")
        if entries[0]["from"] is not None:
            err(f"group_lineage.csv: {g}: the first name has a start date; leave it empty (since the start)")
        for a, b in zip(entries, entries[1:]):
            if not a["to"] or not b["from"] or a["to"] >= b["from"]:
                err(f"group_lineage.csv: {g}: {a['value']!r} to {a['to']} and {b['value']!r} from {b['from']} overlap or leave a gap unsaid")
    return out


def admin1_changes(rows, ref):
    """region id -> (since, name after the split, the new unit) from admin1_changes.csv."""
    out = {}
    for n, r in enumerate(rows, 2):
        what = f"admin1_changes.csv line {n}"
        rid = r["ne_region_id"].strip()
        if rid not in ref.region_by_id:
            err(f"{what}: region {rid} not in regions.geojson")
            continue
        since, _ = split_date(r["since"], what + " since")
        ll = parse_lonlat(r, what)
        if ll and not in_geom(ll[0], ll[1], ref.region_by_id[rid]["geometry"]):
            err(f"{what}: point {ll} of {r['new_unit_name']} is not inside {rid}, the unit that holds it")
        out.setdefault(rid, []).append((since, r, ll))
    return out


def build_new_regions(changes):
    """One Point per first-level unit newer than the Natural Earth polygons (a label, no boundary)."""
    feats = []
    for rid, entries in sorted(changes.items()):
        for since, r, ll in entries:
            code = r["new_unit_code"].strip()
            props = {
                "id": code,
                "name": r["new_unit_name"].strip(),
                "since": since,
                "inside": rid,
                "inside_name": r["ne_name"].strip(),
                "point_source": nz(r["point_source"]),
                "source": nz(r["source"]),
                "confidence": "high",
                "notes": f"No boundary offline: drawn as a label at a representative point; its area is inside "
                         f"Natural Earth v4.1 '{r['ne_name'].strip()}' ({rid}).",
            }
            feats.append(feature(code, props, point(*ll) if ll else None))
    feats.sort(key=lambda f: f["id"])
    return feats


def region_names_by_date(ids, name, changes):
    """[{"from", "to", "value"}]: the unit's name, then (from a split on) what it contains; None if it never changed."""
    if len(ids) != 1 or ids[0] not in changes:
        return None
    since, r, _ = sorted(changes[ids[0]], key=lambda e: e[0])[0]
    return [{"from": None, "to": None, "value": name}, {"from": since, "to": None, "value": r["name_after"].strip()}]


def build_presence(rows, ref, lineage=None, changes=None):
    lineage = lineage or {}
    changes = changes or {}
    feats = []
    union_cache = {}
    for n, r in enumerate(rows, 2):
        what = f"group_presence.csv line {n} ({r['group']} {r['admin1']})"
        raw = r["group"].strip()
        group = GROUP_NORMAL.get(fold(raw))
        if group is None:
            err(f"{what}: group {raw!r} not in GROUP_NORMAL")
            group = raw
        iso = ref.iso3(r["country"], what)
        ids, how, why = ref.admin1(iso, r["admin1"]) if iso else ([], "unmatched", "no country")
        region_id = ids[0] if len(ids) == 1 else None
        geom = None
        match_note = why
        if len(ids) == 1:
            geom = ref.region_by_id[ids[0]]["geometry"]
        elif len(ids) > 1:
            key = tuple(ids)
            if key not in union_cache:
                union_cache[key] = dissolve([ref.region_by_id[i]["geometry"] for i in ids])
            geom, how_union = union_cache[key]
            match_note = f"{why}; {how_union}"
            note(f"UNION {group} {r['admin1']} ({iso}) -> {'+'.join(ids)}: {how_union}")
        else:
            note(f"NO GEOMETRY {group} {r['admin1']} ({iso}): {why}")
        if how == "alias":
            note(f"ALIAS {group} {r['admin1']} ({iso}) -> {'+'.join(ids)}")
        fid = f"presence:{slug(group)}:{region_id or (iso or 'xxx').lower() + '-' + slug(r['admin1'])}"
        levels = {}
        for y in ("2015", "2018", "2021"):
            v = nz(r[f"level_{y}"])
            if v is not None and v not in LEVELS:
                err(f"{what}: level_{y} {v!r} not in {sorted(LEVELS)}")
            levels[y] = v
        fy = to_int(r["first_year"], what + " first_year")
        if fy is not None and not (1990 <= fy <= 2030):
            err(f"{what}: first_year {fy} implausible")
        if group not in lineage:
            err(f"{what}: group {group} has no names in group_lineage.csv")
        props = {
            "id": fid,
            "group": group,
            "group_raw": raw,
            "country": r["country"].strip(),
            "country_iso3": iso,
            "admin1": nz(r["admin1"]),
            "region_id": region_id,
            "region_ids": ids,
            "match": how,
            "match_note": match_note,
            "group_name_by_date": lineage.get(group),
            "region_name_by_date": region_names_by_date(ids, nz(r["admin1"]), changes),
            "first_year": fy,
            "level_2015": levels["2015"],
            "level_2018": levels["2018"],
            "level_2021": levels["2021"],
            "source": nz(r["source_url_or_title"]),
            "confidence": nz(r["confidence"]),
            "notes": nz(r["notes"]),
        }
        feats.append(feature(fid, props, geom))
    feats.sort(key=lambda f: f["id"])
    return feats


def build_events(rows, ref):
    feats = []
    for n, r in enumerate(rows, 2):
        what = f"political_events.csv line {n} ({r['date']} {r['event'][:30]})"
        start, end = split_date(r["date"], what)
        iso = ref.iso3(r["country"], what, required=False)
        words = slug(r["event"]).split("-")
        short = "-".join(words[:6])
        fid = f"event:{start}:{short}"
        also = EVENT_ALSO_APPLIES.get((r["date"].strip(), r["country"].strip()), [])
        props = {
            "id": fid,
            "date": start,
            "date_end": end,
            "country": nz(r["country"]),
            "country_iso3": iso,
            "countries_iso3": ([iso] if iso else []) + also,
            "event": nz(r["event"]),
            "event_type": nz(r["event_type"]),
            "source": nz(r["source"]),
            "confidence": nz(r["confidence"]),
            "notes": nz(r["notes"]),
        }
        feats.append(feature(fid, props, None))
    for k in EVENT_ALSO_APPLIES:
        if not any(f["properties"]["date"] == k[0] and f["properties"]["country"] == k[1] for f in feats):
            err(f"EVENT_ALSO_APPLIES {k}: no such row")
    feats.sort(key=lambda f: (f["properties"]["date"], f["id"]))
    return feats


def check_unique(name, feats):
    seen = set()
    for f in feats:
        if f["id"] in seen:
            err(f"{name}: duplicate id {f['id']}")
        seen.add(f["id"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", type=Path, default=DEFAULT_FACTS, help="facts directory (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=GEODATA, help="output directory (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="run the checks, write nothing")
    args = ap.parse_args()
    ref = Ref()
    lineage = lineage_by_group(read_table(args.facts, "group_lineage", ["group", "name", "source"]))
    changes = admin1_changes(read_table(args.facts, "admin1_changes",
                                        ["ne_region_id", "since", "name_after", "new_unit_name", "point_source", "source"]), ref)
    layers = {
        "bases.geojson": build_bases(read_csv(args.facts, "bases"), ref),
        "massacres.geojson": build_massacres(read_csv(args.facts, "massacres"), ref),
        "group_presence.geojson": build_presence(read_csv(args.facts, "group_presence"), ref, lineage, changes),
        "political_events.geojson": build_events(read_csv(args.facts, "political_events"), ref),
        "new_regions.geojson": build_new_regions(changes),
    }
    for name, feats in layers.items():
        check_unique(name, feats)
    print("\nAlias tables used:")
    for (iso, name), (ids, why) in sorted(ref.aliases_used.items()):
        print(f"  admin1 {iso} {name!r} -> {'+'.join(ids)}: {why}")
    for name, iso in sorted(ref.extra_countries_used.items()):
        print(f"  country {name!r} -> {iso}")
    if ERRORS:
        print(f"\n{len(ERRORS)} error(s); nothing written.", file=sys.stderr)
        return 1
    print()
    for name, feats in layers.items():
        text = fc_text(feats)
        path = args.out / name
        if not args.check:
            path.write_text(text, encoding="utf-8")
        print(f"{'checked' if args.check else 'wrote'} {name}: {len(feats)} features, "
              f"{len(text.encode('utf-8'))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
