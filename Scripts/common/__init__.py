"""Helpers shared by every derivation script (derive-geodata, derive-thematic, derive-liptako-events, gen-acled).

Standard library only, so that derive-thematic, derive-liptako-events and gen-acled keep needing nothing but
Python 3. No work at import time.
"""
import re
import unicodedata
from pathlib import Path

from .geojson import PREC, dump, fmt_num

__all__ = ["ACLED_HEADER", "PREC", "dump", "fc_text", "feature", "fmt_num", "fold", "slug", "write_fc"]

# The 31 columns of an ACLED export, 2023+ layout (the Swift importer's ACLEDColumn lists the same names).
ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def fold(s: str) -> str:
    """Accent- and case-insensitive key; dashes/underscores/whitespace collapsed to one space."""
    s = s.replace("\u2019", "'")  # before the ASCII folding, which would drop it
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\s_\-–]+", " ", s).strip()


def slug(s: str) -> str:
    """ASCII id part: accents dropped, apostrophes dropped (N'Djamena -> ndjamena), any other run of
    non-alphanumerics (spaces, hyphens, en/em dashes) -> one hyphen."""
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)  # en/em dashes etc. separate words
    s = re.sub(r"['\u2019]", "", s)  # N'Djamena -> ndjamena
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def feature(fid, props, geom):
    return {"type": "Feature", "id": fid, "properties": props, "geometry": geom}


def fc_text(features) -> str:
    """A FeatureCollection as written under GeoData/: compact JSON, one feature per line."""
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(dump(f) for f in features) + "\n]}\n"


def write_fc(path: Path, features) -> int:
    """Write `features` to `path` (see fc_text); returns the size in bytes."""
    text = fc_text(features)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
