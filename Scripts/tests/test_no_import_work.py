"""Importing the scripts does no work: no exit, no temporary folder, no file written."""
import os
import subprocess
import sys

CODE = r"""
import importlib, importlib.util, sys
sys.path.insert(0, sys.argv[1] + "/Scripts")
for m in ["common", "geodata", "geodata.__main__", "geodata.sources", "geodata.fixes", "geodata.io",
          "geodata.geom", "geodata.countries", "geodata.regions", "geodata.full_detail", "geodata.africa",
          "geodata.places", "geodata.water", "geodata.pipeline"]:
    importlib.import_module(m)
for name in ["derive-geodata", "derive-thematic", "derive-liptako-events", "gen-acled"]:
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), f"{sys.argv[1]}/Scripts/{name}.py")
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
print("imported")
"""


def test_importing_every_script_does_no_work(root, tmp_path):
    tmp, cwd = tmp_path / "tmp", tmp_path / "cwd"
    tmp.mkdir()
    cwd.mkdir()
    watched = [root / "Maps/data/liptako-gourma-events.csv"] + sorted((root / "GeoData").glob("*.geojson"))
    before = {p: p.stat().st_mtime_ns for p in watched}
    env = os.environ | {"TMPDIR": str(tmp), "SAHELMAP_FACTS_DIR": str(tmp_path / "missing"),
                        "SAHELMAP_DERIVE_CACHE": ""}
    r = subprocess.run([sys.executable, "-c", CODE, str(root)], cwd=cwd, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "imported\n"
    assert list(tmp.iterdir()) == [] and list(cwd.iterdir()) == []
    assert {p: p.stat().st_mtime_ns for p in watched} == before


def test_derive_geodata_without_facts_says_so(root, tmp_path):
    r = subprocess.run([sys.executable, str(root / "Scripts/derive-geodata.py"), "--facts", str(tmp_path / "none"),
                        "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert r.returncode == 2
    assert "no facts folder" in r.stderr
    assert not (tmp_path / "out").exists()
