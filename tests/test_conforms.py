"""read.conforms answers "does this conform to the schema?" without jsonschema: it must agree with
jsonschema on the sources of every test issue and on thousands of variants of them (each key removed,
each value replaced by one of every kind, an unknown key beside each), else a fault would go unreported."""
from pathlib import Path

import jsonschema
import pytest
import yaml

from typeset.read.conforms import conforms
from typeset.read.sources import schema

ROOT = Path(__file__).resolve().parent.parent
ISSUES = [ROOT / "issue", ROOT / "tests" / "issue2", ROOT / "tests" / "issue_pages", ROOT / "tests" / "notes_issue"]
ODD = [None, True, False, 0, 1, -1, 3.5, 2.0, "", " ", "x", "2018年8月", "2018年08月", "130000", "a@b.cn", "张三",
       "欧阳明远", "x" * 300, [], ["x"], [1], {}, {"x": 1}]


def front_matter(path: Path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[3:text.index("\n---", 3)])


def variants(data):
    """data itself, then for every place in it: the key removed, the value replaced by each ODD, an unknown key."""
    yield data
    if isinstance(data, dict):
        yield {**data, "unknown_key": 1}
        for k, v in data.items():
            yield {x: y for x, y in data.items() if x != k}
            for odd in ODD:
                yield {**data, k: odd}
            for inner in list(variants(v))[1:]:
                yield {**data, k: inner}
    elif isinstance(data, list):
        yield []
        for i, v in enumerate(data[:3]):
            for odd in ODD:
                yield data[:i] + [odd] + data[i + 1:]
            for inner in list(variants(v))[1:]:
                yield data[:i] + [inner] + data[i + 1:]


def cases():
    for issue in ISSUES:
        yield "manifest.schema.json", yaml.safe_load((issue / "manifest.yaml").read_text(encoding="utf-8")), issue.name
        for md in sorted((issue / "articles").glob("*.md"))[:4]:
            yield "article.schema.json", front_matter(md), md.name


@pytest.mark.parametrize("name,data,label", list(cases()), ids=lambda x: x if isinstance(x, str) else "")
def test_conforms_agrees_with_jsonschema(name, data, label):
    validator = jsonschema.Draft202012Validator(schema(name))
    count = 0
    for variant in variants(data):
        expected = next(validator.iter_errors(variant), None) is None
        assert conforms(variant, schema(name)) == expected, (label, variant)
        count += 1
    assert count > 20


def test_an_unknown_keyword_leaves_it_to_jsonschema():
    assert not conforms("x", {"type": "string", "format": "email"})
