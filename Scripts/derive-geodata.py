#!/usr/bin/env python3
"""Regenerate SahelMap's committed geodata under GeoData/: see Scripts/geodata/ (its __main__ for the options).

    python3 Scripts/derive-geodata.py [--out DIR] [--cache DIR] [--facts DIR]
"""
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from geodata.__main__ import main

    sys.exit(main())
