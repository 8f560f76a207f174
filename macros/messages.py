"""Turn a JSON Schema validation error into words a contributor can act on.

Schemas may carry two extra keywords on a property, read here:
  "x-error": what is wrong, when the value does not match the pattern ("is not a version")
  "x-hint":  how to fix it ("write it in quotes, like \"29.0\"")
"""

from __future__ import annotations

import difflib

from jsonschema import ValidationError

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a record (key: value lines)", "null": "empty"}


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a record"
    return "empty" if value is None else type(value).__name__


def _field(error: ValidationError) -> str:
    keys = [k for k in error.absolute_path if isinstance(k, str)]
    return f"`{keys[-1]}`" if keys else "the file"


def _hint(schema: dict, default: str) -> str:
    return schema.get("x-hint", default) if isinstance(schema, dict) else default


def _closest(word: str, choices) -> str:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f" (did you mean `{match[0]}`?)" if match else ""


def explain(error: ValidationError, schemas, schema_name: str, lines: dict) -> tuple[str, str, tuple]:
    """Return (what is wrong, how to fix it, key path to locate the line)."""
    keys = tuple(error.absolute_path)
    schema = schemas.resolve(schema_name, error.schema)
    value = error.instance
    kind = error.validator

    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        key = extra[0]
        return (f"unknown key `{key}`{_closest(key, allowed)}",
                f"use only the keys this record allows: {', '.join(allowed)}", keys + (key,))
    if kind == "required":
        missing = next(k for k in error.validator_value if k not in value)
        prop = schema.get("properties", {}).get(missing, {})
        sub = {**schemas.resolve(schema_name, prop), **prop}
        about = sub.get("description", "") if isinstance(sub, dict) else ""
        return (f"this record has no `{missing}`",
                f"add `{missing}:` to this record" + (f" ({about[0].lower()}{about[1:].rstrip('.')})" if about else ""), keys)
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        what = f"{_field(error)} must be {words}, but it is {_type_of(value)} ({value!r})"
        fix = _hint(schema, "correct the value")
        if "integer" in expected and isinstance(value, float) and keys:
            what = f"{_field(error)} must be a whole number, but it is written `{value}`"
            fix = f"write it without a decimal point: {keys[-1]}: {int(value)}" if value.is_integer() else fix
        if "string" in expected and isinstance(value, (int, float, bool)) and keys:
            written = lines.get(("raw",) + keys, value)
            what = f"{_field(error)} must be {words}, but YAML reads the unquoted `{written}` as {_type_of(value)}"
            fix = f'put the value in quotes: {keys[-1]}: "{written}"'
        return what, fix, keys
    if kind == "enum":
        options = error.validator_value
        return (f"{_field(error)} is `{value}`, which is not one of the allowed values{_closest(value, options)}",
                f"use one of: {', '.join(map(str, options))}", keys)
    if kind == "pattern" and isinstance(value, str) and not value.strip():
        return f"{_field(error)} is blank", _hint(schema, "write the text"), keys
    if kind == "pattern" and isinstance(value, str) and value != value.strip():
        return (f"{_field(error)} `{value.strip()}` has spaces or a line break at its end or start",
                "remove them (write the value on one line, in quotes if needed)", keys)
    if kind in ("pattern", "format"):
        what = schema.get("x-error", f"does not have the expected form ({error.validator_value})")
        return f"{_field(error)} `{value}` {what}", _hint(schema, "correct the value"), keys
    if kind == "minItems":
        n = error.validator_value
        return (f"{_field(error)} needs at least {n} item{'s' if n != 1 else ''}, it has {len(value)}",
                _hint(schema, f"add {'items' if n > 1 else 'an item'} to the list"), keys)
    if kind in ("maximum", "minimum"):
        side = "more" if kind == "maximum" else "less"
        return (f"{_field(error)} is {value}, {side} than the allowed {error.validator_value}",
                _hint(schema, "correct the number"), keys)
    if kind == "maxLength":
        return (f"{_field(error)} is {len(value):,} characters long, over the limit of {error.validator_value:,}",
                schema.get("x-max", "shorten it"), keys)
    if kind == "maxItems":
        n = error.validator_value
        return (f"{_field(error)} has {len(value)} items, over the limit of {n}",
                _hint(schema, f"keep it to {n} at most"), keys)
    if kind == "minLength":
        return f"{_field(error)} is empty", _hint(schema, "write the text"), keys
    if kind == "uniqueItems":
        return f"{_field(error)} lists the same value twice", "remove the repeated value", keys
    return f"{_field(error)}: {error.message}", _hint(schema, "correct the value"), keys
