"""Colour spaces: classifying a colour space object (device, CIE, ICC, Indexed, Separation, DeviceN,
Pattern) as RGB, CMYK or neither, and the colour a newly selected space starts at."""
from __future__ import annotations

from typing import NamedTuple

import pikepdf

from ..i18n import t
from .objects import _get


class Space(NamedTuple):
    label: str
    n: int | None  # colour components
    rgb: bool
    cmyk: bool = False


GRAY, RGB, CMYK = Space("DeviceGray", 1, False), Space("DeviceRGB", 3, True), Space("DeviceCMYK", 4, False, True)
DEVICE = {"/DeviceGray": GRAY, "/DeviceRGB": RGB, "/DeviceCMYK": CMYK,
          "/G": GRAY, "/RGB": RGB, "/CMYK": CMYK}  # the short names are inline-image abbreviations
ICC_KIND = {1: "gray", 3: "RGB", 4: "CMYK"}


def _space(cs, res, depth: int = 0) -> Space:
    """Classify a colour space object (a name or an array), resolving resource names through `res`."""
    if depth > 8:
        return Space(t("preflight.colour.loop"), None, False)
    if isinstance(cs, pikepdf.Name):
        name = str(cs)
        if name in DEVICE:
            return DEVICE[name]
        if name == "/Pattern":
            return Space("Pattern", None, False)
        named = _get(_get(res, "/ColorSpace"), name)
        return _space(named, res, depth + 1) if named is not None else Space(t("preflight.colour.undefined", name=name), None, False)
    if isinstance(cs, pikepdf.Array) and len(cs):
        fam = str(cs[0])
        if fam in DEVICE or (fam == "/Pattern" and len(cs) == 1):
            return _space(cs[0], res, depth + 1)
        if fam == "/CalRGB":
            return Space("CalRGB", 3, True)
        if fam == "/CalGray":
            return Space("CalGray", 1, False)
        if fam == "/CalCMYK":
            return Space("CalCMYK", 4, False, True)
        if fam == "/Lab":
            return Space("Lab", 3, False)
        if fam == "/ICCBased" and len(cs) > 1:
            n = int(cs[1].get("/N", 0))
            label = f"ICCBased {ICC_KIND[n]}" if n in ICC_KIND else t("preflight.colour.icc_components", n=n)
            return Space(label, n, n == 3, n == 4)
        if fam in ("/Indexed", "/I") and len(cs) > 1:
            base = _space(cs[1], res, depth + 1)
            return Space(f"Indexed {base.label}", 1, base.rgb)
        if fam == "/Separation" and len(cs) > 2:
            alt = _space(cs[2], res, depth + 1)
            return Space(t("preflight.colour.separation", name=str(cs[1])[1:], alt=alt.label), 1, alt.rgb)
        if fam == "/DeviceN" and len(cs) > 2:
            alt = _space(cs[2], res, depth + 1)
            names = ", ".join(str(n)[1:] for n in cs[1])
            return Space(t("preflight.colour.devicen", names=names, alt=alt.label), len(cs[1]), alt.rgb)
        if fam == "/Pattern":
            base = _space(cs[1], res, depth + 1)
            return Space(f"Pattern ({base.label})", base.n, base.rgb)
        return Space(t("preflight.colour.unknown", name=fam), None, False)
    return Space(t("preflight.colour.invalid"), None, False)


def _initial(space: Space) -> tuple[float, ...]:
    # PDF 32000 8.6.5: a newly selected space starts at black (CMYK 0 0 0 1) or 0 in every component.
    return (0.0, 0.0, 0.0, 1.0) if space.cmyk else (0.0,) * (space.n or 1)
