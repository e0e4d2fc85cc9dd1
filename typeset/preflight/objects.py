"""Reading pikepdf objects defensively: a malformed file may have anything (or nothing) where a dictionary,
a name or a page attribute belongs."""
from __future__ import annotations

import pikepdf


def _get(d, key):
    """d[key] for a pikepdf dictionary that may be None or not a dictionary."""
    if d is None or not isinstance(d, (pikepdf.Dictionary, pikepdf.Stream)):
        return None
    return d.get(key)


def _name(obj) -> str:
    return str(obj) if isinstance(obj, pikepdf.Name) else "?"


def _inherited(page_obj, key):
    """A page attribute that may be inherited from the page tree (Resources, MediaBox, CropBox, Rotate)."""
    node, seen = page_obj, 0
    while isinstance(node, pikepdf.Dictionary) and seen < 64:
        if key in node:
            return node[key]
        node, seen = node.get("/Parent"), seen + 1
    return None
