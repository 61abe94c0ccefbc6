"""Regenerating GeoData gives the committed bytes.

derive-thematic: from fact tables rebuilt out of the committed thematic GeoData (every column the script
reads), so every derived value (ids, labels, forces, closure status, admin-1 matching and unions, geometry
taken from regions.geojson, order, formatting) is recomputed; and from ../shared/facts as CI has it.
derive-geodata: the full regeneration (Debian + PyPI downloads into a cache; ~10 s with the cache,
~50 s without). SAHELMAP_SKIP_DERIVE_GEODATA=1 skips it (e.g. offline).
"""
import csv
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

THEMATIC = ["bases.geojson", "massacres.geojson", "group_presence.geojson", "political_events.geojson"]
GEODATA = ["countries.geojson", "regions.geojson", "boundary_lines.geojson", "africa.geojson", "places.geojson", "water.geojson", "gazetteer.tsv"]


def _features(root, name):
    return [f["properties"] | {"_xy": f["geometry"] and f["geometry"]["coordinates"]}
            for f in json.loads((root / "GeoData" / name).read_text(encoding="utf-8"))["features"]]


def _cell(v):
    return "" if v is None else str(v)


def facts_from_geodata(root: Path, facts: Path):
    """Write bases/massacres/group_presence/political_events.csv holding what the committed GeoData says
    the facts held."""
    def write(name, cols, rows):
        with (facts / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            w.writerows([[_cell(r.get(c)) for c in cols] for r in rows])

    def ll(p):
        return {"lon": repr(p["_xy"][0]), "lat": repr(p["_xy"][1])} if p["_xy"] else {"lon": "", "lat": ""}

    write("bases", ["name", "operator", "country", "lat", "lon", "coord_source", "opened", "closed_or_handed_over",
                    "handed_to", "source_url_or_title", "confidence", "notes"],
          [p | ll(p) | {"name": p["full_name"], "source_url_or_title": p["source"]}
           for p in _features(root, "bases.geojson")])
    write("massacres", ["name", "date", "country", "admin1", "location", "lat", "lon", "geo_precision",
                        "fatalities_low", "fatalities_high", "perpetrator_attributed", "perpetrator_type",
                        "source_url_or_title", "confidence", "notes"],
          [p | ll(p) | {"date": p["date_text"], "perpetrator_attributed": p["perpetrator"],
                        "source_url_or_title": p["source"]} for p in _features(root, "massacres.geojson")])
    write("group_presence", ["group", "country", "admin1", "first_year", "level_2015", "level_2018", "level_2021",
                             "source_url_or_title", "confidence", "notes"],
          [p | {"group": p["group_raw"], "source_url_or_title": p["source"]}
           for p in _features(root, "group_presence.geojson")])
    write("political_events", ["date", "country", "event", "event_type", "source", "confidence", "notes"],
          [p | {"date": p["date"] + (f"/{p['date_end']}" if p["date_end"] else "")}
           for p in _features(root, "political_events.geojson")])


def derive_thematic(root, facts, out, check=False):
    cmd = [sys.executable, str(root / "Scripts/derive-thematic.py"), "--facts", str(facts), "--out", str(out)]
    return subprocess.run(cmd + (["--check"] if check else []), capture_output=True, text=True)


def test_derive_thematic_rebuilds_the_committed_bytes(root, tmp_path):
    facts, out = tmp_path / "facts", tmp_path / "out"
    facts.mkdir()
    out.mkdir()
    facts_from_geodata(root, facts)
    r = derive_thematic(root, facts, out)
    assert r.returncode == 0, r.stderr
    for name in THEMATIC:
        assert (out / name).read_bytes() == (root / "GeoData" / name).read_bytes(), name
    assert "wrote bases.geojson: 27 features" in r.stdout


def test_derive_thematic_refuses_a_broken_row(root, tmp_path):
    facts, out = tmp_path / "facts", tmp_path / "out"
    facts.mkdir()
    out.mkdir()
    facts_from_geodata(root, facts)
    text = (facts / "massacres.csv").read_text(encoding="utf-8")
    (facts / "massacres.csv").write_text(re.sub(r"\n([^,\n]*),2019-", r"\n\1,2019-13-", text, count=1),
                                         encoding="utf-8")
    r = derive_thematic(root, facts, out)
    assert r.returncode == 1
    assert "date not YYYY, YYYY-MM, YYYY-MM-DD" in r.stderr
    assert list(out.iterdir()) == []


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return len(list(csv.DictReader(fh)))


def test_derive_thematic_on_the_shared_facts(root, shared_facts, tmp_path):
    """With ../shared/facts: the committed bytes, unless the facts have other row counts than derive-thematic
    expects (the facts README's), which it must then refuse, writing nothing."""
    if not shared_facts.is_dir():
        pytest.skip(f"no shared facts at {shared_facts}")
    spec = importlib.util.spec_from_file_location("derive_thematic", root / "Scripts/derive-thematic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.EXPECTED_ROWS
    assert set(expected) == {"bases", "massacres", "group_presence", "political_events"}
    counts = {name: _rows(shared_facts / f"{name}.csv") for name in expected}
    r = derive_thematic(root, shared_facts, tmp_path, check=False)
    if counts != expected:
        assert r.returncode == 1
        for name, n in counts.items():
            if n != expected[name]:
                assert f"{name}.csv: {n} rows, facts README says {expected[name]}" in r.stderr
        assert list(tmp_path.iterdir()) == []
        return
    assert r.returncode == 0, r.stderr
    for name in THEMATIC:
        assert (tmp_path / name).read_bytes() == (root / "GeoData" / name).read_bytes(), name


@pytest.mark.skipif(os.environ.get("SAHELMAP_SKIP_DERIVE_GEODATA") == "1", reason="SAHELMAP_SKIP_DERIVE_GEODATA=1")
def test_derive_geodata_rebuilds_the_committed_bytes(root, shared_facts, tmp_path):
    if not shared_facts.is_dir():
        pytest.skip(f"no shared facts at {shared_facts} (places.geojson takes the towns they name)")
    cache = Path(os.environ.get("SAHELMAP_DERIVE_CACHE") or Path.home() / ".cache" / "sahelmap-derive")
    out = tmp_path / "GeoData"
    r = subprocess.run([sys.executable, str(root / "Scripts/derive-geodata.py"), "--out", str(out),
                        "--cache", str(cache), "--facts", str(shared_facts)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-4000:]
    assert sorted(p.name for p in out.iterdir()) == sorted(GEODATA)
    for name in GEODATA:
        assert (out / name).read_bytes() == (root / "GeoData" / name).read_bytes(), name
