import pytest


from geodata.geom import clean_polys, clean_ring, geom_json, polys_to_shapely, shapely_to_polys, signed_area

SQUARE_CW = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]


def test_signed_area_positive_when_counter_clockwise():
    assert signed_area(SQUARE_CW) == -1.0
    assert signed_area(SQUARE_CW[::-1]) == 1.0


def test_clean_ring_orients_closes_and_starts_at_the_smallest_vertex():
    ext = clean_ring([(1.0, 1.0), (1.0, 0.0), (0.0, 0.0), (0.0, 1.0)], ccw=True)
    assert ext == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert signed_area(ext[:-1]) > 0
    hole = clean_ring(SQUARE_CW[::-1], ccw=False)
    assert hole == [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
    assert signed_area(hole[:-1]) < 0


def test_clean_ring_rounds_and_drops_repeated_points():
    r = [(0.000001, 0.0), (2.0, 0.0), (2.0000001, 0.0), (2.0, 2.123456789), (0.0, 0.0)]
    assert clean_ring(r, ccw=True) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.12346), (0.0, 0.0)]
    assert clean_ring(r, ccw=True, prec=1) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.1), (0.0, 0.0)]


def test_clean_ring_degenerate_is_none():
    assert clean_ring([(0.0, 0.0), (1.0, 1.0), (0.0, 0.0)], ccw=True) is None
    assert clean_ring([(0.0, 0.0), (0.000001, 0.0), (0.0, 0.000001)], ccw=True) is None


def test_clean_polys_sorts_parts_and_holes_and_keeps_rfc7946_orientation():
    far = [(5.0, 5.0), (5.0, 6.0), (6.0, 6.0), (6.0, 5.0)]
    big = [(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0)]
    h1 = [(2.0, 2.0), (3.0, 2.0), (3.0, 3.0)]
    h2 = [(1.0, 1.0), (2.0, 1.0), (1.0, 2.0)]
    out = clean_polys([[far], [big, h1, h2]])
    assert [p[0][0] for p in out] == [(0.0, 0.0), (5.0, 5.0)]
    assert [h[0] for h in out[0][1:]] == [(1.0, 1.0), (2.0, 2.0)]
    assert all(signed_area(p[0][:-1]) > 0 for p in out)
    assert all(signed_area(h[:-1]) < 0 for h in out[0][1:])
    g = polys_to_shapely(out)
    assert g.is_valid and g.area == pytest.approx(1 + 16 - 0.5 - 0.5)
    assert geom_json(out)["type"] == "MultiPolygon" and geom_json(out[:1])["type"] == "Polygon"
    assert clean_polys(shapely_to_polys(g)) == out
