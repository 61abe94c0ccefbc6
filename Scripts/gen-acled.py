#!/usr/bin/env python3
"""Write a synthetic ACLED export (the 31-column 2023+ layout) for benchmarks.

    Scripts/gen-acled.py N OUT.csv [--seed S]

N rows; every event is made up (ids SYN…, notes say "synthetic event … not a real event"), placed at a GeoNames
town from GeoData/places.geojson with a little jitter. About 1 row in 20 repeats the previous event with the actors
swapped, as exports that list an event once per actor do. Deterministic: the same N and seed give the same bytes.
"""
import csv
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ACLED_HEADER as HEADER  # noqa: E402

TYPES = [  # (disorder_type, event_type, sub_event_types)
    ("Political violence", "Battles", ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"]),
    ("Political violence", "Explosions/Remote violence", ["Remote explosive/landmine/IED", "Air/drone strike", "Shelling/artillery/missile attack"]),
    ("Political violence", "Violence against civilians", ["Attack", "Abduction/forced disappearance"]),
    ("Demonstrations", "Protests", ["Peaceful protest", "Protest with intervention"]),
    ("Demonstrations", "Riots", ["Violent demonstration", "Mob violence"]),
    ("Strategic developments", "Strategic developments", ["Looting/property destruction", "Arrests", "Other"]),
]
ACTORS = [("Synthetic Armed Group A", "Rebel group"), ("Synthetic Armed Group B", "Political militia"),
          ("Synthetic State Forces", "State forces"), ("Synthetic Militia C", "Identity militia"),
          ("Synthetic Civilians", "Civilians"), ("Synthetic Protesters", "Protesters")]
ISO_NUMERIC = {"MLI": "466", "BFA": "854", "NER": "562", "TCD": "148", "MRT": "478", "NGA": "566", "SEN": "686"}
COUNTRY = {"MLI": "Mali", "BFA": "Burkina Faso", "NER": "Niger", "TCD": "Chad", "MRT": "Mauritania",
           "NGA": "Nigeria", "SEN": "Senegal"}


def main():
    args = sys.argv[1:]
    seed = 20231
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit("usage: gen-acled.py N OUT.csv [--seed S]")
    n, out = int(args[0]), args[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "GeoData", "places.geojson"), encoding="utf-8") as f:
        towns = [(p["properties"]["name"], p["properties"]["country"], p["geometry"]["coordinates"])
                 for p in json.load(f)["features"] if p["properties"]["country"] in ISO_NUMERIC]
    rng = random.Random(seed)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        serial = 0
        previous = None
        for _ in range(n):
            if previous is not None and rng.random() < 0.05:
                row = list(previous)   # the same event again, listed for its second actor
                row[7], row[10] = row[10], row[7]
                row[9], row[12] = row[12], row[9]
                w.writerow(row)
                continue
            serial += 1
            name, cc, (lon, lat) = rng.choice(towns)
            disorder, etype, subs = rng.choice(TYPES)
            (a1, i1), (a2, i2) = rng.sample(ACTORS, 2)
            y, m, d = rng.randint(2012, 2023), rng.randint(1, 12), rng.randint(1, 28)
            fatalities = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 40])
            notes = (f"Synthetic event {serial}, generated for benchmarks; not a real event. "
                     f"Placed near {name} \"for testing\", {fatalities} synthetic fatalities.")
            if rng.random() < 0.1:
                notes += "\nA second line of synthetic notes."
            row = [f"SYN{serial}", f"{y:04d}-{m:02d}-{d:02d}", str(y), str(rng.randint(1, 3)), disorder, etype,
                   rng.choice(subs), a1, "", i1, a2, "", i2, f"{i1}-{i2}",
                   "Civilian targeting" if etype == "Violence against civilians" else "", ISO_NUMERIC[cc],
                   "Western Africa", COUNTRY[cc], "Synthetic admin1", "Synthetic admin2", "", name,
                   f"{lat + rng.uniform(-0.05, 0.05):.4f}", f"{lon + rng.uniform(-0.05, 0.05):.4f}",
                   str(rng.randint(1, 3)), "Synthetic Source", "Local", notes, str(fatalities), "",
                   str(1600000000 + serial)]
            w.writerow(row)
            previous = row


if __name__ == "__main__":
    main()
