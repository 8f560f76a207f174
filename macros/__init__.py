"""mkdocs-macros entry point: load and validate data/ once, then register the macros.

Each macro reads like a sentence at its call site, e.g. {{ comparison("storage-drivers") }}.
The work lives in the modules next to this one; this file only wires them up.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import comparisons, gotemplates, pages, quizzes
from .catalog import Catalog
from .errors import DataError
from .markup import squeeze, templates


def define_env(env):
    root = Path(env.project_dir)
    catalog = Catalog(root)  # a broken data file stops the build here, with file and line
    html = templates(Path(__file__).parent / "templates")
    errors: list[DataError] = []

    def page_path() -> str:
        return env.page.file.src_uri

    def where(needle: str) -> tuple[str, int | None]:
        """docs/<page>.md and the line of the macro call, for error messages."""
        line = next((n for n, text in enumerate(env.markdown.splitlines(), 1) if needle in text), None)
        offset = gotemplates.line_offset(env.page.file.content_string, env.markdown)
        return f"docs/{page_path()}", line + offset if line else None

    def macro(fn):
        """Register fn; a DataError it raises is kept and reported after the page renders,
        so the contributor sees our message instead of a macro-engine traceback."""
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except DataError as exc:
                errors.append(exc)
                return ""
        env.macro(wrapper, fn.__name__)
        return fn

    def chapter_link(number: int) -> str:
        slug = catalog.chapters.data["chapters"][number - 1]["slug"]
        return pages.link(page_path(), f"chapters/{slug}.md")

    @macro
    def objectives(*ids):
        return pages.objective_list(catalog, page_path(), ids, where("objectives("))

    @macro
    def objectives_page():
        return html.get_template("objectives.md.jinja").render(
            domains=catalog.objectives.data["domains"], objectives=catalog.objectives.data["objectives"],
            covered=pages.coverage(catalog, root), chapter_link=chapter_link, objectives_url="")

    @macro
    def exam_domains():
        return html.get_template("domains.md.jinja").render(
            domains=catalog.objectives.data["domains"], objectives_url=pages.link(page_path(), "objectives.md"))

    @macro
    def chapter_map():
        return pages.chapter_map(catalog, page_path())

    @macro
    def chapter_index():
        return pages.chapter_index(catalog, page_path())

    @macro
    def glossary():
        return pages.glossary(root)

    @macro
    def meetings():
        chapters = {c["number"]: c for c in catalog.chapters.data["chapters"]}
        return html.get_template("meetings.md.jinja").render(
            meetings=pages.planned_first(catalog.meetings.data["meetings"]), chapters=chapters, chapter_link=chapter_link)

    @macro
    def next_meeting():
        return pages.next_meeting(catalog, page_path())

    @macro
    def comparison(name, rows=None, columns=None, caption=None):
        context = comparisons.table_context(catalog, name, rows, columns, caption, where(f'comparison("{name}"'))
        return squeeze(html.get_template("comparison.html.jinja").render(**context))

    @macro
    def quiz(slug):
        context = quizzes.quiz_context(catalog, slug, env, where(f'quiz("{slug}"'))
        return squeeze(html.get_template("quiz.html.jinja").render(**context))

    env.variables["ddsg_errors"] = errors


def on_pre_page_macros(env):
    env.variables["ddsg_errors"].clear()
    markdown = env.markdown
    source = env.page.file.content_string
    known = set(env.variables) | set(env.macros) | set(env.filters) | set(env.page.meta)
    gotemplates.check(markdown, f"docs/{env.page.file.src_uri}", gotemplates.line_offset(source, markdown), env.env, known)


def on_post_page_macros(env):
    errors = env.variables["ddsg_errors"]
    if errors:
        raise errors[0]
