"""The site on a phone (390x844) and in a meeting: no sideways scrolling, a verdict you can
see, touch-sized controls, section links on touch screens, presenter mode, separate practice
and drill progress, and storage that is full or forged."""

from __future__ import annotations

import json

import pytest

from test_browser_site import record
from test_quiz_browser import PAGE, correct_indices, open_quiz, question, saved

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
WIDEST = """() => { let w = null; for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect(); if (r.width && (!w || r.right > w.right)) w = {right: r.right,
    what: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')}; }
    return w; }"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def all_pages(built_site) -> list[str]:
    return sorted(p.relative_to(built_site).as_posix().removesuffix("index.html")
                  for p in built_site.rglob("index.html"))


def test_no_page_scrolls_sideways_on_a_phone(phone, site_url, built_site):
    widest = {}
    for path in all_pages(built_site):
        phone.goto(site_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        widest[path or "/"] = phone.evaluate(WIDEST)
        assert width <= 390, f"{path}: the page is {width}px wide at 390px ({widest[path or '/']})"
    record("widest-element-at-390", widest)


def test_comparison_rows_become_cards_with_labels(phone, site_url):
    phone.goto(site_url + "reference/comparisons/")
    row = phone.locator("tr[id^='storage-drivers-']").first
    cell = row.locator("td").first
    assert row.bounding_box()["width"] <= 390
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"').endswith(": ") and len(label) > 4


def test_the_verdict_shows_next_to_the_button_and_takes_focus(phone, site_url):
    open_quiz(phone, site_url)
    for kind in ("single", "multiple"):
        q = question(phone, kind, 1)
        q.locator("label").nth(correct_indices(q)[0]).click()
        q.locator(".ddq-check").click()
        box = q.locator(".ddq-feedback").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 844, f"the verdict is at {box['y']}px"
        assert phone.evaluate("document.activeElement.classList.contains('ddq-feedback')")


def test_every_quiz_control_is_a_44px_target(phone, site_url):
    open_quiz(phone, site_url)
    controls = phone.locator(".ddq button:visible, .ddq-opt label:visible, .ddq summary:visible, .ddq-links a:visible")
    assert controls.count() > 50
    small = [(c.evaluate("e => e.className || e.tagName"), round(c.bounding_box()["height"]))
             for c in controls.all() if c.bounding_box()["height"] < 44]
    assert not small, small[:5]
    stem = question(phone, "single").locator("legend").bounding_box()["x"]
    label = question(phone, "single").locator(".ddq-opt").first.bounding_box()["x"]
    assert label - stem < 16, "options are not indented past the stem"


def test_no_back_to_top_button_covers_a_question(phone, site_url):
    open_quiz(phone, site_url)
    phone.mouse.wheel(0, 3000)
    phone.mouse.wheel(0, -400)
    assert phone.locator(".md-top:visible").count() == 0


def test_section_links_are_visible_on_a_touch_screen(phone, site_url):
    phone.goto(site_url + PAGE)
    link = phone.locator("h3[id] .headerlink").first
    assert link.is_visible() and link.evaluate("a => getComputedStyle(a).opacity") == "1"
    box = link.bounding_box()
    assert box["width"] > 0 and box["height"] > 0


def test_domc_hides_the_answer_count_practice_shows_it(page, site_url):
    open_quiz(page, site_url)
    hint = question(page, "single").locator(".ddq-hint")
    assert hint.is_visible() and hint.inner_text() == "(choose one)"
    page.locator(".ddq-mode[data-mode='domc']").click()
    assert not hint.is_visible()
    assert not question(page, "multiple").locator(".ddq-hint").is_visible()


def test_practice_and_drill_keep_separate_progress(page, site_url):
    open_quiz(page, site_url)
    q = question(page, "single")
    q.locator("input").nth(correct_indices(q)[0]).check()
    q.locator(".ddq-check").click()
    page.locator(".ddq-mode[data-mode='domc']").click()
    assert q.locator(".ddq-domc").is_visible(), "the drill starts fresh, not from the practice answer"
    while q.locator(".ddq-domc").is_visible():
        q.locator(".ddq-no").click()
    assert q.locator(".ddq-feedback").inner_text().startswith("Wrong.")
    page.locator(".ddq-reset").click()  # "Restart the drill"
    assert q.locator(".ddq-domc").is_visible()
    page.locator(".ddq-mode[data-mode='practice']").click()
    assert q.locator(".ddq-feedback").inner_text() == "Right.", "restarting the drill kept the practice answer"
    keys = saved(page)
    assert any(k.startswith("ddsg:v1:q:") for k in keys) and not any(k.startswith("ddsg:v1:d:") for k in keys)


def test_presenter_mode(page, site_url):
    open_quiz(page, site_url)
    q = question(page, "single")
    q.locator("input").nth(correct_indices(q)[0]).check()
    q.locator(".ddq-check").click()
    before = saved(page)
    page.goto(site_url + PAGE + "?present")
    page.locator(".ddq[data-ddq-ready]").wait_for()
    visible = page.locator(".ddq-q:visible")
    assert visible.count() == 1
    first_id = visible.first.get_attribute("id")
    first = page.locator(f"#{first_id}")
    assert first.locator(".ddq-feedback").inner_text() == "", "saved answers are not shown to the room"
    assert float(page.locator(".ddq").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
    count = page.locator(".ddq-present-count")
    total = page.locator(".ddq-q").count()
    assert count.inner_text().startswith(f"Question 1 of {total}")
    assert not first.locator(".ddq-explanation").is_visible()
    page.keyboard.press("Space")
    assert first.locator(".ddq-explanation").is_visible()
    assert "\u2713 Correct" in first.inner_text()
    page.keyboard.press("ArrowRight")
    assert count.inner_text().startswith(f"Question 2 of {total}")
    assert page.locator(".ddq-q:visible").first.get_attribute("id") != first_id
    page.keyboard.press("ArrowLeft")
    assert count.inner_text().startswith(f"Question 1 of {total}")
    assert saved(page) == before, "presenter mode wrote to storage"
    assert not page.locator(".md-sidebar--primary").is_visible()


def test_present_button_enters_presenter_mode(page, site_url):
    open_quiz(page, site_url)
    page.locator(".ddq-present").click()
    assert "present" in page.url and page.locator(".ddq-q:visible").count() == 1


# --- Storage that is full, forged or corrupted --------------------------------------------

def test_a_full_storage_keeps_score_and_answers_for_the_visit(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_quiz(page, site_url)
    q = question(page, "single")
    q.locator("input").nth(correct_indices(q)[0]).check()
    q.locator(".ddq-check").click()
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };""")
    page.reload()
    page.locator(".ddq[data-ddq-ready]").wait_for()
    total = page.locator(".ddq-q").count()
    assert q.locator(".ddq-feedback").inner_text() == "Right.", "saved progress is still read"
    other = question(page, "single", 1)
    other.locator("input").nth(correct_indices(other)[0]).check()
    other.locator(".ddq-check").click()
    assert other.locator(".ddq-feedback").inner_text() == "Right."
    assert page.locator(".ddq-score").inner_text() == f"2 / {total} answered correctly"
    assert page.locator(".ddq-nostore").is_visible()
    page.locator(".ddq-mode[data-mode='domc']").click()
    page.locator(".ddq-mode[data-mode='practice']").click()
    assert other.locator(".ddq-feedback").inner_text() == "Right.", "kept in memory for the visit"
    context.close()


def test_forged_and_oversized_records_are_ignored(page, site_url):
    q = open_quiz(page, site_url).locator(".ddq-q").first
    key = f"ddsg:v1:q:{q.get_attribute('data-question-id')}:{q.get_attribute('data-hash')}"
    big = json.dumps({"m": "p", "ok": True, "sel": [0], "why": "x" * 5000})
    for forged in [big, '{"m":"d","ok":true,"sel":[0]}', '{"m":"p","ok":true,"sel":[-1]}',
                   '{"m":"p","ok":1,"sel":[0]}', '{"m":"p","ok":true,"sel":[0.5]}']:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, forged])
        page.reload()
        page.locator(".ddq[data-ddq-ready]").wait_for()
        assert page.locator(".ddq-q").first.locator(".ddq-feedback").inner_text() == "", forged


@pytest.mark.parametrize("value", ["{not json", '"dark"', '{"index": "x"}', "[1, 2"])
def test_a_corrupted_palette_key_breaks_no_page(browser, site_url, value):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_url)
    scope = page.evaluate("new URL('.', location).pathname")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [scope + ".__palette", value])
    for path in ("", PAGE):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    page.locator("label[for^='__palette']").first.click()  # the theme toggle still works
    context.close()
    assert not errors, errors
