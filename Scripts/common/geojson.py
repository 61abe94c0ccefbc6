"""Deterministic compact JSON for the GeoData derivation scripts: fixed float precision, keys in insertion order."""
import json

PREC = 5  # decimals (~1 m)


def fmt_num(v, prec=PREC):
    if isinstance(v, float):
        s = f"{v:.{prec}f}".rstrip("0").rstrip(".")
        return "0" if s in ("-0", "") else s
    return json.dumps(v, ensure_ascii=False)


def dump(o):
    """Compact JSON with fixed float formatting (floats only occur in coordinates)."""
    if isinstance(o, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dump(v) for k, v in o.items()) + "}"
    if isinstance(o, (list, tuple)):
        return "[" + ",".join(dump(v) for v in o) + "]"
    return fmt_num(o)
