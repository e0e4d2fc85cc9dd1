"""Build the bundled CMYK output profile typeset/data/icc/coated_fogra39l_300.icc.

Why build it: no open-licence FOGRA39 / ISO Coated v2 profile ships in Debian (colord-data is
built without its print profiles, Ghostscript's CMYK profiles are AGPL and SWOP-like, the ECI's
own profiles may not be modified).  Debian's icc-profiles-free does ship Fogra's FOGRA39L
characterization data (FOGRA39L.ti3, zlib licence, Kai-Uwe Behrmann), the press condition that
Chinese offset printers know as "Coated FOGRA39" / ISO coated.  ArgyllCMS's colprof turns it into
a profile -- the same route pdfx's coated_FOGRA39L_argl.icc took.

Settings: total ink limit 300 % (ECI's "ISOcoated_v2_300": dries faster on the sheet-fed presses
that print 内部刊物, and what Chinese printers ask for on coated paper), Argyll's default ramp
black generation, no copy of the measurement data inside the profile (-nc, keeps it small), and
a perceptual table gamut-mapped from sRGB (-s) so the perceptual fallback in typeset.images suits
the sRGB images it gets.

Run once on a Debian machine (root, network to the Debian archive):  python tools/make_icc_profile.py
It takes about 1.5 minutes.  colprof writes the date into the profile header, so a rebuild is not
byte-identical; the colour tables are.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "typeset" / "data" / "icc" / "coated_fogra39l_300.icc"
PACKAGES = ["icc-profiles-free", "argyll", "argyll-ref"]

DESCRIPTION = "Coated FOGRA39L 300% (typeset, ArgyllCMS)"
COPYRIGHT = ("Zlib licence. Data: FOGRA39L.ti3 (Fogra) from icc-profiles-free, (c) Kai-Uwe Behrmann. "
             "Made with ArgyllCMS 2.3.1.")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        subprocess.check_call(["apt-get", "download", *PACKAGES], cwd=t)
        for deb in t.glob("*.deb"):
            subprocess.check_call(["dpkg-deb", "-x", str(deb), str(t / "x")])
        x = t / "x"
        data = x / "usr/share/color/icc/FOGRA39L.ti3"
        (t / "FOGRA39L.ti3").write_bytes(data.read_bytes())
        subprocess.check_call([
            str(x / "usr/bin/colprof"), "-v", "-qm", "-bm", "-nc", "-kr", "-l300",
            "-s", str(x / "usr/share/color/argyll/ref/sRGB.icm"),
            "-A", "typeset project", "-M", "Offset, coated paper (ISO 12647-2 PT1/2, FOGRA39)",
            "-D", DESCRIPTION, "-C", COPYRIGHT, "-O", str(OUT), "FOGRA39L"], cwd=t)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
