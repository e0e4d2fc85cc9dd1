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

from ..errors import LIMIT, Problems, SourceError


KB = 1024
MANIFEST_MAX = 64 * KB  # the bundled manifest is 3 KB
ARTICLE_MAX = 256 * KB  # the longest bundled article is 18 KB (Markdown is parsed at 20 KB/s at worst)
PARAGRAPH_MAX = 10_000  # characters in one paragraph (or other block); the longest bundled one has 851
FRONT_MATTER_MAX = 16 * KB
MAX_DEPTH = 16  # nesting of YAML lists and mappings; the manifest needs 4
MAX_VALUES = 2000  # keys, values and list items in one YAML file; the bundled manifest has 140


def read_text(path: Path, limit: int) -> str:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SourceError(path, None, "is a folder, not a file", "name a .md or .yaml file")
        if size > limit:
            raise SourceError(path, None, f"the file is {size // KB} KB; a source file of this kind is at most {limit // KB} KB",
                              "check that this is the right file (a document pasted in whole, or a file that is not text?)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, None, "file not found", "check the path in the manifest (it is relative to the issue folder)") from None
    except PermissionError:
        raise SourceError(path, None, "the file cannot be read (no permission)", "allow reading it (its permissions) and run again") from None
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


YAML_FIX = "check indentation and quoting on this line; quote values that contain ': ' or start with a special character"
# the YAML parser's problems, as an editor would put them (the parser's words stay in the fallback)
YAML_PROBLEMS = {
    "mapping values are not allowed": (
        "a second ': ' on this line, or a line indented differently from the keys around it",
        "put a value that contains ': ' in quotes (\"…\"), and indent keys of one level alike"),
    "did not find expected ',' or ']'": ("a list opened with '[' is not closed", "end it with ']' on the same line"),
    "did not find expected ',' or '}'": ("a mapping opened with '{' is not closed", "end it with '}' on the same line"),
    "found unexpected end of stream": ("a quotation mark is not closed", "end the quoted value with the same quotation mark"),
    "did not find expected '-' indicator": ("a list item ('- …') and a key are mixed at one indentation",
                                           "indent the list items under their key, each starting with '- '"),
    "but found another document": ("a second '---' line: the file holds more than one YAML document",
                                   "remove the '---' line (an article's front matter lies between its first two)"),
    "cannot start any token": ("a value starts with a character YAML reserves (@ or `)", 'put the value in quotes ("…")'),
}


def folder_or_file(target: Path, source: Path, line: int | None, rel: str) -> tuple[bool, bool]:
    """Whether the path `rel` named on `line` of `source` is a folder, and whether it is a file; a path the
    file system cannot look up (a name too long, a loop of links) is a SourceError."""
    try:
        return target.is_dir(), target.is_file()
    except OSError as e:
        raise SourceError(source, line, f"the path '{rel}' cannot be used: {e.strerror or e}",
                          "shorten the name, or correct the path") from None


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: fast on any input


def load_yaml(path: Path, text: str, first_line: int = 1):
    """Parse YAML; return (data, lines) where lines maps a key path tuple to its 1-based source line.
    Tabs, anchors/aliases, tags and deep nesting have no use in our files and are refused from the
    event stream, before any node is built, so hostile YAML (an alias bomb) is answered at once."""
    tabs = [SourceError(path, n, f"a tab character at column {line.index(chr(9)) + 1}", "use spaces")
            for n, line in enumerate(text.split("\n"), first_line) if "\t" in line]
    _raise_all(tabs)
    try:
        _refuse_hostile(path, text, first_line)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + first_line if mark else first_line
        problem = getattr(e, "problem", None) or str(e)
        said, fix = next((v for k, v in YAML_PROBLEMS.items() if k in problem), (f"malformed YAML: {problem}", YAML_FIX))
        raise SourceError(path, line, said, fix) from None
    lines: dict[tuple, int] = {}
    twice: list[SourceError] = []

    def walk(n, p):
        lines[p] = n.start_mark.line + first_line
        if isinstance(n, yaml.MappingNode):
            seen: dict = {}
            for k, v in n.value:
                here = k.start_mark.line + first_line
                if k.value in seen:  # PyYAML keeps the last silently; the first would be lost
                    twice.append(SourceError(path, here, f"'{k.value}' is given twice here (first on line {seen[k.value]})",
                                             "keep one of them (merge the two values)"))
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
    if len(lines) > MAX_VALUES:  # checked before the schema, whose time grows with every value
        raise SourceError(path, list(lines.values())[MAX_VALUES], f"more than {MAX_VALUES} keys, values and list items",
                          "check that this is the right file; an issue's manifest has a few hundred at most")
    _raise_all(twice)
    return data, lines


def _raise_all(errors: list[SourceError]) -> None:
    problems = Problems()
    for e in errors:
        problems.add(e)
    problems.raise_if_any()


def _refuse_hostile(path: Path, text: str, first_line: int) -> None:
    depth = 0
    for ev in yaml.parse(text, Loader=_Loader):
        line = (ev.start_mark.line if ev.start_mark else 0) + first_line
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise SourceError(path, line, "YAML anchors and aliases (&name, *name) are not used in this file",
                              "write the value out in full where it is needed")
        tag = getattr(ev, "tag", None)  # (scalar, sequence and mapping events have one)
        if tag is not None:
            tag = str(tag).replace("tag:yaml.org,2002:", "!!", 1)
            raise SourceError(path, line, f"a YAML tag ({tag}) is not used in this file",
                              "remove it; put the value in quotes if it is text")
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise SourceError(path, line, f"lists and keys nested more than {MAX_DEPTH} levels deep",
                                  "check the brackets and indentation here (see README.md for the format)")
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads(resources.files("typeset.schema").joinpath(name).read_text(encoding="utf-8"))


# What a value of each JSON-Schema type is called for an editor, with an example of how to write it.
KINDS = {"string": ("text", "{key}: 文字"), "integer": ("a whole number", "{key}: 4"), "number": ("a number", "{key}: 0.5"),
         "boolean": ("true or false", "{key}: true"), "array": ("a list", "{key}: [第一项, 第二项]"),
         "object": ("a group of keys", "{key}: on its own line, with its keys indented below it")}

# The patterns of the schemas, as an editor reads them: what is expected, and a fix that works.
PATTERNS = {
    r"\S": ("it is empty", "write a value after '{key}:'"),
    r"^[^\s]": ("it is empty or starts with a space", "write the value straight after '{key}: ', without spaces before it"),
    r"^[0-9]{6}$": ("a postcode is six digits", 'write it in quotes, e.g. {key}: "132011"'),
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": ("this is not an e-mail address", "write it as name@example.com, without spaces"),
    r"^[0-9]{4}年([1-9]|1[0-2])月$": ("the date of publication is a year and a month", "write it like {key}: 2018年8月"),
    r"^[\u3400-\u9fff\U00020000-\U0003134f·]{2,6}$": (
        "a board member is a name of 2 to 6 Chinese characters",
        "write the name alone, without spaces, padding or titles (于强, not 于　强); one name per item"),
    r"\.md$": ("an article is a Markdown file ending in .md",
                "name the article's file inside the issue folder, e.g. articles/03-name.md"),
}


def _shown(value) -> str:
    """A value as the editor wrote it (about), shortened."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value) if not isinstance(value, (list, dict)) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _kind(value) -> str:
    if value is None:
        return "empty"
    for name, types in (("true or false", bool), ("a number", (int, float)), ("text", str), ("a list", list),
                        ("keys and values", dict)):
        if isinstance(value, types):
            return name
    return "a date" if hasattr(value, "year") else "a value of another kind"


def _key(p: tuple) -> str:
    """The key an editor wrote, for a path into the data: 'title', or 'articles' for an item of it."""
    names = [x for x in p if isinstance(x, str)]
    return names[-1] if names else "the top level"


def validate(path: Path, data, lines: dict, schema_name: str, what: str) -> list[SourceError]:
    """Every place where `data` breaks the schema, one SourceError each, in the editor's terms."""
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    found: dict[tuple, SourceError] = {}
    suggested: dict[tuple, list[str]] = {}  # path of an unknown key → the allowed key it resembles
    for e in sorted(validator.iter_errors(data), key=lambda e: len(e.absolute_path)):
        p = tuple(e.absolute_path)
        line = lines.get(p) or lines.get(p[:-1]) or None
        if e.validator == "additionalProperties":
            allowed = sorted(e.schema.get("properties", {}))
            for n, key in enumerate(k for k in e.instance if k not in allowed):
                close = difflib.get_close_matches(str(key), allowed, n=1) if n < LIMIT else []
                if close:
                    suggested[p + (key,)] = close
                under = f" under '{_key(p)}:'" if p else ""
                found[p + (key,)] = SourceError(
                    path, lines.get(p + (key,), line), f"unknown key '{key}' in {what}{under}",
                    f"{f'did you mean {close[0]!r}? ' if close else ''}allowed keys here: {', '.join(allowed)}")
            continue
        if e.validator == "required":
            desc = e.schema.get("properties", {})
            for key in (k for k in e.validator_value if k not in e.instance):
                under = f" under '{_key(p)}:'" if p else ""
                about = desc.get(key, {}).get("description")
                found[p + ("required", key)] = SourceError(
                    path, line, f"'{key}' is missing{under} in {what}", f"add a line '{key}: …'{f' ({about})' if about else ''}")
            continue
        if p not in found:  # one error per value (an empty text breaks both minLength and pattern)
            found[p] = _message(path, line, p, e, what)
    # a misspelt key is reported once, as unknown with "did you mean", not also as a missing one
    meant = {at[:-1] + ("required", m[0]) for at, m in suggested.items()}
    return sorted((e for at, e in found.items() if at not in meant), key=lambda err: err.line or 0)


def _message(path: Path, line: int | None, p: tuple, e, what: str) -> SourceError:
    key, value = _key(p), e.instance
    item = isinstance(p[-1], int) if p else False
    said = f"'{key}: {_shown(value)}'" if not item else f"'{_shown(value)}' in the list '{key}'"
    desc = e.schema.get("description")
    if e.validator == "type":
        expected, example = KINDS.get(e.validator_value, (str(e.validator_value), "{key}: …"))
        if value is None:
            return SourceError(path, line, f"'{key}' is empty", f"write a value after '{key}:', e.g. {example.format(key=key)}")
        if e.validator_value == "string":
            return SourceError(path, line, f"{said} is read as {_kind(value)}, not as text",
                               f'put the value in quotes: {key}: "{_shown(value)}"')
        return SourceError(path, line, f"{said} is {_kind(value)}, but {expected} is expected here",
                           f"write it as {example.format(key=key)}")
    if isinstance(value, str) and not value.strip():
        return SourceError(path, line, f"'{key}' is empty", f"write a value after '{key}:'")
    if e.validator == "minLength" or (e.validator == "pattern" and e.validator_value in PATTERNS):
        problem, fix = PATTERNS[e.validator_value if e.validator == "pattern" else r"\S"]
        return SourceError(path, line, f"{said}: {problem}", fix.format(key=key))
    if e.validator == "maxLength":
        return SourceError(path, line, f"'{key}' is {len(value)} characters long; at most {e.validator_value} fit",
                           f"shorten it to at most {e.validator_value} characters")
    if e.validator == "enum":
        choices = [str(c) for c in e.validator_value]
        close = difflib.get_close_matches(str(value), choices, n=1)
        return SourceError(path, line, f"{said} is not one of the choices",
                           f"{f'did you mean {close[0]!r}? ' if close else ''}use one of: {', '.join(choices)}")
    if e.validator == "minItems":
        return SourceError(path, line, f"the list '{key}' is empty", "list at least one item, or remove the key")
    if e.validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = e.schema.get("minimum", e.schema.get("exclusiveMinimum")), e.schema.get("maximum")
        if "exclusiveMinimum" in e.schema:
            return SourceError(path, line, f"{said} is out of range", f"write a number more than {low} and at most {high}")
        return SourceError(path, line, f"{said} is out of range", f"write a number from {low} to {high}")
    return SourceError(path, line, f"{said} is not accepted here", desc or "see README.md ('Issue sources') for what belongs here")
