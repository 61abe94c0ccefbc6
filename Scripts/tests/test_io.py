import sqlite3
import struct

import pytest
import shapefile
import shapely
from shapely.geometry import Polygon, box

from geodata.countries import build_countries
from geodata.geom import shp_record_to_shapely, signed_area
from geodata.io import (gpkg_geometry, gpkg_polygons, open_gpkg, shp_lines, shp_polygons,
                        shp_polygons_with_attributes, world_map_countries)


def gpkg_blob(geom, envelope=1):
    """A GeoPackage geometry blob: magic, version 0, flags (little endian, envelope indicator), srs 4326."""
    flags = (envelope << 1) | 1
    env = {0: b"", 1: struct.pack("<4d", *geom.bounds)}[envelope]
    return b"GP" + bytes([0, flags]) + struct.pack("<i", 4326) + env + shapely.to_wkb(geom)


def test_gpkg_blob_with_and_without_envelope():
    p = Polygon([(0, 0), (2, 0), (2, 1), (0, 1)], [[(0.5, 0.25), (0.5, 0.75), (1, 0.75)]])
    for env in (0, 1):
        polys = gpkg_polygons(gpkg_blob(p, env))
        assert polys == [[[(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (0.0, 1.0), (0.0, 0.0)],
                          [(0.5, 0.25), (0.5, 0.75), (1.0, 0.75), (0.5, 0.25)]]]
    mp = shapely.union(box(0, 0, 1, 1), box(3, 3, 4, 4))
    assert gpkg_geometry(gpkg_blob(mp)).equals(mp)
    assert len(gpkg_polygons(gpkg_blob(mp))) == 2
    with pytest.raises(ValueError):
        gpkg_geometry(b"XX" + gpkg_blob(p)[2:])


def tiny_world_map(path):
    con = sqlite3.connect(path)
    con.execute("create table countries (fid integer primary key, iso_a2, NAME, ISO_A3, geom blob)")
    con.execute("create table states_provinces (fid integer primary key, adm0_a3, admin, name, iso_a2, geom blob)")
    con.executemany("insert into countries (iso_a2, NAME, ISO_A3, geom) values (?, ?, ?, ?)", [
        ("CF", "Central African Rep.", "CAF", gpkg_blob(box(16, 4, 24, 10))),
        ("NO", "Norway", "NOR", gpkg_blob(box(5, 58, 30, 71))),  # outside the window
        ("-1", None, "-99", gpkg_blob(box(33, 35, 34, 35.5))),  # NE's lumped row of units without ISO codes
    ])
    con.executemany("insert into states_provinces (adm0_a3, admin, name, iso_a2, geom) values (?, ?, ?, ?, ?)", [
        ("CYN", "Northern Cyprus", "Kyrenia", "-1", gpkg_blob(box(33, 35, 33.5, 35.5))),
        ("CYN", "Northern Cyprus", "Famagusta", "-1", gpkg_blob(box(33.5, 35, 34, 35.5))),
        ("MLI", "Mali", "Gao", "ML", gpkg_blob(box(0, 15, 4, 18))),
    ])
    con.commit()
    con.close()


def test_one_gpkg_country_row_and_a_dissolved_unit(tmp_path):
    tiny_world_map(tmp_path / "w.gpkg")
    con = open_gpkg(tmp_path / "w.gpkg")
    rows, units = world_map_countries(con)
    assert [(a2, name, a3) for a2, name, a3, _ in rows] == [("CF", "Central African Rep.", "CAF"), ("NO", "Norway", "NOR")]
    assert len(rows[0][3]) == 1 and Polygon(rows[0][3][0][0]).equals(box(16, 4, 24, 10))
    assert [(a3, admin) for a3, admin, _ in units] == [("CYN", "Northern Cyprus")]
    assert units[0][2].geom_type == "Polygon" and units[0][2].area == pytest.approx(0.5)
    feats = build_countries(con)
    assert [f["id"] for f in feats] == ["CAF", "CYN"]
    assert feats[0]["properties"] == {"id": "CAF", "name": "Central African Republic", "iso_a2": "CF", "iso_a3": "CAF"}
    assert feats[1]["properties"] == {"id": "CYN", "name": "Northern Cyprus", "iso_a2": None, "iso_a3": None}
    ring = feats[0]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] == (16.0, 4.0) and signed_area(ring[:-1]) > 0  # RFC 7946: exterior CCW
    con.close()


def test_one_shapefile_polygon_record_with_a_hole(tmp_path):
    outer_cw = [(0, 0), (0, 4), (4, 4), (4, 0), (0, 0)]
    hole_ccw = [(1, 1), (2, 1), (2, 2), (1, 2), (1, 1)]
    with shapefile.Writer(str(tmp_path / "lakes"), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("ISO_A3", "C", 3)
        w.field("NAME", "C", 20)
        w.poly([outer_cw, hole_ccw])
        w.record("MLI", "Débo ")
        w.null()
        w.record("", "")
    recs = shp_polygons(tmp_path / "lakes.shp")
    assert len(recs) == 1  # the null shape is skipped
    assert recs[0] == [[(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0), (0.0, 0.0)],
                       [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0), (1.0, 1.0)]]
    g = shp_record_to_shapely(recs[0])
    assert g.geom_type == "Polygon" and len(g.interiors) == 1 and g.area == pytest.approx(15.0)
    with pytest.raises(ValueError):
        shp_lines(tmp_path / "lakes.shp")


def test_shapefile_attributes_and_lines(tmp_path):
    with shapefile.Writer(str(tmp_path / "a0"), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("ISO_A3", "C", 3)
        w.field("ADM0_A3", "C", 3)
        w.poly([[(0, 0), (0, 1), (1, 1), (0, 0)]])
        w.record("-99", "SOL")
    [(row, rings)] = shp_polygons_with_attributes(tmp_path / "a0.shp")
    assert row == {"ISO_A3": "-99", "ADM0_A3": "SOL"}
    assert len(rings) == 1 and len(rings[0]) == 4
    with shapefile.Writer(str(tmp_path / "lines"), shapeType=shapefile.POLYLINE) as w:
        w.field("ID", "N", 4)
        w.line([[(0, 0), (1, 1), (2, 1)], [(5, 5), (6, 6)]])
        w.record(1)
    assert shp_lines(tmp_path / "lines.shp") == [[(0.0, 0.0), (1.0, 1.0), (2.0, 1.0)], [(5.0, 5.0), (6.0, 6.0)]]
