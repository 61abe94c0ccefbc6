"""Geometry helpers: canonical coordinates (rounded, RFC 7946 orientation, fixed start vertex) and the
conversions between shapely and nested coordinate lists. A polygon here is a list of rings
[exterior, hole, ...]; a ring is a list of (x, y)."""
from __future__ import annotations

import numpy as np
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

from common import PREC


def signed_area(r) -> float:
    """Shoelace area of an (open or closed) ring: positive when counter-clockwise."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]):
        s += x1 * y2 - x2 * y1
    return s / 2


def rnd(v: float, prec: int = PREC) -> float:
    v = round(v, prec)
    return 0.0 if v == 0 else v


def clean_ring(r, ccw: bool, prec: int = PREC):
    """Round, drop repeated points, close, orient (RFC 7946) and start at the smallest vertex."""
    pts = []
    for x, y in r:
        p = (rnd(x, prec), rnd(y, prec))
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 3:
        return None
    if (signed_area(pts) > 0) != ccw:
        pts.reverse()
    i = min(range(len(pts)), key=lambda k: pts[k])
    pts = pts[i:] + pts[:i]
    return pts + [pts[0]]


def clean_polys(polys, prec: int = PREC):
    """list of polygons (rings) -> canonical MultiPolygon coordinates."""
    out = []
    for rings in polys:
        ext = clean_ring(rings[0], True, prec)
        if ext is None:
            continue
        holes = [h for h in (clean_ring(r, False, prec) for r in rings[1:]) if h is not None]
        holes.sort()
        out.append([ext] + holes)
    out.sort(key=lambda p: p[0][0])
    return out


def shapely_to_polys(g):
    geoms = [g] if g.geom_type == "Polygon" else list(g.geoms)
    return [[list(p.exterior.coords)] + [list(i.coords) for i in p.interiors] for p in geoms]


def polys_to_shapely(polys):
    return MultiPolygon([Polygon(p[0], p[1:]) for p in polys])


def geom_json(polys):
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def shp_record_to_shapely(rec):
    """One shapefile polygon record (a list of rings; outer rings clockwise, holes counter-clockwise, as the
    ESRI format has them) -> a shapely (Multi)Polygon with each hole in the outer ring that holds it."""
    outers, holes = [], []
    for r in rec:
        (outers if signed_area(r) < 0 else holes).append(Polygon(r))
    polys = []
    for o in outers:
        hs = [h for h in holes if o.contains(h.representative_point())]
        polys.append(Polygon(o.exterior.coords, [h.exterior.coords for h in hs]))
    return unary_union(polys)


def insert_vertices(g, pts, eps=1e-9):
    """Insert points lying on (within eps of) a polygon's ring segments as ring vertices."""

    def ring(coords):
        xy = np.asarray(coords)
        a, b = xy[:-1], xy[1:]
        ins = {}
        for q in pts:
            qv = np.asarray(q)
            ab = b - a
            ll = (ab ** 2).sum(axis=1)
            t = np.clip(((qv - a) * ab).sum(axis=1) / np.where(ll == 0, 1, ll), 0, 1)
            dist = np.hypot(*(a + ab * t[:, None] - qv).T)
            j = int(np.argmin(dist))
            if dist[j] <= eps and 0 < t[j] < 1 and tuple(a[j]) != q and tuple(b[j]) != q:
                ins.setdefault(j, []).append((t[j], q))
        if not ins:
            return coords
        out = []
        for j in range(len(a)):
            out.append(tuple(a[j]))
            out += [q for _, q in sorted(ins.get(j, []))]
        return out + [out[0]]

    parts = [g] if g.geom_type == "Polygon" else list(g.geoms)
    res = MultiPolygon([Polygon(ring(list(p.exterior.coords)), [ring(list(h.coords)) for h in p.interiors])
                        for p in parts])
    return res if len(parts) > 1 else res.geoms[0]
