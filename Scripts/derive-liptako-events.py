#!/usr/bin/env python3
"""Write Maps/data/liptako-gourma-events.csv: the massacres of GeoData/sources in the Liptako-Gourma
(Mali's Gao, Ménaka and Mopti regions, Burkina Faso's Sahel, Nord, Centre-Nord and Est, Niger's Tillabéri and
Tahoua) as an ACLED-format export (the 31-column 2023+ layout), so the ACLED importer and the events style can be
shown on real, sourced events.

These rows are NOT ACLED records: ids are SAHELMAP-<n>, every row's `source` is the facts row's source and
`notes` says where it comes from. `fatalities` is the facts' low (conservative, official) figure, as ACLED
records a conservative estimate; the high figure is kept in `tags`. ACLED inter labels follow the perpetrator
type: jihadist → Rebel group, militia → Identity militia, state → State forces, foreign → External/Other forces.

    python3 Scripts/derive-liptako-events.py    (reads GeoData/massacres.geojson, made by derive-thematic.py)
"""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ACLED_HEADER as HEADER  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIONS = {"Gao", "Ménaka", "Mopti", "Sahel", "Nord", "Centre-Nord", "Est", "Tillabéri", "Tahoua"}
INTER = {"jihadist": "Rebel group", "militia": "Identity militia", "state": "State forces",
         "foreign": "External/Other forces"}
ISO_NUM = {"Mali": 466, "Burkina Faso": 854, "Niger": 562}


def main():
    with open(os.path.join(ROOT, "GeoData", "massacres.geojson"), encoding="utf-8") as f:
        features = json.load(f)["features"]
    rows = []
    for n, feat in enumerate(sorted(features, key=lambda f: (f["properties"]["date"], f["properties"]["id"])), 1):
        p = feat["properties"]
        if p["admin1"] not in REGIONS:
            continue
        lon, lat = feat["geometry"]["coordinates"]
        date = p["date"]
        precise = len(date) == 10
        if not precise:            # month-only (Djibo mass graves): first day, time precision 3 (ACLED: month)
            date = date + "-01"
        inter = INTER.get(p["perpetrator_type"], "")
        rows.append({
            "event_id_cnty": f"SAHELMAP-{n}", "event_date": date, "year": date[:4],
            "time_precision": 1 if precise else 3, "disorder_type": "Political violence",
            "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "actor1": p["perpetrator"], "assoc_actor_1": "", "inter1": inter,
            "actor2": f"Civilians ({p['country']})", "assoc_actor_2": "", "inter2": "Civilians",
            "interaction": f"{inter}-Civilians", "civilian_targeting": "Civilian targeting",
            "iso": ISO_NUM[p["country"]], "region": "Western Africa", "country": p["country"], "admin1": p["admin1"],
            "admin2": "", "admin3": "", "location": p["label"], "latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}",
            "geo_precision": 1 if p.get("drawn_at") == "site" else p["geo_precision"],   # the site point, else the town proxy "source": p["source"], "source_scale": "",
            "notes": f"From SahelMap facts (massacres.csv), not an ACLED record: {p['name']}. {p['notes'] or ''}".strip(),
            "fatalities": p["fatalities_low"] if p["fatalities_low"] is not None else "",
            "tags": f"fatalities_high={p['fatalities_high']}" if p["fatalities_high"] is not None else "",
            "timestamp": "",
        })
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path = os.path.join(ROOT, "Maps", "data", "liptako-gourma-events.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    print(f"wrote {path}: {len(rows)} events")


if __name__ == "__main__":
    main()
