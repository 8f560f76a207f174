"""The one way contributor text becomes HTML, and the templates that wrap it.

Data files come from pull requests by anyone, so their text is untrusted. `block()` and
`inline()` are the only functions that turn it into HTML, whether the result lands in an
HTML template or in a Markdown page:

1. Markdown with no raw HTML (tags are escaped) and no `attr_list` (no `{onerror=...}`);
2. the result sanitized by nh3 (the Ammonia bindings): an allow-list of tags and attributes,
   links only to https:, http:, mailto: and relative URLs;
3. the characters that mean something to Markdown written as entities, so a value placed
   into a Markdown table or link (`Ann | Bob`, `The Docker] Engine`) stays plain text when
   the page's own Markdown pass reads it. The browser shows the same characters.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

_EXTENSIONS = ["pymdownx.inlinehilite", "pymdownx.highlight", "pymdownx.superfences", "tables"]
_EXTENSION_CONFIGS = {"pymdownx.highlight": {"use_pygments": True}}

TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "hr", "i", "kbd", "li", "ol",
        "p", "pre", "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "code": {"class"}, "div": {"class"},
              "pre": {"class"}, "span": {"class"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"https", "http", "mailto"}

# Markdown syntax characters; `<`, `>` and `&` are already entities after sanitizing.
_MARKDOWN_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|!~^"}


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)
    # Data files hold Markdown, never HTML: escape any tag instead of passing it through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _converter()


def sanitize(html: str) -> str:
    """Keep only allow-listed tags and attributes; drop unsafe URLs, scripts and handlers."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)


def _markdown_inert(html: str) -> str:
    return html.translate(str.maketrans(_MARKDOWN_SPECIAL))


def block(text: str) -> Markup:
    """Markdown paragraphs, lists, code blocks -> safe HTML."""
    _MD.reset()
    return Markup(_markdown_inert(sanitize(_MD.convert(str(text).strip()))))


def inline(text: str) -> Markup:
    """One line of Markdown (a table cell, an option) -> safe HTML without the <p> wrapper,
    on one line so it cannot end a Markdown table row."""
    html = str(block(text))
    match = re.fullmatch(r"<p>(.*)</p>", html, re.S)
    html = match.group(1) if match else html
    return Markup(html if "<pre" in html else html.replace("\n", " "))


def source_label(url: str) -> str:
    """Short link text for a source: the site, or owner/repo on GitHub."""
    parts = urlparse(url)
    segments = [s for s in parts.path.split("/") if s]
    if parts.netloc == "github.com":
        repo = "/".join(segments[:2])
        return f"{repo} {segments[-1]}" if len(segments) > 4 else repo
    if parts.netloc == "docs.docker.com" and segments:
        return f"Docker docs: {segments[-1].replace('-', ' ')}"
    return parts.netloc


def templates(folder: Path) -> Environment:
    """Every template autoescapes, Markdown ones too: data text enters only through `md`
    and `md_inline`, and anything else (ids, numbers) is escaped."""
    env = Environment(loader=FileSystemLoader(folder), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["md"] = block
    env.filters["md_inline"] = inline
    env.filters["source_label"] = source_label
    return env


def squeeze(html: str) -> str:
    """Drop blank lines (outside <pre>) so Markdown keeps the HTML as one raw block."""
    parts = re.split(r"(<pre.*?</pre>)", html, flags=re.S)
    return "".join(part if part.startswith("<pre") else re.sub(r"\n\s*\n", "\n", part) for part in parts)
