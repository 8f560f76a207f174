"""The question bank: enough questions, exam-shaped, rendered as accessible forms."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from macros.catalog import Catalog

CHAPTERS_WITH_QUIZ = sorted(p.stem for p in (ROOT / "data" / "quizzes").glob("*.yml"))
STORAGE_SECTIONS = {"storage-drivers", "storage-driver-list", "containerd-image-store", "choosing-storage-driver",
                    "windowsfilter"}


@pytest.fixture(scope="module")
def catalog():
    return Catalog(ROOT)


@pytest.mark.parametrize("slug", CHAPTERS_WITH_QUIZ)
def test_each_chapter_has_at_least_ten_explained_questions(catalog, slug):
    questions = catalog.quizzes[slug].data["questions"]
    assert len(questions) >= (5 if slug == "16-what-next" else 10)
    if slug != "16-what-next":
        assert {q["kind"] for q in questions} == {"single", "multiple"}
    for q in questions:
        assert q["id"].startswith(f"ch{slug[:2]}-")
        assert len(q["explanation"].split()) >= 12, q["id"]
        assert all(len(o["why"].split()) >= 3 for o in q["options"]), q["id"]
        texts = " ".join(o["text"].lower() for o in q["options"])
        assert "all of the above" not in texts and "none of the above" not in texts, q["id"]


def test_chapter_3_draws_on_the_storage_driver_table(catalog):
    questions = catalog.quizzes["03-installing-docker"].data["questions"]
    table_ids = {r["id"] for r in catalog.tables["storage-drivers"].data["rows"]}
    on_table = [q for q in questions if q["section"] in STORAGE_SECTIONS
                and any(re.search(rf"\b{re.escape(t)}\b", str(q)) for t in table_ids)]
    assert len(on_table) >= 3


@pytest.mark.parametrize("slug", CHAPTERS_WITH_QUIZ)
def test_quiz_renders_as_accessible_forms(built_site, catalog, slug):
    html = (built_site / "chapters" / slug / "index.html").read_text()
    for q in catalog.quizzes[slug].data["questions"]:
        block = re.search(rf'<section class="ddq-q" id="q-{q["id"]}" data-question-id="{q["id"]}"(.*?)</section>',
                          html, re.S)
        assert block, q["id"]
        body = block.group(1)
        assert "<fieldset" in body and "<legend>" in body
        kind = "radio" if q["kind"] == "single" else "checkbox"
        inputs = re.findall(rf'<input type="{kind}" name="q-{q["id"]}" id="([^"]+)"', body)
        assert len(inputs) == len(q["options"])
        for input_id in inputs:
            assert f'<label for="{input_id}">' in body
        assert '<details class="ddq-answer" data-search-exclude>' in body and 'aria-live="polite"' in body
        assert f'href="#q-{q["id"]}"' in body
