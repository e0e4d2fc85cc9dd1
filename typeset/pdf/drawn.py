"""What the writer knows it drew on each page, for the build's self-check.

The build checks its own PDF before putting it in place.  Parsing every content stream back (the
full walk of `build.py check`, ~0.2 s for an issue) would tell it what it already knows: which
fonts it showed text in, which colour operators it used, which image it placed where.  So the
writer hands those facts over (`PageFacts`, one per page), and the self-check reads from the file
itself only what could still go wrong there: the document's declarations, the boxes, each font
dictionary and program the facts name, each image's pixels and colour space at its placed size.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Matrix = tuple[float, float, float, float, float, float]


@dataclass
class PageFacts:
    """What the writer drew on one page, for the build's self-check."""
    origin: tuple[float, float] = (0.0, 0.0)  # where the page's own coordinates start (the bleed offset)
    fonts: set[str] = field(default_factory=set)  # resource names of the fonts text was shown in (/F1 …)
    colours: set[str] = field(default_factory=set)  # colour operators used (k K rg RG)
    images: list[tuple[str, Matrix]] = field(default_factory=list)  # XObject resource name and its CTM

    def merge(self, fonts: set[str], colours: set[str]) -> None:
        self.fonts |= fonts
        self.colours |= colours
