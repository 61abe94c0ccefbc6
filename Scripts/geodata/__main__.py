"""python3 Scripts/derive-geodata.py [--out DIR] [--cache DIR] [--facts DIR]   (or: cd Scripts; python3 -m geodata)

Regenerates GeoData/{countries,regions,boundary_lines,africa,places,water}.geojson and GeoData/gazetteer.tsv deterministically (sorted features,
5-decimal coordinates, 3 for africa, compact JSON, one feature per line). GeoData/PROVENANCE.md describes
sources, licences and processing; keep it in step with geodata/sources.py and geodata/fixes.py.

Sources are downloaded, never installed system-wide, into a cache folder: --cache DIR (or the environment
variable SAHELMAP_DERIVE_CACHE) names one to reuse between runs; otherwise a temporary folder is used and
removed at the end. Needs python3 (3.10+), apt-get (Debian 12), network access to Debian and PyPI, and pip.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent


def parse_args(argv=None):
    ap = argparse.ArgumentParser(prog="derive-geodata", description="Regenerate GeoData/{countries,regions,boundary_lines,africa,places,water}.geojson and gazetteer.tsv.")
    ap.add_argument("--out", type=Path, default=ROOT / "GeoData", help="output folder (default: %(default)s)")
    ap.add_argument("--cache", type=Path, default=os.environ.get("SAHELMAP_DERIVE_CACHE") or None,
                    help="download cache to reuse (default: $SAHELMAP_DERIVE_CACHE, else a temporary folder)")
    ap.add_argument("--facts", type=Path,
                    default=Path(os.environ.get("SAHELMAP_FACTS_DIR") or ROOT / "GeoData" / "sources"),
                    help="the sourced tables (default: $SAHELMAP_FACTS_DIR, else %(default)s)")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.facts.is_dir():
        print(f"derive-geodata: no facts folder at {args.facts}; pass --facts or set SAHELMAP_FACTS_DIR",
              file=sys.stderr)
        return 2
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    from geodata.sources import Cache, check_libs

    cache_dir = args.cache or Path(tempfile.mkdtemp(prefix="sahelmap-derive-"))
    cache_dir.mkdir(parents=True, exist_ok=True)
    try:
        cache = Cache(cache_dir)
        cache.load_libs()
        check_libs()
        from geodata.pipeline import derive  # imports shapely: only after load_libs

        args.out.mkdir(parents=True, exist_ok=True)
        derive(args.out, args.facts, cache)
    finally:
        if args.cache is None:
            shutil.rmtree(cache_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
