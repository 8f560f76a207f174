"""Load a YAML data file, remembering the line of every key, and validate it.

Every data kind (meetings, objectives, comparison tables, quizzes, ...) goes through
`load()`: YAML syntax, then the kind's JSON Schema in data/schemas/, which is the same
file editors use for autocompletion. Errors come out as DataError with file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .errors import DataError
from .messages import explain

Lines = dict[tuple, int]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: the schema checks their form, and a
    contributor's `2026-12-03` must not turn into a date object that fails as a wrong type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    """A validated data file: its content, and where each value stands in the file."""

    path: str  # as shown in messages, relative to the project, e.g. data/meetings.yml
    data: object
    lines: Lines = field(repr=False)

    def line(self, *keys) -> int:
        """Line of the deepest key path that exists: a record, a field of a record, ..."""
        keys = tuple(keys)
        while keys and keys not in self.lines:
            keys = keys[:-1]
        return self.lines.get(keys, 1)

    def error(self, keys: tuple, what: str, fix: str) -> DataError:
        return DataError(self.path, self.line(*keys), what, fix)


def _to_python(loader: _Loader, node, path: tuple, lines: Lines, shown: str):
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            line = key_node.start_mark.line + 1
            if key in out:
                raise DataError(shown, line, f"the key `{key}` appears twice in the same record",
                                "keep one of them (YAML would silently drop the first)")
            lines[path + (key,)] = line
            out[key] = _to_python(loader, value_node, path + (key,), lines, shown)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(loader, item, path + (i,), lines, shown) for i, item in enumerate(node.value)]
    lines[("raw",) + path] = node.value  # the scalar as written, e.g. `yes` before YAML made it true
    return loader.construct_object(node)


def parse_yaml(text: str, shown: str) -> tuple[object, Lines]:
    """YAML text -> (data, lines). Syntax errors become DataError with the line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError(shown, 1, "the file is empty", "add the records, starting from the example at the top")
        lines: Lines = {}
        return _to_python(loader, node, (), lines, shown), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(shown, mark.line + 1 if mark else None, f"YAML syntax error: {problem}",
                        "check the indentation and quoting on this line and the one above "
                        "(text containing `: ` or starting with ` or * needs quotes)") from None
    finally:
        loader.dispose()


class Schemas:
    """The JSON Schemas in data/schemas/, with `$ref`s between them resolved."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}
        self.registry = Registry().with_resources(
            (name, Resource.from_contents(schema)) for name, schema in self.schemas.items()
        )

    def validator(self, name: str) -> Draft202012Validator:
        return Draft202012Validator(self.schemas[name], registry=self.registry)

    def resolve(self, name: str, subschema: dict) -> dict:
        """Follow a `$ref` so that hints and titles can be read from the target."""
        ref = subschema.get("$ref") if isinstance(subschema, dict) else None
        if not ref:
            return subschema
        resolved = self.registry.resolver(base_uri=name).lookup(ref).contents
        return self.resolve(ref.split("#")[0] or name, resolved)


def load(root: Path, relpath: str, schemas: Schemas, schema_name: str) -> Document:
    """Read, parse and validate one data file. Raises DataError on the first problem."""
    path = root / relpath
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(relpath, None, "the file does not exist", "create it from the example in CONTRIBUTING.md") from None
    _check_schema_line(text, relpath, schema_name)
    data, lines = parse_yaml(text, relpath)
    doc = Document(relpath, data, lines)
    errors = sorted(schemas.validator(schema_name).iter_errors(data),
                    key=lambda e: (doc.line(*e.absolute_path), len(e.absolute_path)))
    if errors:
        what, fix, keys = explain(errors[0], schemas, schema_name, lines)
        raise doc.error(keys, what, fix)
    return doc


def _check_schema_line(text: str, relpath: str, schema_name: str) -> None:
    """The first line links the file to its schema, so editors can check it as you type."""
    depth = relpath.count("/") - 1
    expected = f"# yaml-language-server: $schema={'../' * depth}schemas/{schema_name}"
    first = text.splitlines()[0].strip() if text.strip() else ""
    if first != expected:
        raise DataError(relpath, 1, "the first line does not link the file to its schema",
                        f"make line 1 exactly `{expected}` so editors can check the file as you type")
