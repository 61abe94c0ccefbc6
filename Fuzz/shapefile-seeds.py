#!/usr/bin/env python3
"""Seeds for the `shapefile` fuzz target: python3 Fuzz/shapefile-seeds.py OUTDIR [SHP...]

Each seed is one Shapefile packed as the target unpacks it (Fuzz/Sources/sahelmap-fuzz/Fuzz.swift): a little-endian
UInt16 length of the .shp, one of the .shx, then the .shp, the .shx and the .dbf bytes. Written here: a polygon
layer like the tests' Burkina Faso provinces (two provinces, a NAME field with a Latin-1 byte, LDID 87), a
two-ring polygon (shell and hole), points, a polyline and a null shape. Each SHP given (real files, e.g. Natural
Earth from the derivation cache) is cut to its first records so the seed stays under libFuzzer's max_len.
"""
import os
import struct
import sys

SHAPE = {"point": 1, "arc": 3, "polygon": 5, "multipoint": 8}


def bbox(points):
    xs, ys = [p[0] for p in points] or [0], [p[1] for p in points] or [0]
    return min(xs), min(ys), max(xs), max(ys)


def header(code_type, length_words, box):
    return struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_words) + struct.pack("<2i", 1000, code_type) + \
        struct.pack("<8d", *box, 0, 0, 0, 0)


def content(kind, parts):
    if kind == 0:
        return struct.pack("<i", 0)
    pts = [p for part in parts for p in part]
    if kind == 1:
        return struct.pack("<i2d", 1, *pts[0])
    if kind == 8:
        return struct.pack("<i4di", 8, *bbox(pts), len(pts)) + b"".join(struct.pack("<2d", *p) for p in pts)
    starts, n = [], 0
    for part in parts:
        starts.append(n)
        n += len(part)
    return struct.pack("<i4d2i", kind, *bbox(pts), len(parts), len(pts)) + struct.pack(f"<{len(parts)}i", *starts) + \
        b"".join(struct.pack("<2d", *p) for p in pts)


def shp_shx(layer_type, records):
    body, index, offset = b"", b"", 50
    for k, (kind, parts) in enumerate(records):
        c = content(kind, parts)
        body += struct.pack(">2i", k + 1, len(c) // 2) + c
        index += struct.pack(">2i", offset, len(c) // 2)
        offset += 4 + len(c) // 2
    box = bbox([p for _, parts in records for part in parts for p in part])
    return header(layer_type, 50 + len(body) // 2, box) + body, header(layer_type, 50 + len(index) // 2, box) + index


def dbf(fields, rows, ldid=0):
    """fields: [(name, type, width, decimals)]; rows: [[bytes]]"""
    reclen = 1 + sum(f[2] for f in fields)
    out = struct.pack("<4BIHH20x", 3, 126, 1, 1, len(rows), 32 + 32 * len(fields) + 1, reclen)
    out = out[:29] + bytes([ldid]) + out[30:]
    for name, t, w, d in fields:
        out += name.encode().ljust(11, b"\0") + t.encode() + b"\0" * 4 + bytes([w, d]) + b"\0" * 14
    out += b"\r"
    for row in rows:
        out += b" " + b"".join(v[:f[2]].ljust(f[2]) if f[1] == "C" else v[:f[2]].rjust(f[2]) for v, f in zip(row, fields))
    return out + b"\x1a"


def pack(shp, shx, table):
    return struct.pack("<2H", len(shp), len(shx)) + shp + shx + table


def cut(path, keep=2, limit=4000):
    """The first records of a real Shapefile (as many as fit in `limit` bytes, at most `keep`)."""
    base = path[:-4]
    if not all(os.path.exists(base + e) for e in (".shx", ".dbf")):
        return None
    shp, shx, table = (open(base + e, "rb").read() for e in (".shp", ".shx", ".dbf"))
    n = (len(shx) - 100) // 8
    for k in range(min(keep, n), 0, -1):
        offs = [struct.unpack(">2i", shx[100 + 8 * i:108 + 8 * i]) for i in range(k)]
        end = (offs[-1][0] + 4 + offs[-1][1]) * 2
        nfields_bytes, reclen = struct.unpack("<HH", table[8:12])
        new_dbf = table[:4] + struct.pack("<I", k) + table[8:nfields_bytes] + table[nfields_bytes:nfields_bytes + k * reclen] + b"\x1a"
        new_shp = shp[:24] + struct.pack(">i", end // 2) + shp[28:end]
        new_shx = shx[:24] + struct.pack(">i", 50 + 4 * k) + shx[28:100 + 8 * k]
        seed = pack(new_shp, new_shx, new_dbf)
        if len(seed) <= limit and len(new_shp) < 65536 and len(new_shx) < 65536:
            return seed
    return None


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seeds = {}
    seno = [(-0.5, 14.5), (0.5, 14.5), (0.5, 13.5), (-0.5, 13.5), (-0.5, 14.5)]   # clockwise
    soum = [(-1.5, 14.5), (-0.5, 14.5), (-0.5, 13.5), (-1.5, 13.5), (-1.5, 14.5)]
    shp, shx = shp_shx(5, [(5, [seno]), (5, [soum])])
    seeds["provinces"] = pack(shp, shx, dbf([("ADM2_PCODE", "C", 8, 0), ("ADM2_FR", "C", 20, 0), ("POP", "N", 10, 0)],
                                            [[b"BF5603", b"S\xe9no", b"360000"], [b"BF5604", b"Soum", b"400000"]], ldid=87))
    hole = [(-0.2, 14.2), (-0.2, 13.8), (0.2, 13.8), (0.2, 14.2), (-0.2, 14.2)]   # counter-clockwise
    shp, shx = shp_shx(5, [(5, [seno, hole]), (0, [])])
    seeds["hole-and-null"] = pack(shp, shx, dbf([("NAME", "C", 10, 0)], [[b"Seno"], [b""]]))
    shp, shx = shp_shx(1, [(1, [[(-1.5, 12.4)]]), (1, [[(-0.04, 16.27)]])])
    seeds["points"] = pack(shp, shx, dbf([("NAME", "C", 12, 0), ("OK", "L", 1, 0), ("D", "D", 8, 0)],
                                         [[b"Ouagadougou", b"T", b"20240101"], [b"Gao", b"F", b"20231231"]]))
    shp, shx = shp_shx(8, [(8, [[(-1.5, 12.4), (-0.04, 16.27)]])])
    seeds["multipoint"] = pack(shp, shx, dbf([("N", "F", 12, 3)], [[b"1.500"]]))
    shp, shx = shp_shx(3, [(3, [[(-2, 12), (0, 13), (1, 15)], [(2, 2), (3, 3)]])])
    seeds["polyline"] = pack(shp, shx, dbf([("NAME", "C", 10, 0)], [[b"Niger"]], ldid=0x57))
    for path in sys.argv[2:]:
        if os.path.exists(path) and (s := cut(path)):
            seeds["real-" + os.path.basename(path)[:-4]] = s
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


main()
