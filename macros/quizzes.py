"""`{{ quiz("03-installing-docker") }}`: a chapter's questions as accessible HTML forms.

The HTML works without JavaScript (each answer sits in a <details>); the quiz script
(overrides/assets/javascripts/quiz.js) adds practice and DOMC modes and saved progress.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from urllib.parse import urlencode

from markupsafe import Markup

from .catalog import Catalog
from .errors import DataError
from .markup import block, inline


def content_hash(question: dict, order: list[int]) -> str:
    """Saved progress is keyed by id + this hash (saved answers are option positions), so an
    edited question, or one whose options show in another order, starts fresh."""
    canonical = json.dumps({**question, "_order": order}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:10]


def display_order(question: dict) -> list[int]:
    """Options are written with the right answer anywhere (often first); they are shown in
    an order drawn from the question id, the same in every build, mode and browser."""
    order = list(range(len(question["options"])))
    random.Random("ddsg:" + question["id"]).shuffle(order)
    return order


def _legend(stem_html: str) -> tuple[str, str]:
    """A one-paragraph stem goes inside the <legend>; a longer one follows it."""
    match = re.fullmatch(r"<p>(.*)</p>", stem_html.strip(), re.S)
    if match and "<p>" not in match.group(1):
        return Markup(match.group(1)), Markup("")
    return Markup(""), Markup(stem_html)


def _site_path(page_url: str, target: str) -> str:
    """Link from the page's final URL (chapters/03-x/) to another site path (objectives/)."""
    return "../" * page_url.count("/") + target


def quiz_context(catalog: Catalog, slug: str, env, where) -> dict:
    if slug not in catalog.quizzes:
        raise DataError(*where, f'quiz("{slug}") has no data file data/quizzes/{slug}.yml',
                        "create it from the example in CONTRIBUTING.md, or fix the chapter slug in the call")
    page_url = env.page.url
    absolute = env.conf["site_url"].rstrip("/") + "/" + page_url
    sections = catalog.sections[slug]
    questions = []
    for number, q in enumerate(catalog.quizzes[slug].data["questions"], start=1):
        order = display_order(q)
        legend, stem_rest = _legend(block(q["stem"]))
        report = env.conf["repo_url"].rstrip("/") + "/issues/new?" + urlencode({
            "template": "wrong-quiz-answer.yml", "title": f"Quiz question {q['id']}",
            "question-id": q["id"], "page-url": f"{absolute}#q-{q['id']}"})
        questions.append({
            **q, "number": number, "hash": content_hash(q, order), "legend": legend, "stem_rest": stem_rest,
            "options": [{**o, "text_html": inline(o["text"]), "why_html": inline(o["why"])}
                        for o in (q["options"][i] for i in order)],
            "explanation_html": block(q["explanation"]),
            "section_title": inline(sections[q["section"]]),
            "objective_links": [(o, _site_path(page_url, f"objectives/#{o.lower()}")) for o in q["objectives"]],
            "report_url": report,
        })
    return {"slug": slug, "questions": questions, "title": catalog.chapter_by_slug[slug]["title"]}
