"""Reading source files: strict UTF-8, YAML with line numbers, JSON-Schema validation.

Every failure becomes a SourceError naming the file, the line and the fix.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jsonschema
import yaml

from ..errors import SourceError


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, None, "file not found", "check the path in the manifest (it is relative to the issue folder)") from None
    except IsADirectoryError:
        raise SourceError(path, None, "is a folder, not a file", "name a .md or .yaml file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = " (it decodes as GBK/GB18030: it was probably saved by an office PC in the legacy Chinese encoding)"
        except UnicodeDecodeError:
            pass
        raise SourceError(path, line, f"not UTF-8: byte 0x{data[e.start]:02X} cannot be decoded{hint}",
                          "re-save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8; or iconv -f GB18030 -t UTF-8)") from None


def load_yaml(path: Path, text: str, first_line: int = 1):
    """Parse YAML; return (data, lines) where lines maps a key path tuple to its 1-based source line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + first_line if mark else first_line
        problem = getattr(e, "problem", None) or str(e)
        raise SourceError(path, line, f"malformed YAML: {problem}",
                          "check indentation and quoting on this line; quote values that contain ': ' or start with a special character") from None
    lines: dict[tuple, int] = {}

    def walk(n, p):
        lines[p] = n.start_mark.line + first_line
        if isinstance(n, yaml.MappingNode):
            seen: dict = {}
            for k, v in n.value:
                here = k.start_mark.line + first_line
                if k.value in seen:  # PyYAML keeps the last silently; the first would be lost
                    raise SourceError(path, here, f"'{k.value}' is given twice here (first on line {seen[k.value]})",
                                      "keep one of them (merge the two values)")
                seen[k.value] = here
                lines[p + (k.value,)] = here
                walk_value(v, p + (k.value,))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, p + (i,))

    def walk_value(v, p):
        if isinstance(v, (yaml.MappingNode, yaml.SequenceNode)):
            for_lines = lines.get(p)
            walk(v, p)
            if for_lines is not None:
                lines[p] = for_lines
        else:
            lines[p] = v.start_mark.line + first_line

    if node is not None:
        walk(node, ())
    return data, lines


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads(resources.files("typeset.schema").joinpath(name).read_text(encoding="utf-8"))


def validate(path: Path, data, lines: dict, schema_name: str, what: str) -> None:
    sch = schema(schema_name)
    validator = jsonschema.Draft202012Validator(sch)
    errors = sorted(validator.iter_errors(data), key=lambda e: (lines.get(tuple(e.absolute_path), 0), len(e.absolute_path)))
    if not errors:
        return
    e = errors[0]
    p = tuple(e.absolute_path)
    line = lines.get(p) or lines.get(p[:-1]) or 1
    where = "/".join(str(x) for x in p) or "(top level)"
    if e.validator == "additionalProperties":
        allowed = sorted(e.schema.get("properties", {}))
        unknown = [k for k in e.instance if k not in allowed]
        key = unknown[0]
        line = lines.get(p + (key,), line)
        close = difflib.get_close_matches(key, allowed, n=1)
        fix = f"did you mean '{close[0]}'? " if close else ""
        raise SourceError(path, line, f"unknown key '{key}' in {what} ({where})",
                          f"{fix}allowed keys here: {', '.join(allowed)}")
    if e.validator == "required":
        raise SourceError(path, line, f"{what}: {e.message} ({where})", "add the missing key")
    if e.validator in ("minLength", "pattern") and isinstance(e.instance, str) and not e.instance.strip():
        raise SourceError(path, line, f"{what}: '{where}' is empty", "give it a non-empty value")
    if e.validator == "type":
        raise SourceError(path, line, f"{what}: '{where}' should be {e.validator_value}, not {type(e.instance).__name__} ({e.instance!r})",
                          f"write a {e.validator_value} here")
    if e.validator == "enum":
        raise SourceError(path, line, f"{what}: '{where}' is {e.instance!r}", f"use one of: {', '.join(map(str, e.validator_value))}")
    desc = e.schema.get("description")
    raise SourceError(path, line, f"{what}: '{where}': {e.message}", f"correct this value{f' ({desc})' if desc else ''}")
