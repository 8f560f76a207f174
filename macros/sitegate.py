"""The gate over the built site: no live script may ride in through a page or a data file.

After every build each HTML page is parsed (the standard library's HTML parser, not
regexes) and the build fails, naming the page and, where known, the data file, when it
finds an inline event handler, a javascript:/vbscript:/data: URL, an <iframe>, <object>,
<embed> or <base>, or a <script> that is neither the theme's nor ours.

Trusted inline scripts are the ones written in the theme's templates and in overrides/:
their text, with each Jinja expression standing for a plain path or word, is the allow-list.
The pages then get a Content-Security-Policy <meta> that names the exact hashes of the
inline scripts each page carries, so a browser refuses any other script too.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Script files the site may load, relative to the site root.
SCRIPT_FILES = re.compile(r"^assets/javascripts/(bundle\.[0-9a-f]+\.min\.js|[a-z0-9-]+\.js)$")
# Theme templates that hold analytics or redirects, which this site does not use.
_UNUSED_TEMPLATES = ("integrations/", "redirect.html")

_MACRO_DATA = {"meetings": "data/meetings.yml", "next_meeting": "data/meetings.yml",
               "objectives_page": "data/objectives.yml", "objectives": "data/objectives.yml",
               "exam_domains": "data/objectives.yml", "chapter_map": "data/chapters.yml"}


@dataclass
class Finding:
    page: str
    line: int
    what: str
    source: str | None = None

    def __str__(self) -> str:
        origin = f" (from {self.source})" if self.source else ""
        return f"{self.page}:{self.line}: {self.what}{origin}"


def _script_pattern(body: str) -> re.Pattern:
    parts = re.split(r"\{\{.*?\}\}", body.strip(), flags=re.S)
    return re.compile(r"[A-Za-z0-9./_:-]*".join(re.escape(p) for p in parts))


def trusted_scripts(template_dirs: list[Path]) -> list[re.Pattern]:
    """The inline scripts written in the theme's templates and ours."""
    patterns = []
    for folder in template_dirs:
        for path in sorted(folder.rglob("*.html")):
            if any(part in path.as_posix() for part in _UNUSED_TEMPLATES):
                continue
            for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", path.read_text(encoding="utf-8"), re.S):
                if "src=" not in attrs and "application/json" not in attrs and body.strip():
                    patterns.append(_script_pattern(body))
    return patterns


def csp_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def policy(hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'", "script-src 'self' " + " ".join(sorted(set(hashes))),
        "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self'",
        "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "object-src 'none'",
        "base-uri 'self'", "form-action 'self'", "frame-src 'none'",
    ])


def _clean_url(value: str) -> str:
    return re.sub(r"[\x00-\x20]", "", value).lower()


@dataclass
class _Page(HTMLParser):
    name: str
    trusted: list
    findings: list = field(default_factory=list)
    inline_scripts: list = field(default_factory=list)
    stack: list = field(default_factory=list)
    script: tuple | None = None
    root: str = "/"

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)

    def _source(self) -> str | None:
        return next((src for _, src in reversed(self.stack) if src), None)

    def _find(self, what: str) -> None:
        self.findings.append(Finding(self.name, self.getpos()[0], what, self._source()))

    def handle_starttag(self, tag, attrs):
        attrs = [(k.lower(), v or "") for k, v in attrs]
        data = dict(attrs)
        source = (f"data/quizzes/{data['data-quiz']}.yml" if "data-quiz" in data
                  else f"data/comparisons/{data['data-table']}.yml" if "data-table" in data else None)
        if tag not in VOID:
            self.stack.append((tag, source))
        if tag in FORBIDDEN_TAGS:
            self._find(f"a <{tag}> element is not allowed")
        for key, value in attrs:
            if key.startswith("on"):
                self._find(f"an inline event handler `{key}` on <{tag}> is not allowed")
            if key in URL_ATTRIBUTES and _clean_url(value).startswith(BAD_SCHEMES):
                self._find(f"a `{value[:40]}` URL in `{key}` on <{tag}> is not allowed")
        if tag == "script":
            self.script = (data, self.getpos()[0], [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, text):
        if self.script is not None:
            self.script[2].append(text)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self._check_script(*self.script)
            self.script = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def _check_script(self, attrs: dict, line: int, parts: list) -> None:
        body = "".join(parts)
        if attrs.get("type", "").lower() not in EXECUTABLE_TYPES:
            return  # a data block such as Material's JSON configuration never runs
        if "src" in attrs:
            target = attrs["src"]
            rooted = target[len(self.root):] if target.startswith(self.root) else target
            rooted = re.sub(r"^(\.\./)+|^\./", "", rooted)
            if not SCRIPT_FILES.match(rooted):
                self.findings.append(Finding(self.name, line, f"a <script src=\"{target}\"> that is not one of the site's scripts", self._source()))
            return
        if not any(p.fullmatch(body.strip()) for p in self.trusted):
            self.findings.append(Finding(self.name, line, "an inline <script> that is not the theme's or ours", self._source()))
            return
        self.inline_scripts.append(body)


def check_page(path: Path, site: Path, trusted: list[re.Pattern], docs: Path | None = None, root: str = "/") -> _Page:
    name = path.relative_to(site).as_posix()
    parser = _Page(name=name, trusted=trusted, root=root)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    page_source = _page_source(name, docs)
    for finding in parser.findings:
        finding.source = finding.source or page_source
    return parser


def _page_source(name: str, docs: Path | None) -> str | None:
    """The Markdown page a built page comes from, and the data files its macros read."""
    if docs is None:
        return None
    stem = name[:-len("index.html")] if name.endswith("index.html") else name[:-5]
    for candidate in (f"{stem.rstrip('/')}.md", f"{stem}index.md"):
        md = docs / candidate
        if candidate != ".md" and md.is_file():
            text = md.read_text(encoding="utf-8")
            data = sorted({f for macro, f in _MACRO_DATA.items() if re.search(r"\{\{\s*" + macro + r"\(", text)})
            return f"docs/{candidate}" + (f", which renders {', '.join(data)}" if data else "")
    return None


def gate(site: Path, template_dirs: list[Path], docs: Path | None = None, add_csp: bool = True,
         root: str = "/") -> list[Finding]:
    """Check every page; if all pass and add_csp, write the policy into each page's <head>.
    `root` is the site's path on its host (the 404 page links its scripts from there)."""
    trusted = trusted_scripts(template_dirs)
    findings, pages = [], []
    for path in sorted(site.rglob("*.html")):
        parsed = check_page(path, site, trusted, docs, root)
        findings += parsed.findings
        pages.append((path, parsed.inline_scripts))
    if findings or not add_csp:
        return findings
    for path, scripts in pages:
        html = path.read_text(encoding="utf-8")
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy([csp_hash(s) for s in scripts])}">'
        html, count = re.subn(r"(<head[^>]*>\s*(<meta charset=[^>]*>)?)", lambda m: m.group(1) + "\n    " + meta, html, count=1)
        if count:
            path.write_text(html, encoding="utf-8")
    return findings
