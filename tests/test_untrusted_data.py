"""Contributor data is untrusted: no script rides in through a data file or a page.

Each payload goes into every text field of every data family of a copy of the project;
the copy is built with the real plugins (the build's own gate must pass it) and its pages
are opened in Chromium, where links are clicked and pointer events fired: nothing may run.
A page that carries a script itself must stop the build, naming the page.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build, serve

PAYLOADS = {
    "script-tag": '<script>__xss.push("§")</script>',
    "img-onerror": '<img src=x onerror=__xss.push("§")>',
    "attr-list-image": '![x](x){onerror=__xss.push("§")}',
    "attr-list-trailing": 'Text {: onmouseover=__xss.push("§") }',
    "attr-list-code": '`x`{onclick=__xss.push("§")}',
    "js-link": '[click](javascript:__xss.push("§"))',
    "js-link-entity": '[click](&#106;avascript:__xss.push("§"))',
    "js-link-mixed-case": '[click](JaVaScRiPt:__xss.push("§"))',
    "raw-js-anchor": '<a href="javascript:__xss.push(1)">click</a>',
}

# (file, a function that yields the text fields to poison) — 17 field families.
FIELDS = {
    "meetings.notes": ("data/meetings.yml", lambda d: [(d["meetings"][1], "notes")]),
    "meetings.action_text": ("data/meetings.yml", lambda d: [(d["meetings"][0]["action_items"][0], "text")]),
    "meetings.action_owner": ("data/meetings.yml", lambda d: [(d["meetings"][0]["action_items"][0], "owner")]),
    "meetings.presenter": ("data/meetings.yml", lambda d: [(d["meetings"][1]["presenters"][0], "name")]),
    "objectives.text": ("data/objectives.yml", lambda d: [(d["objectives"][0], "text")]),
    "objectives.domain": ("data/objectives.yml", lambda d: [(d["domains"][0], "name")]),
    "chapters.title": ("data/chapters.yml", lambda d: [(d["chapters"][2], "title")]),
    "chapters.title_2025": ("data/chapters.yml", lambda d: [(d["chapters"][2]["edition_2025"], "title")]),
    "quiz.stem": ("data/quizzes/03-installing-docker.yml", lambda d: [(d["questions"][0], "stem")]),
    "quiz.option": ("data/quizzes/03-installing-docker.yml", lambda d: [(d["questions"][0]["options"][0], "text")]),
    "quiz.why": ("data/quizzes/03-installing-docker.yml", lambda d: [(d["questions"][0]["options"][1], "why")]),
    "quiz.explanation": ("data/quizzes/03-installing-docker.yml", lambda d: [(d["questions"][0], "explanation")]),
    "table.title": ("data/comparisons/storage-drivers.yml", lambda d: [(d["table"], "title")]),
    "table.intro": ("data/comparisons/storage-drivers.yml", lambda d: [(d["table"], "intro")]),
    "table.name": ("data/comparisons/storage-drivers.yml", lambda d: [(d["rows"][0], "name")]),
    "table.notes": ("data/comparisons/storage-drivers.yml", lambda d: [(r, "notes") for r in d["rows"][:1]]),
    "table.cell": ("data/comparisons/storage-drivers.yml", lambda d: [(d["rows"][1], "page_cache_sharing")]),
}
PAGES = ["", "chapters/", "chapters/03-installing-docker/", "meetings/", "objectives/", "reference/comparisons/"]


def poison(project: Path, payload_id: str) -> None:
    """Append the payload to every field family, each tagged with the field's name."""
    by_file: dict[str, list[str]] = {}
    for field, (relpath, _) in FIELDS.items():
        by_file.setdefault(relpath, []).append(field)
    for relpath, fields in by_file.items():
        path = project / relpath
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
        data = yaml.safe_load(rest)
        for field in fields:
            for record, key in FIELDS[field][1](data):
                tag = f"@{list(FIELDS).index(field)}"  # short: names are limited to 80 characters
                record[key] = f"{record.get(key, 'x')} {PAYLOADS[payload_id].replace('§', tag)}"
        path.write_text(first + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000),
                        encoding="utf-8")


@pytest.mark.parametrize("payload_id", PAYLOADS)
def test_payload_in_every_field_never_runs(tmp_path, browser, payload_id):
    project = copy_project(tmp_path / "project")
    poison(project, payload_id)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr  # the gate found nothing live
    site = project / "site"
    html = "".join(p.read_text() for p in site.rglob("*.html"))
    # The poisoned text must reach the pages as harmless text, not be dropped: a payload that
    # shows as text leaves its marker, a link payload leaves its link text without the href.
    text = htmllib.unescape(html)
    is_link = re.search(r"\[click\]|>click<", PAYLOADS[payload_id])
    shown = text.count(">click<") if is_link else text.count('__xss.push("@')
    assert shown >= 10, f"the payload reached the built pages only {shown} times"
    assert not re.search(r"<[^>]+\son\w+\s*=", html.replace("&lt;", "")), "an event handler attribute survived"

    context = browser.new_context()
    context.add_init_script("window.__xss = []")
    try:
        with serve(site) as url:
            for path in PAGES:
                page = context.new_page()
                errors = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
                page.goto(url + path)
                page.wait_for_load_state("load")
                page.evaluate("""() => document.querySelectorAll('body *').forEach(e => {
                    for (const t of ['mouseover', 'click', 'focus']) e.dispatchEvent(new Event(t, {bubbles: false}));
                })""")
                hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.protocol)")
                assert "javascript:" not in hrefs and "vbscript:" not in hrefs, f"{path}: a script link survived"
                for link in page.get_by_role("link", name="click", exact=True).all():
                    if page.url == url + path:  # a harmless relative link may navigate away: stay
                        link.evaluate("a => a.click()")
                ran = page.evaluate("() => window.__xss || []")
                assert ran == [] and not errors, f"{path}: payload ran: {ran} {errors}"
                page.close()
    finally:
        context.close()


def test_every_field_family_is_covered():
    """The closing note counts payload x field cases: keep the matrix complete."""
    assert len(FIELDS) == 17 and len(PAYLOADS) == 9


@pytest.mark.parametrize("markup, what", [
    ('<img src="x" onerror="alert(1)">', "an inline event handler `onerror` on <img>"),
    ('![logo](logo.png){onerror="alert(1)"}', "an inline event handler `onerror` on <img>"),
    ("[docs](javascript:alert(1))", "a `javascript:alert(1)` URL in `href` on <a>"),
    ('<iframe src="https://example.com"></iframe>', "a <iframe> element is not allowed"),
    ("<script>alert(1)</script>", "an inline <script> that is not the theme's or ours"),
])
def test_a_page_that_carries_a_script_stops_the_build(project_copy, markup, what):
    page = project_copy / "docs" / "chapters" / "16-what-next.md"
    page.write_text(page.read_text() + f"\n\n{markup}\n")
    result = mkdocs_build(project_copy)
    assert result.returncode != 0
    assert f"chapters/16-what-next/index.html:" in result.stderr
    assert what in result.stderr
    assert "(from docs/chapters/16-what-next.md" in result.stderr
