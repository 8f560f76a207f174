"""Load a YAML data file, remembering the line of every key, and validate it.

Every data kind (meetings, objectives, comparison tables, quizzes, ...) goes through
`load()`: bounded parsing (macros/yamlsafe.py), then the kind's JSON Schema in
data/schemas/, which is the same file editors use for autocompletion. Errors come out as
DataError with file and line.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .errors import DataError
from .messages import explain
from .yamlsafe import Lines, decode, parse_yaml

__all__ = ["Document", "Schemas", "load", "parse_yaml"]


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def _pattern(validator, pattern, instance, schema):
    """Like JSON Schema's `pattern`, but a final `$` does not match before a trailing
    newline (Python's `$` does), so `id: "open\\n"` is refused."""
    if not isinstance(instance, str):
        return
    if not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# `5.0` is not a whole number here, whatever JSON Schema's number model says.
_TYPES = Draft202012Validator.TYPE_CHECKER.redefine(
    "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
_Validator = validators.extend(Draft202012Validator, validators={"pattern": _pattern}, type_checker=_TYPES)


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


class Schemas:
    """The JSON Schemas in data/schemas/, with `$ref`s between them resolved."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}
        self.registry = Registry().with_resources(
            (name, Resource.from_contents(schema)) for name, schema in self.schemas.items()
        )
        self._validators = {}

    def validator(self, name: str):
        if name not in self._validators:
            self._validators[name] = _Validator(self.schemas[name], registry=self.registry)
        return self._validators[name]

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
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(relpath, None, "the file does not exist", "create it from the example in CONTRIBUTING.md") from None
    text = decode(raw, relpath)
    _check_schema_line(text, relpath, schema_name)
    data, lines = parse_yaml(text, relpath)
    doc = Document(relpath, data, lines)
    errors = sorted(schemas.validator(schema_name).iter_errors(data),
                    key=lambda e: (doc.line(*e.absolute_path), len(e.absolute_path)))
    if errors:
        what, fix, keys = explain(errors[0], schemas, schema_name, lines)
        raise doc.error(keys, what, fix)
    _check_booleans(doc, data, ())
    return doc


def _check_booleans(doc: Document, value, path: tuple) -> None:
    """YAML 1.1 reads `yes`, `no`, `on` and `off` as true/false; only `true`/`false` may stand."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_booleans(doc, item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_booleans(doc, item, path + (i,))
    elif isinstance(value, bool):
        written = str(doc.lines.get(("raw",) + path, value))
        if written.lower() not in ("true", "false"):
            raise doc.error(path, f"`{path[-1]}: {written}` is read by YAML as {str(value).lower()}, but the word is unclear",
                            f"write `{path[-1]}: {str(value).lower()}`")


def _check_schema_line(text: str, relpath: str, schema_name: str) -> None:
    """The first line links the file to its schema, so editors can check it as you type."""
    depth = relpath.count("/") - 1
    expected = f"# yaml-language-server: $schema={'../' * depth}schemas/{schema_name}"
    first = text.splitlines()[0].strip() if text.strip() else ""
    if first != expected:
        raise DataError(relpath, 1, "the first line does not link the file to its schema",
                        f"make line 1 exactly `{expected}` so editors can check the file as you type")
