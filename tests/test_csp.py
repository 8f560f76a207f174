"""The Content-Security-Policy every page carries, and the site gate's rules, in isolation."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import material
import pytest

from conftest import ROOT, serve
from macros import sitegate

PAGE_TYPES = ["", "chapters/", "chapters/03-installing-docker/", "chapters/07-containers/", "meetings/",
              "objectives/", "reference/comparisons/", "glossary/", "contributing/", "404.html"]
VIOLATIONS = """window.__csp = []; document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));"""


def test_every_page_has_a_policy_before_its_first_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text()
        meta = html.find('http-equiv="Content-Security-Policy"')
        assert 0 < meta < html.find("<script"), path
        content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        assert "object-src 'none'" in content and "base-uri 'self'" in content
        assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;", content), "inline scripts go by hash"
        assert "unsafe-inline" not in content.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_page_breaks_its_own_policy(context, site_url, path):
    page = context.new_page()
    page.add_init_script(VIOLATIONS)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if page.locator(".ddq").count():
        page.locator(".ddq[data-ddq-ready]").wait_for()
    page.keyboard.press("/")  # opens search, which starts the search worker
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") == [] and errors == []


def test_an_injected_inline_handler_does_not_run(context, built_site, tmp_path):
    """Even if something slipped past the gate, the browser refuses to run it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    target = site / "chapters" / "01-containers-from-30000-feet" / "index.html"
    html = target.read_text()
    target.write_text(html.replace("</article>", '<img src="x" onerror="window.__ran = true"><script>window.__ran = true</script></article>', 1))
    page = context.new_page()
    page.add_init_script(VIOLATIONS)
    with serve(site) as url:
        page.goto(url + "chapters/01-containers-from-30000-feet/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        blocked = page.evaluate("window.__csp")
        assert any(v.startswith("script-src") for v in blocked), blocked


@pytest.mark.parametrize("html, expected", [
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "a ` JaVaScRiPt:alert(1)` URL in `href` on <a>"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "a `javascript:alert(1)` URL in `href` on <a>"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "URL in `src` on <img>"),
    ('<a href="vbscript:msgbox">x</a>', "a `vbscript:msgbox` URL in `href` on <a>"),
    ('<div onclick="x()">x</div>', "an inline event handler `onclick` on <div>"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "URL in `xlink:href`"),
    ("<object data='x.swf'></object>", "a <object> element is not allowed"),
    ("<embed src='x.swf'>", "a <embed> element is not allowed"),
    ("<base href='https://example.com/'>", "a <base> element is not allowed"),
    ('<script src="https://cdn.example.com/x.js"></script>', "that is not one of the site's scripts"),
    ('<script src="assets/javascripts/quiz.js"></script>', None),
    ('<script type="application/json">{"a": 1}</script>', None),
    ('<div class="ddq" data-quiz="05-the-docker-engine"><p><img src=x onerror=alert(1)></p></div>',
     "(from data/quizzes/05-the-docker-engine.yml)"),
])
def test_the_gate_names_what_it_refuses(tmp_path, html, expected):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"<html><head></head><body>\n{html}\n</body></html>")
    templates = [ROOT / "overrides", Path(material.__file__).parent / "templates"]
    found = [str(f) for f in sitegate.gate(tmp_path, templates, add_csp=False)]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith("page/index.html:2: ") and expected in found[0], found
