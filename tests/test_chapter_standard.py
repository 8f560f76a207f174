"""Every finished chapter meets the group's standard: enough notes, key commands, exam tips,
a meeting kit a presenter can use, and a quiz of exam-grade questions.

FULL lists the chapters written to the standard; a chapter joins it when its notes are done.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from macros.catalog import Catalog

FULL = ["05-the-docker-engine", "06-images", "07-containers", "08-containerizing-an-app",
        "09-deploying-apps-with-compose", "10-docker-swarm", "11-docker-networking", "12-docker-overlay-networking",
        "13-volumes-and-persistent-data", "14-deploying-apps-with-docker-stacks", "15-security-in-docker"]
WITH_QUIZ = ["01-containers-from-30000-feet", "02-docker", "03-installing-docker", "04-the-big-picture", *FULL]
PART_TWO = [s for s in FULL if s >= "10"]  # chapters 10-15: swarm, networking, overlay, volumes, stacks, security


@pytest.fixture(scope="module")
def catalog():
    return Catalog(ROOT)


def notes_words(slug: str) -> int:
    """Words of study notes: from `## Notes` to `## Key commands`, without code, tables,
    macro calls, HTML comments, admonition markers and link targets."""
    text = (ROOT / "docs" / "chapters" / f"{slug}.md").read_text()
    notes = text.split("## Notes {#notes}", 1)[1].split("## Key commands", 1)[0]
    notes = re.sub(r"```.*?```", " ", notes, flags=re.S)
    notes = re.sub(r"^\s*\|.*$", " ", notes, flags=re.M)
    notes = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|<!--.*?-->|\{#[^}]*\}", " ", notes, flags=re.S)
    notes = re.sub(r"^\s*!!! .*$", " ", notes, flags=re.M)
    notes = re.sub(r"\]\([^)]*\)", "]", notes)
    return len(re.findall(r"[A-Za-z][A-Za-z0-9'’-]*", notes))


@pytest.mark.parametrize("slug", FULL)
def test_notes_have_at_least_1500_words(slug):
    words = notes_words(slug)
    assert words >= 1500, f"{slug}: {words} words of notes"


@pytest.mark.parametrize("slug", FULL)
def test_page_has_key_commands_exam_tips_sources_and_quiz(slug):
    text = (ROOT / "docs" / "chapters" / f"{slug}.md").read_text()
    for heading in ("## Key commands {#key-commands}", "## Exam tips {#exam-tips}", "## Meeting kit {#meeting-kit}",
                    "## Sources {#sources}", "## Quiz {#quiz}"):
        assert heading in text, f"{slug}: no `{heading}`"
    assert "!!! today" in text and "!!! exam" in text, f"{slug}: no 'Status today' or 'On the exam' box"


@pytest.mark.parametrize("slug", WITH_QUIZ)
def test_quiz_is_exam_grade(catalog, slug):
    questions = catalog.quizzes[slug].data["questions"]
    minimum = 15 if slug in FULL else 12
    assert len(questions) >= minimum, f"{slug}: {len(questions)} questions"
    scenarios = sum(q["style"] == "scenario" for q in questions)
    assert scenarios / len(questions) >= 0.6, f"{slug}: {scenarios}/{len(questions)} scenarios"
    for q in questions:
        assert q["id"].startswith(f"ch{slug[:2]}-"), q["id"]
        assert len(q["explanation"].split()) >= 12, q["id"]
        assert all(len(o["why"].split()) >= 3 for o in q["options"]), q["id"]
        if q["kind"] == "single":
            assert 4 <= len(q["options"]) <= 5, f"{q['id']}: a single-answer item has 4 or 5 options"


def test_no_trivia_in_the_bank(catalog):
    """History, release numbers and licence terms are not what the exam asks."""
    trivia = re.compile(r"\b(founded|dotCloud|licen[cs]e|released in|which year|in what year|revenue|employees)\b", re.I)
    found = [q["id"] for doc in catalog.quizzes.values() for q in doc.data["questions"] if trivia.search(q["stem"])]
    assert not found, found


@pytest.mark.parametrize("slug", FULL)
def test_meeting_kit_is_ready_to_present(built_site, slug):
    html = (built_site / "chapters" / slug / "index.html").read_text()

    def part(anchor: str) -> str:
        start = html.index(f'id="{anchor}"')
        end = html.find("<h3", start + 10)
        end = min(x for x in (end, html.find("<h2", start + 10)) if x > 0)
        return html[start:end]

    outline = part("meeting-kit-outline")
    assert len(re.findall(r"<li>", outline)) >= 4, f"{slug}: the outline needs steps"
    discussion = part("meeting-kit-discussion")
    assert len(re.findall(r"<li>", discussion)) == 3, f"{slug}: three discussion questions"
    demo = re.sub(r"<[^>]+>", "", part("meeting-kit-demo"))
    assert re.search(r"^\$ docker ", demo, re.M), f"{slug}: the demo shows no `$ docker ...` command"
    links = re.findall(r'href="#(q-[a-z0-9-]+)"', part("meeting-kit-quiz"))
    assert len(links) == 3, f"{slug}: three quiz questions to ask the room"
    for anchor in links:
        assert f'<section class="ddq-q" id="{anchor}"' in html, f"{slug}: {anchor} is not a question on this page"


def test_status_today_boxes_use_the_today_type():
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text()
        assert not re.search(r'!!! note "Status today', text), f"{page}: use `!!! today` for a Status today box"


def test_new_tables_have_broken_file_cases():
    corpus = (ROOT / "tests" / "fixtures" / "broken")
    for table in ("cmd-entrypoint", "compose-stack-keys"):
        cases = [p for p in corpus.glob("*.yml")
                 if f"# target: data/comparisons/{table}.yml" in p.read_bytes().decode("utf-8", "replace")]
        assert len(cases) >= 3, f"{table}: {len(cases)} broken-file cases"


def test_networking_and_security_are_tested_across_chapters_10_to_15(catalog):
    """Networking and security are 15% of the exam each: enough questions lead with them."""
    questions = [q for slug in PART_TWO for q in catalog.quizzes[slug].data["questions"]]
    d4 = sum(q["objectives"][0].startswith("D4") for q in questions)
    d5 = sum(q["objectives"][0].startswith("D5") for q in questions)
    assert d4 >= 25 and d5 >= 20, f"D4 first: {d4}, D5 first: {d5}"


def test_chapter_16_covers_the_exam_and_a_study_plan(catalog):
    assert notes_words("16-what-next") >= 800
    questions = catalog.quizzes["16-what-next"].data["questions"]
    assert len(questions) >= 5 and all(q["frame"] == "exam" for q in questions)
