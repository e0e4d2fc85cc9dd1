"""Draw the figures of the second test issue (tests/issue2/images/) with Pillow.

Four figures, one of each kind the typesetter places: a column-wide PNG chart, a column-wide
JPEG photo-like picture, a page-wide PNG diagram and a page-wide JPEG panorama.  Each is at least
300 dpi at its placed size (a 22-character column is 231 pt = 963 px at 300 dpi; the full type
area 483 pt = 2013 px) and small on disk: flat colours for the PNGs, smooth gradients for the JPEGs.

    python tools/make_issue2_images.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "tests" / "issue2" / "images"


def bar_chart(w: int = 1000, h: int = 620) -> Image.Image:
    """Column PNG: six bars on a white ground, as a statistics chart in a report."""
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.line([(80, 40), (80, h - 60), (w - 40, h - 60)], fill=(40, 40, 40), width=5)
    values = [0.35, 0.52, 0.61, 0.74, 0.83, 0.95]
    step = (w - 160) / len(values)
    for i, v in enumerate(values):
        x0 = 110 + i * step
        d.rectangle([x0, h - 60 - v * (h - 130), x0 + step * 0.6, h - 62], fill=(200, 40, 50))
    for k in range(1, 5):
        y = h - 60 - k * (h - 130) / 4
        d.line([(76, y), (w - 40, y)], fill=(210, 210, 210), width=2)
    return img


def meeting_photo(w: int = 1000, h: int = 660) -> Image.Image:
    """Column JPEG: a soft 'photograph' (window light, a table, figures) made of gradients."""
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            t = x / w
            px[x, y] = (int(180 + 60 * t), int(170 + 50 * t - 40 * y / h), int(150 + 30 * (1 - t)))
    d = ImageDraw.Draw(img)
    d.rectangle([80, int(h * 0.62), w - 80, int(h * 0.72)], fill=(120, 80, 50))
    for i in range(7):
        cx = 150 + i * 115
        d.ellipse([cx - 30, int(h * 0.38), cx + 30, int(h * 0.38) + 60], fill=(60, 45, 40))
        d.rectangle([cx - 45, int(h * 0.38) + 60, cx + 45, int(h * 0.62)], fill=(40 + i * 12, 60, 90))
    return img.filter(ImageFilter.GaussianBlur(3))


def flow_diagram(w: int = 2040, h: int = 620) -> Image.Image:
    """Page-wide PNG: five boxes joined by arrows, a process diagram."""
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    n, bw = 5, 300
    gap = (w - 80 - n * bw) / (n - 1)
    for i in range(n):
        x0 = 40 + i * (bw + gap)
        d.rounded_rectangle([x0, 180, x0 + bw, 440], radius=30, outline=(20, 70, 140), width=8,
                            fill=(225, 235, 248))
        if i < n - 1:
            xa = x0 + bw + 10
            d.line([(xa, 310), (xa + gap - 30, 310)], fill=(20, 70, 140), width=8)
            d.polygon([(xa + gap - 20, 310), (xa + gap - 50, 290), (xa + gap - 50, 330)], fill=(20, 70, 140))
    return img


def panorama(w: int = 2040, h: int = 760) -> Image.Image:
    """Page-wide JPEG: sky, hills and a river, gradients only."""
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=(int(120 + 100 * t), int(170 + 60 * t), int(230 - 40 * t)))
    d.polygon([(0, 470), (400, 300), (800, 420), (1300, 260), (1700, 400), (w, 330), (w, h), (0, h)], fill=(70, 120, 70))
    d.polygon([(0, 640), (700, 560), (1400, 600), (w, 540), (w, h), (0, h)], fill=(90, 140, 190))
    return img.filter(ImageFilter.GaussianBlur(4))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    bar_chart().save(OUT / "tongji.png", optimize=True, dpi=(300, 300))
    meeting_photo().save(OUT / "zuotan.jpg", quality=70, dpi=(300, 300))
    flow_diagram().convert("P", palette=Image.ADAPTIVE, colors=16).save(OUT / "liucheng.png", optimize=True, dpi=(300, 300))
    panorama().save(OUT / "quanjing.jpg", quality=70, dpi=(300, 300))
    for p in sorted(OUT.iterdir()):
        print(f"{p.name}: {Image.open(p).size}, {p.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
