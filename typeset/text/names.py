"""Personal names as Chinese print sets them."""
from __future__ import annotations

IDEOGRAPHIC_SPACE = "\u3000"


def pad_name(name: str) -> str:
    """Two-character names (and role labels) are set to the width of three, the space inside
    the name (任涛 → 任　涛), so lists of names stand in aligned columns.  Others are unchanged."""
    return f"{name[0]}{IDEOGRAPHIC_SPACE}{name[1]}" if len(name) == 2 else name
