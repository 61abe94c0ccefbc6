"""Readers for the source formats: GeoPackage tables through sqlite3, their geometry blobs through
shapely.from_wkb; ESRI shapefiles and their dBASE tables through pyshp."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import shapefile  # pyshp
import shapely

from .geom import polys_to_shapely, shapely_to_polys
from shapely.ops import unary_union

# GeoPackage geometry header: envelope contents indicator (flags bits 1-3) -> envelope size in bytes
GPKG_ENVELOPE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

SHP_POLYGON = (shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM)
SHP_POLYLINE = (shapefile.POLYLINE, shapefile.POLYLINEZ, shapefile.POLYLINEM)


def gpkg_geometry(blob: bytes):
    """A GeoPackage geometry blob ('GP', version, flags, srs_id, envelope, then WKB) -> shapely geometry."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    env = (blob[3] >> 1) & 7
    return shapely.from_wkb(blob[8 + GPKG_ENVELOPE[env]:])


def gpkg_polygons(blob: bytes):
    """A GeoPackage (Multi)Polygon blob -> list of polygons (lists of rings of (x, y))."""
    return shapely_to_polys(gpkg_geometry(blob))


def open_gpkg(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def world_map_countries(con: sqlite3.Connection):
    """QGIS world_map.gpkg: the countries with ISO codes -> [(iso_a2, NAME, ISO_A3, polygons)] in table order,
    and the units NE has no ISO 3166-1 code for (Northern Cyprus, the UK bases on Cyprus, ...), which the
    countries table lumps into one row: one (adm0_a3, admin, shapely geometry) per unit, dissolved from its
    admin-1 rows, sorted."""
    rows = []
    for a2, name, a3, blob in con.execute("select iso_a2, NAME, ISO_A3, geom from countries"):
        if a2 == "-1" and name is None:
            continue  # the lumped row; taken per unit below
        rows.append((a2, name, a3, gpkg_polygons(blob)))
    parts = {}
    for a3, admin, blob in con.execute(
            "select adm0_a3, admin, geom from states_provinces where iso_a2 = '-1' order by fid"):
        parts.setdefault((a3, admin), []).extend(gpkg_polygons(blob))
    units = [(a3, admin, unary_union([polys_to_shapely([p]) for p in polys]))
             for (a3, admin), polys in sorted(parts.items())]
    return rows, units


def _parts(shape):
    pts = [(p[0], p[1]) for p in shape.points]
    bounds = list(shape.parts) + [len(pts)]
    return [pts[bounds[i]:bounds[i + 1]] for i in range(len(shape.parts))]


def shp_records(path: Path, types):
    """ESRI .shp -> list of records, each a list of parts [(x, y), ...]; null shapes are skipped, any other
    shape type than `types` is an error."""
    with shapefile.Reader(str(path)) as r:
        out = []
        for s in r.iterShapes():
            if s.shapeType == shapefile.NULL:
                continue
            if s.shapeType not in types:
                raise ValueError(f"{path.name}: shape type {s.shapeType}, expected one of {types}")
            out.append(_parts(s))
        return out


def shp_polygons(path: Path):
    """Polygon shapefile -> list of records, each a list of rings [(x, y), ...]."""
    return shp_records(path, SHP_POLYGON)


def shp_lines(path: Path):
    """PolyLine shapefile -> list of parts [(x, y), ...] with at least two points."""
    return [part for rec in shp_records(path, SHP_POLYLINE) for part in rec if len(part) > 1]


def shp_polygons_with_attributes(path: Path, encoding="utf-8"):
    """Polygon shapefile + its .dbf -> [(attributes as a dict of str, rings)], one per record."""
    with shapefile.Reader(str(path), encoding=encoding) as r:
        out = []
        for sr in r.iterShapeRecords():
            if sr.shape.shapeType not in SHP_POLYGON:
                raise ValueError(f"{path.name}: shape type {sr.shape.shapeType}, expected a polygon")
            out.append((sr.record.as_dict(), _parts(sr.shape)))
        return out
