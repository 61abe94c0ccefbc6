"""boundary_lines.geojson: every country and region border as one line network, each edge once with the pair of
units it separates, so a map strokes a shared border once (dashes stay in phase, joins are clean) and can style
coasts and land borders apart.

Built from the written geometry of countries.geojson and regions.geojson, which share their borders vertex for
vertex (one coverage, see full_detail). The units are the 180 regions of the 13 region countries and the other
countries whole. Every ring segment is keyed by its two end points; a segment two units have in common is a
border between them, a segment only one unit has is a coast, unless it lies on the border of a country outside
countries.geojson (the data window's edge), found in the full Natural Earth admin-0 polygons. Segments are then
chained into lines between the points where three or more edges meet, or where the pair of units changes."""
from __future__ import annotations

from pathlib import Path

import shapely

from common import feature
from .full_detail import ADMIN0_ZIP, NE10_SIMPLIFY
from .geom import shp_record_to_shapely
from .io import shp_polygons_with_attributes
from .regions import REGION_COUNTRIES
from .sources import Cache, log

# A one-unit segment whose midpoint lies this close (degrees) to a country outside countries.geojson is a land
# border with that country: coverage simplification moved the border at most NE10_SIMPLIFY from NE's line.
OUTSIDE_TOLERANCE = 1.2 * NE10_SIMPLIFY


def _rings(geometry):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for rings in polys:
        yield from rings


def _units(countries, regions):
    """(unit id, country id, geometry) for each region of the region countries and each other country."""
    units = [(f["id"], f["properties"]["country"], f["geometry"]) for f in regions]
    units += [(f["id"], f["id"], f["geometry"]) for f in countries if f["id"] not in REGION_COUNTRIES]
    return sorted(units, key=lambda u: u[0])


def _outside_countries(grne: Path, cache: Cache, inside: set[str]):
    """NE v5 admin-0 polygons of the countries countries.geojson does not hold, by ADM0_A3 code."""
    zdir = cache.unzip(grne / ADMIN0_ZIP, "ne_10m_admin_0_countries_deu")
    out = {}
    for row, rec in shp_polygons_with_attributes(zdir / "ne_10m_admin_0_countries_deu.shp"):
        codes = {row["ISO_A3"], row["ADM0_A3"]} - {"-99"}
        if codes & inside:
            continue
        out[row["ADM0_A3"]] = shp_record_to_shapely(rec)
    return out


def build_boundaries(countries, regions, grne: Path, cache: Cache):
    """The line features of boundary_lines.geojson (see the module's doc and GeoData/PROVENANCE.md)."""
    units = _units(countries, regions)
    country_of = {uid: c for uid, c, _ in units}
    # undirected segment -> [(unit, start, end)]: a ring runs counter-clockwise around its unit's interior
    # (holes clockwise), so its unit lies on the left of start -> end.
    segments: dict[tuple, list] = {}
    for uid, _, geometry in units:
        for ring in _rings(geometry):
            for p, q in zip(ring, ring[1:]):
                p, q = tuple(p), tuple(q)
                if p != q:
                    segments.setdefault((min(p, q), max(p, q)), []).append((uid, p, q))
    crowded = [k for k, v in segments.items() if len(v) > 2]
    if crowded:
        raise SystemExit(f"boundaries: {len(crowded)} segments belong to more than two units, e.g. {crowded[0]}")
    inside = {f["id"] for f in countries} | {f["properties"].get("iso_a3") for f in countries} - {None}
    outside = _outside_countries(grne, cache, inside)
    codes = sorted(outside)
    tree = shapely.STRtree([outside[c] for c in codes])
    lonely = sorted(k for k, v in segments.items() if len(v) == 1)
    mids = shapely.points([((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in lonely])
    near_outside = {}
    if lonely:
        hits = tree.query(mids, predicate="dwithin", distance=OUTSIDE_TOLERANCE)
        for i, j in sorted(zip(hits[0].tolist(), hits[1].tolist())):
            near_outside.setdefault(lonely[i], codes[j])  # the first by code where two are this close
    # directed edges: start -> (end, key), key = (kind, left, right, left country, right country)
    edges = {}
    for k, owners in segments.items():
        owners = sorted(owners)
        left, p, q = owners[0]
        if len(owners) == 2:
            right = owners[1][0]
            rc = country_of[right]
        else:
            right = rc = near_outside.get(k)
        lc = country_of[left]
        kind = "coast" if right is None else ("admin1" if lc == rc else "admin0")
        edges[(p, q)] = (kind, left, right, lc, rc)
    degree: dict[tuple, int] = {}
    for a, b in segments:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    starting: dict[tuple, list] = {}
    for (p, q), key in edges.items():
        starting.setdefault(p, []).append((q, key))

    def successor(q, key):
        """The edge after one ending at q with this key, if the line goes on through q."""
        if degree[q] != 2:
            return None
        nxt = [e for e in starting.get(q, []) if e[1] == key]
        return nxt[0][0] if nxt else None

    ending: dict[tuple, list] = {}
    for (p, q), key in edges.items():
        ending.setdefault(q, []).append((p, key))

    def continues(p, key):
        """Whether an edge with this key ends at p and goes on through it."""
        return degree[p] == 2 and any(k == key for _, k in ending.get(p, []))

    used = set()
    lines = []

    def walk(p, q, key):
        pts = [p, q]
        used.add((p, q))
        while True:
            r = successor(pts[-1], key)
            if r is None or (pts[-1], r) in used:
                break
            used.add((pts[-1], r))
            pts.append(r)
        lines.append((key, pts))

    for (p, q) in sorted(edges):
        key = edges[(p, q)]
        if (p, q) not in used and not continues(p, key):
            walk(p, q, key)
    for (p, q) in sorted(edges):  # closed lines (an island, an enclave): from their smallest vertex
        if (p, q) not in used:
            walk(p, q, edges[(p, q)])
    lines.sort(key=lambda t: (t[0][0], t[0][1], t[0][2] or "", t[1][0], t[1][1]))
    feats, count = [], {}
    for (kind, left, right, lc, rc), pts in lines:
        pair = f"{left}|{right or 'sea'}"
        count[pair] = count.get(pair, 0) + 1
        fid = f"{pair}#{count[pair]}"
        props = {"id": fid, "kind": kind, "left": left, "right": right, "left_country": lc, "right_country": rc}
        feats.append(feature(fid, props, {"type": "LineString", "coordinates": [list(p) for p in pts]}))
    kinds = {}
    for f in feats:
        kinds[f["properties"]["kind"]] = kinds.get(f["properties"]["kind"], 0) + 1
    edge_total = sum(len(f["geometry"]["coordinates"]) - 1 for f in feats)
    if edge_total != len(segments):
        raise SystemExit(f"boundaries: {edge_total} edges in lines, {len(segments)} segments")
    log(f"boundaries: {len(segments)} segments of {len(units)} units -> {len(feats)} lines "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); "
        f"{len(set(near_outside.values()))} countries outside the data touch it")
    return feats
