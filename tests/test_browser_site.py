"""The built site in a real Chromium: no third-party requests, theme toggle, permalinks."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

MEASURES = Path(__file__).parent / ".artifacts"


def record(name: str, value) -> None:
    """Figures for the closing note (page weight, timings), kept out of git."""
    MEASURES.mkdir(exist_ok=True)
    path = MEASURES / "measures.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = value
    path.write_text(json.dumps(data, indent=2))


def transferred_bytes(page, url: str, site: Path) -> tuple[list[str], int, int]:
    """Load url; return every requested URL, the bytes the browser received (the test
    server sends no compression), and the same files gzipped, as GitHub Pages serves them."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    entries = page.evaluate("""() => performance.getEntriesByType('navigation').concat(
        performance.getEntriesByType('resource')).map(e => [e.name, e.encodedBodySize || 0])""")
    raw = sum(size for _, size in entries)
    gzipped = 0
    for name, _ in entries:
        path = urlparse(name).path.lstrip("/")
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        gzipped += len(gzip.compress(file.read_bytes(), 6))
    return requests, raw, gzipped


@pytest.mark.parametrize("path, name", [("", "home"), ("chapters/03-installing-docker/", "chapter-03"),
                                         ("chapters/06-images/", "chapter-06")])
def test_pages_load_with_no_request_to_any_other_host(page, site_url, built_site, path, name):
    requests, total, gzipped = transferred_bytes(page, site_url + path, built_site)
    hosts = {urlparse(u).hostname for u in requests if not u.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"requests to other hosts: {sorted(hosts)}"
    assert total > 0
    record(f"bytes:{name}", {"uncompressed": total, "gzip": gzipped})


def test_search_works_offline(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("windowsfilter")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    assert "windowsfilter" in results.first.inner_text().lower()


def test_dark_and_light_toggle(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "chapters/03-installing-docker/")
    body = page.locator("body")
    scheme = lambda: body.get_attribute("data-md-color-scheme")  # noqa: E731
    assert scheme() == "default"
    # The first toggle leaves "follow the system" for light, the next for dark.
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert scheme() == "slate"
    page.reload()
    assert scheme() == "slate", "the chosen scheme is remembered"
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert body.get_attribute("data-md-color-media") == "(prefers-color-scheme)"


def test_dark_scheme_follows_the_system(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_section_permalink_lands_on_the_section(page, site_url):
    page.goto(site_url + "chapters/03-installing-docker/")
    link = page.locator("#storage-drivers a.headerlink")
    assert link.get_attribute("href").endswith("03-installing-docker/#storage-drivers")
    link.click()
    assert page.url.endswith("/chapters/03-installing-docker/#storage-drivers")
    page.goto(site_url + "chapters/03-installing-docker/#upgrading")
    page.wait_for_timeout(300)
    top = page.locator("#upgrading").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 150, f"the section heading is at {top}px, not at the top"


def test_meeting_anchor_and_next_meeting_on_home(page, site_url):
    page.goto(site_url)
    next_link = page.locator("#next-meeting + p a").first
    assert "Meeting 2" in next_link.inner_text()
    next_link.click()
    page.wait_for_url("**/meetings/#meeting-2")
    assert page.locator("#meeting-2").is_visible()


def test_objectives_page_has_one_list_item_per_objective(page, site_url):
    page.goto(site_url + "objectives/")
    items = page.locator("article li:has(span[id^='d'])")
    assert items.count() == 81
    for i in (0, 40, 80):
        item = items.nth(i)
        assert item.locator("span[id]").count() == 1, "one objective per line, each with its anchor"
        assert item.inner_text().count("D") >= 1 and item.bounding_box()["height"] < 120


def test_meetings_page_puts_the_next_planned_meeting_first(page, site_url):
    page.goto(site_url + "meetings/")
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("Meeting 2 (planned)") and headings[1].startswith("Meeting 1")


def test_chapters_index_marks_the_next_meeting_and_counts_questions(page, site_url):
    page.goto(site_url + "chapters/")
    rows = page.locator("article table").first.locator("tbody tr")
    assert rows.count() == 16
    for n in range(5, 10):
        assert "Meeting 2" in rows.nth(n - 1).inner_text()
    assert "Meeting 2" not in rows.nth(0).inner_text()
    assert rows.nth(2).locator("td").nth(1).inner_text().isdigit()
