"""Make issue/images/cover.png, the cover picture: a project-made geometric design, no text.

The cover's title band is C100 M75 K10 (typeset/pdf/front.py); the picture is drawn in that blue and
its tints, so it prints as the same family of inks after conversion to FOGRA39.  Motif: a sun rising
from below the lower edge -- rays and concentric rings, 旭日东升, for a journal of study and exchange --
over a 回纹 (key-fret) border, the traditional endless line.

Size: 216 × 120 mm (trim width 210 mm + 2 × 3 mm bleed, the upper part of the cover) at 300 dpi =
2551 × 1417 px.  Flat colours with anti-aliased edges keep the PNG small.  Deterministic: integer
geometry, no randomness, no timestamp in the PNG, so every run writes the same bytes (with the same
Pillow and zlib).

    python tools/make_cover_image.py [OUT.png]      (default: issue/images/cover.png)
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "issue" / "images" / "cover.png"

DPI = 300
WIDTH_MM, HEIGHT_MM = 216, 120
SIZE = (round(WIDTH_MM / 25.4 * DPI), round(HEIGHT_MM / 25.4 * DPI))  # 2551 × 1417
SUPERSAMPLE = 3  # draw larger, then reduce: smooth edges without an anti-aliasing renderer

# sRGB values that FOGRA39 (relative colorimetric + BPC) turns into the tints named
BLUE = (0, 69, 144)          # C100 M75 K10, the title band
BLUE_DEEP = (12, 54, 119)    # C100 M80 K30
BLUE_RAY = (16, 82, 158)     # C95 M68 K4: rays a shade off the band, so type can stand on them
BLUE_PALE = (112, 151, 207)  # C60 M35
MIST = (211, 221, 242)       # C20 M10
GOLD = (252, 187, 34)        # M30 Y90


def render() -> Image.Image:
    k = SUPERSAMPLE
    w, h = SIZE[0] * k, SIZE[1] * k
    im = Image.new("RGB", (w, h), BLUE)
    d = ImageDraw.Draw(im)
    cx, cy = w // 2, h + h // 5  # the sun's centre, below the picture
    reach = int(math.hypot(w, h)) + h

    # rays: 36 wedges, every other one lighter, fanning upwards
    for i in range(0, 36, 2):
        a0, a1 = math.radians(180 + i * 5), math.radians(180 + (i + 1) * 5)
        d.polygon([(cx, cy), (cx + reach * math.cos(a0), cy + reach * math.sin(a0)),
                   (cx + reach * math.cos(a1), cy + reach * math.sin(a1))], fill=BLUE_RAY)

    # the sun: a deep blue halo, pale rings, a gold disc rising from the lower edge
    fret_h = 66 * k  # height of the key-fret border
    r_sun = cy - (h - fret_h) + 150 * k  # the disc shows 150 px above the border
    d.ellipse([cx - r_sun - 90 * k, cy - r_sun - 90 * k, cx + r_sun + 90 * k, cy + r_sun + 90 * k], fill=BLUE_DEEP)
    for n, gap in enumerate((150, 300, 470, 670)):
        r = r_sun + gap * k
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=BLUE_PALE, width=(5 - n) * k)
    d.ellipse([cx - r_sun - 16 * k, cy - r_sun - 16 * k, cx + r_sun + 16 * k, cy + r_sun + 16 * k], fill=MIST)
    d.ellipse([cx - r_sun, cy - r_sun, cx + r_sun, cy + r_sun], fill=GOLD)

    # 回纹 border: a deep band with an endless key-fret line in the pale tint
    d.rectangle([0, h - fret_h, w, h], fill=BLUE_DEEP)
    unit = 12 * k  # one grid step; a fret is 6 × 4 steps
    lw = 3 * k
    top = h - fret_h + (fret_h - 4 * unit) // 2
    base = top + 4 * unit
    d.line([(0, base), (w, base)], fill=BLUE_PALE, width=lw)
    for x0 in range(-unit, w, 6 * unit):
        pts = [(0, 4), (0, 0), (5, 0), (5, 3), (2, 3), (2, 1), (3, 1)]
        d.line([(x0 + px * unit, top + py * unit) for px, py in pts], fill=BLUE_PALE, width=lw, joint="curve")
    d.line([(0, h - fret_h), (w, h - fret_h)], fill=GOLD, width=2 * k)

    return im.resize(SIZE, Image.Resampling.LANCZOS)


def save(im: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "PNG", dpi=(DPI, DPI), optimize=True)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    save(render(), out)
    print(f"wrote {out} ({SIZE[0]} × {SIZE[1]} px, {out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
