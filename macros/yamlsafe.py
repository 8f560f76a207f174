"""Read and parse one YAML data file within bounds, remembering the line of every value.

Data files come from pull requests by anyone. Before a value reaches the schema, this
module refuses, with the file and line: bytes that are not UTF-8, a byte-order mark,
control and invisible characters, files over a size limit, nesting past a sane depth,
aliases that would expand the file past a limit (the "billion laughs"), custom tags
(`!secret`, `!!python/object`), keys that are not plain words, and words that mix
look-alike letters from two alphabets (a Cyrillic `о` in `open`).
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from .errors import DataError

MAX_BYTES = 512 * 1024
MAX_DEPTH = 12
MAX_VALUES = 50_000
Lines = dict[tuple, int]

_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}
# Control characters other than tab and newline, and invisible formatting characters.
_BAD_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_WORD = re.compile(r"\w+")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (the schema checks their form) and refuses
    deep nesting while it composes, before Python's own recursion limit is near."""

    def __init__(self, text: str, shown: str):
        super().__init__(text)
        self.shown, self.depth = shown, 0

    def compose_node(self, parent, index):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            line = self.peek_event().start_mark.line + 1
            raise DataError(self.shown, line, f"the data is nested more than {MAX_DEPTH} levels deep",
                            "data files are lists of flat records: remove the extra levels of indentation or brackets")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def decode(raw: bytes, shown: str) -> str:
    """Bytes -> text, refusing what an editor would not show plainly."""
    if len(raw) > MAX_BYTES:
        raise DataError(shown, None, f"the file is {len(raw) // 1024} KB, over the limit of {MAX_BYTES // 1024} KB",
                        "split it into smaller files, or shorten the long texts")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(shown, 1, "the file starts with an invisible byte-order mark (BOM)",
                        "save it as UTF-8 without BOM (most editors offer this in the encoding menu)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(shown, line, "this line holds bytes that are not UTF-8 text",
                        "save the file as UTF-8, or retype the special characters on this line") from None
    bad = _BAD_CHAR.search(text)
    if bad:
        line = text[:bad.start()].count("\n") + 1
        name = unicodedata.name(bad.group(), "control character").lower()
        raise DataError(shown, line, f"this line holds an invisible character ({name}, U+{ord(bad.group()):04X})",
                        "delete it: retype the line, or the word around it")
    if not text.strip():
        raise DataError(shown, 1, "the file is empty", "add the records, starting from the example at the top")
    return text


def _mixed_scripts(text: str) -> str | None:
    for word in _WORD.findall(text):
        scripts = {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()}
        if len(scripts & {"LATIN", "CYRILLIC", "GREEK"}) > 1:
            return word
    return None


class _Builder:
    """Node graph -> Python values, with the line of every key, within MAX_VALUES."""

    def __init__(self, loader: _Loader, shown: str):
        self.loader, self.shown, self.lines, self.count = loader, shown, {}, 0

    def build(self, node, path: tuple = ()):
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_VALUES:
            raise DataError(self.shown, line, f"the file expands to more than {MAX_VALUES:,} values; "
                            "YAML aliases (`*name`) repeat whole blocks",
                            "write the values out instead of using `&anchors` and `*aliases`")
        if node.tag not in _CORE_TAGS:
            raise DataError(self.shown, line, f"the tag `{node.tag.replace('tag:yaml.org,2002:', '!!')}` is not allowed",
                            "remove it: data files hold plain text, numbers, true/false, lists and records")
        self.lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        self.lines[("raw",) + path] = node.value  # as written, e.g. `yes` before YAML made it true
        value = self.loader.construct_object(node)
        word = _mixed_scripts(value) if isinstance(value, str) else None
        if word:
            raise DataError(self.shown, line, f"the word `{word}` mixes letters from two alphabets (a look-alike character)",
                            "retype the word on an ordinary keyboard layout")
        return value

    def _mapping(self, node, path: tuple) -> dict:
        out = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise DataError(self.shown, line, "this key is not a plain word",
                                "write keys as plain words followed by a colon, like `name:`")
            key = key_node.value
            if key in out:
                raise DataError(self.shown, line, f"the key `{key}` appears twice in the same record",
                                "keep one of them (YAML would silently drop the first)")
            self.lines[path + (key,)] = line
            out[key] = self.build(value_node, path + (key,))
        return out


def parse_yaml(text: str, shown: str) -> tuple[object, Lines]:
    """YAML text -> (data, lines). Syntax errors become DataError with the line."""
    loader = _Loader(text, shown)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataError(shown, 1, "the file is empty", "add the records, starting from the example at the top")
        builder = _Builder(loader, shown)
        return builder.build(node), builder.lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(shown, mark.line + 1 if mark else None, f"YAML syntax error: {problem}",
                        "check the indentation and quoting on this line and the one above "
                        "(text containing `: ` or starting with ` or * needs quotes)") from None
    finally:
        loader.dispose()
