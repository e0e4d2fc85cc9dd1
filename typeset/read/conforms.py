"""Whether data conforms to one of our JSON Schemas, yes or no, without jsonschema.

Loading jsonschema costs ~65 ms, a tenth of a watch's refresh, and sources that conform need none
of its detail.  This checks the keywords our two schemas use, with JSON Schema 2020-12's meaning
(as jsonschema applies them: `pattern` searches, lengths count code points, booleans are not
numbers); only when data does not conform does `sources.validate` load jsonschema to word each
fault.  A keyword it does not know makes it answer False, so a schema that grows a new keyword is
still checked in full (tests/test_conforms.py holds it to jsonschema's verdict)."""
from __future__ import annotations

import re
from functools import lru_cache

IGNORED = frozenset({"$schema", "$id", "$defs", "title", "description"})
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


@lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def conforms(data, schema: dict, root: dict | None = None) -> bool:
    root = schema if root is None else root
    for key, want in schema.items():
        if key in IGNORED:
            continue
        if not _keyword(key, want, data, schema, root):
            return False
    return True


def _keyword(key: str, want, v, schema: dict, root: dict) -> bool:  # noqa: C901 — one case per keyword
    match key:
        case "$ref":
            if not want.startswith("#/"):
                return False
            target = root
            for part in want[2:].split("/"):
                target = target[part]
            return conforms(v, target, root)
        case "type":
            return any(TYPES[t](v) for t in ([want] if isinstance(want, str) else want))
        case "properties":
            return not isinstance(v, dict) or all(conforms(v[k], s, root) for k, s in want.items() if k in v)
        case "additionalProperties":
            if not isinstance(v, dict):
                return True
            extra = [k for k in v if k not in schema.get("properties", {})]
            if want is False:
                return not extra
            return want is True or all(conforms(v[k], want, root) for k in extra)
        case "required":
            return not isinstance(v, dict) or all(k in v for k in want)
        case "minProperties":
            return not isinstance(v, dict) or len(v) >= want
        case "items":
            return not isinstance(v, list) or all(conforms(x, want, root) for x in v)
        case "minItems":
            return not isinstance(v, list) or len(v) >= want
        case "pattern":
            return not isinstance(v, str) or _regex(want).search(v) is not None
        case "minLength":
            return not isinstance(v, str) or len(v) >= want
        case "maxLength":
            return not isinstance(v, str) or len(v) <= want
        case "enum":
            return any(v == e and type(v) is type(e) or (_number(v) and _number(e) and v == e) for e in want)
        case "minimum":
            return not _number(v) or v >= want
        case "maximum":
            return not _number(v) or v <= want
        case "exclusiveMinimum":
            return not _number(v) or v > want
        case _:
            return False  # a keyword not known here: let jsonschema decide


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)
