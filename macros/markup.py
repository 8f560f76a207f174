"""Markdown from data files -> HTML, with raw HTML escaped, and the templates that wrap it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

_EXTENSIONS = ["attr_list", "pymdownx.inlinehilite", "pymdownx.highlight", "pymdownx.superfences", "tables"]
_EXTENSION_CONFIGS = {"pymdownx.highlight": {"use_pygments": True}}


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)
    # Data files hold Markdown, never HTML: escape any tag instead of passing it through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _converter()


def block(text: str) -> Markup:
    """Markdown paragraphs, lists, code blocks."""
    _MD.reset()
    return Markup(_MD.convert(text.strip()))


def inline(text: str) -> Markup:
    """One line of Markdown (a table cell, an option), without the <p> wrapper."""
    html = str(block(text))
    match = re.fullmatch(r"<p>(.*)</p>", html, re.S)
    return Markup(match.group(1) if match else html)


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
    env = Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(enabled_extensions=("html.jinja",), default_for_string=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["md"] = block
    env.filters["md_inline"] = inline
    env.filters["source_label"] = source_label
    return env


def squeeze(html: str) -> str:
    """Drop blank lines (outside <pre>) so Markdown keeps the HTML as one raw block."""
    parts = re.split(r"(<pre.*?</pre>)", html, flags=re.S)
    return "".join(part if part.startswith("<pre") else re.sub(r"\n\s*\n", "\n", part) for part in parts)
