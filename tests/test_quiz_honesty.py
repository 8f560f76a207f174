"""Quizzes that cannot be passed without reading: answer positions, multiple-answer balance,
the exam's frame, and answers kept out of search."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest

from conftest import ROOT, mkdocs_build, quiz_question
from macros.catalog import Catalog
from macros.quizzes import display_order


@pytest.fixture(scope="module")
def bank() -> list[dict]:
    return [q for doc in Catalog(ROOT).quizzes.values() for q in doc.data["questions"]]


def displayed_positions(built_site, pages: str = "chapters/*/index.html") -> list[int]:
    """Where the correct option of each single-answer question stands on the built pages."""
    positions = []
    for page in built_site.glob(pages):
        for block in re.findall(r'<section class="ddq-q"[^>]*data-kind="single".*?</section>', page.read_text(), re.S):
            flags = re.findall(r'data-correct="(true|false)"', block)
            positions.append(flags.index("true"))
    return positions


def test_no_displayed_position_holds_the_answer_more_than_40_percent(built_site):
    positions = displayed_positions(built_site)
    assert len(positions) >= 40
    position, count = Counter(positions).most_common(1)[0]
    share = count / len(positions)
    assert share <= 0.40, f"{share:.0%} of single-answer questions show the answer at position {position + 1}"


def test_a_fixture_quiz_written_answer_first_is_shown_shuffled(project_copy):
    """Catches a removed shuffle: 30 questions, each with the answer written first."""
    quiz = project_copy / "data" / "quizzes" / "03-installing-docker.yml"
    head, _, _ = quiz.read_text().partition("\nquestions:\n")
    body = "".join(quiz_question(f"ch03-fixture-{n}", f"Fixture question {n}?",
                                 [(f"right {n}", True), ("wrong a", False), ("wrong b", False), ("wrong c", False)])
                   for n in range(30))
    quiz.write_text(head + "\nquestions:\n" + body)
    assert mkdocs_build(project_copy).returncode == 0
    positions = displayed_positions(project_copy / "site", "chapters/03-installing-docker/index.html")
    assert len(positions) == 30
    assert Counter(positions).most_common(1)[0][1] <= 15, Counter(positions)


def test_the_display_order_is_stable_and_a_permutation(bank):
    for q in bank:
        order = display_order(q)
        assert sorted(order) == list(range(len(q["options"]))) and order == display_order(q)


def test_multiple_answer_items_are_not_won_by_saying_yes_to_everything(bank):
    multiple = [q for q in bank if q["kind"] == "multiple"]
    assert multiple
    shares = [sum(o["correct"] for o in q["options"]) / len(q["options"]) for q in multiple]
    assert sum(shares) / len(shares) <= 0.5, f"on average {sum(shares) / len(shares):.0%} of options are correct"
    worst = [(q["id"], f"{s:.0%}") for q, s in zip(multiple, shares) if s > 0.6]
    assert not worst, f"most options correct: {worst}"


def test_today_questions_say_so_in_the_stem(bank):
    for q in bank:
        assert q["frame"] in ("exam", "today")
        if q["frame"] == "today":
            assert q["stem"].lstrip().startswith("On Docker Engine 29"), q["id"]


def test_today_questions_wear_a_badge(built_site, bank):
    today = [q["id"] for q in bank if q["frame"] == "today"]
    pages = "".join(p.read_text() for p in built_site.glob("chapters/*/index.html"))
    for qid in today:
        block = re.search(rf'<section class="ddq-q" id="q-{qid}".*?</legend>', pages, re.S).group(0)
        assert "Today, not on the exam" in block


def test_search_finds_questions_but_not_their_answers(built_site, bank):
    """The quiz sections of the index (a page's notes may say the same things in prose)."""
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    quiz_docs = [doc for doc in index["docs"] if doc["location"].endswith("#quiz")]
    assert len(quiz_docs) >= 4
    text = html.unescape(" ".join(doc["text"] for doc in quiz_docs))
    text = re.sub(r"<[^>]+>", "", text)
    checked = 0
    for q in bank:
        explanation = " ".join(re.sub(r"[`*_]", "", q["explanation"]).split())[:60]
        why = " ".join(re.sub(r"[`*_]", "", q["options"][0]["why"]).split())[:50]
        assert explanation not in " ".join(text.split()), f"{q['id']}: its explanation is in the search index"
        assert why not in " ".join(text.split()), f"{q['id']}: an option's why is in the search index"
        checked += 1
    assert checked == len(bank) > 50
    stem = " ".join(re.sub(r"[`*_]", "", bank[0]["stem"]).split())[:40]
    assert stem in " ".join(text.split()), "the question itself stays searchable"
