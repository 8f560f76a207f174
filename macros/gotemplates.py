"""Catch Docker Go templates (`{{.Driver}}`) that would collide with the macro engine.

Every page goes through Jinja. A Go template left unwrapped is either a Jinja syntax error
or, worse, silently rendered as an empty string. This check runs before the macros, and
stops the build with the page, the line and the fix.
"""

from __future__ import annotations

import re

from jinja2 import Environment, TemplateSyntaxError, meta

from .errors import DataError

# `{{.Name}}`, `{{ .Name }}`, `{{json .}}`, `{{range .Mounts}}`: a dot-led field after the braces
# or after a Go template function name.
GO_TEMPLATE = re.compile(r"\{\{-?\s*(?:[a-z]+\s+)?\$?\.[A-Za-z]*")
FIX = ("wrap it in {% raw %} and {% endraw %} lines around the code block (or around the inline code), "
       "as CONTRIBUTING.md explains under 'Docker Go templates'")


def _unwrapped(markdown: str) -> str:
    """The markdown with {% raw %} ... {% endraw %} spans blanked, keeping line numbers."""
    return re.sub(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}",
                  lambda m: "\n" * m.group(0).count("\n"), markdown, flags=re.S)


def check(markdown: str, source_path: str, line_offset: int, jinja: Environment, known: set[str]) -> None:
    for number, line in enumerate(_unwrapped(markdown).splitlines(), start=1):
        found = GO_TEMPLATE.search(line)
        if found:
            raise DataError(source_path, number + line_offset,
                            f"`{found.group(0)}...` is a Docker Go template that the macro engine would try to run", FIX)
    try:
        tree = jinja.parse(markdown)
    except TemplateSyntaxError as exc:
        raise DataError(source_path, (exc.lineno or 0) + line_offset,
                        f"the macro engine cannot read this line ({exc.message})",
                        "if it is a Go template or other text with {{ or {%, " + FIX
                        + "; if it is a macro call, check its brackets and quotes") from None
    unknown = sorted(meta.find_undeclared_variables(tree) - known)
    if unknown:
        name = unknown[0]
        lines = _unwrapped(markdown).splitlines()
        number = next((n for n, line in enumerate(lines, 1) if re.search(r"\{\{[^}]*\b" + re.escape(name) + r"\b", line)), 0)
        raise DataError(source_path, number + line_offset,
                        f"`{name}` inside {{{{ }}}} is neither a macro nor a variable of this site",
                        "if it is a Go template, " + FIX + "; if it is a macro, check its name in CONTRIBUTING.md")


def line_offset(source: str, markdown: str) -> int:
    """How many lines of front matter MkDocs removed before handing us the markdown."""
    start = source.find(markdown[:200]) if markdown else -1
    return source[:start].count("\n") if start > 0 else 0
