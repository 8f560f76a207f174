"""Everything under data/, loaded and validated once per build.

`Catalog(root)` reads every data file through the one loader (macros/loader.py) and runs
the checks that span records or files: unique ids, known objectives, quiz rules, section
anchors that exist on the chapter page. A problem stops the build with file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DataError
from . import rules
from .loader import Document, Schemas, load

# `## Heading {#some-id}` or `### Heading {: #some-id }` in a chapter page
_HEADING_ID = re.compile(r"^#{1,6} (.*?)\{:?\s*#([A-Za-z0-9_-]+)[^}]*\}\s*$", re.M)


def unique_ids(doc: Document, records_key: str, key: str = "id", seen: dict | None = None) -> dict:
    """Fail on a repeated id; `seen` carries ids across files (quiz ids are site-wide)."""
    seen = {} if seen is None else seen
    for i, record in enumerate(doc.data[records_key]):
        value = record[key]
        if value in seen:
            first = seen[value]
            raise doc.error((records_key, i, key), f"the id `{value}` is used twice (first at {first})",
                            "give this record its own id; ids must be unique because links and progress use them")
        seen[value] = f"{doc.path}:{doc.line(records_key, i, key)}"
    return seen


def section_ids(page: Path) -> dict[str, str]:
    """The explicit `{#id}`s of a Markdown page, with their heading text: the anchors a quiz may point to."""
    if not page.exists():
        return {}
    return {m.group(2): m.group(1).strip() for m in _HEADING_ID.finditer(page.read_text(encoding="utf-8"))}


class Catalog:
    def __init__(self, root: Path):
        self.root = root
        self.schemas = Schemas(root / "data" / "schemas")
        rules.stray_files(root)
        self.objectives = self._load("data/objectives.yml", "objectives.json")
        unique_ids(self.objectives, "objectives")
        self.objective_text = {o["id"]: o["text"] for o in self.objectives.data["objectives"]}
        self.chapters = self._load("data/chapters.yml", "chapters.json")
        unique_ids(self.chapters, "chapters", "slug")
        rules.chapters_in_order(self.chapters)
        self.chapter_by_slug = {c["slug"]: c for c in self.chapters.data["chapters"]}
        self.meetings = self._load("data/meetings.yml", "meetings.json")
        unique_ids(self.meetings, "meetings")
        rules.meetings_consistent(self.meetings)
        self.sections: dict[str, dict[str, str]] = {}
        self.tables = {p.stem: self._load_table(p) for p in sorted((root / "data" / "comparisons").glob("*.yml"))}
        self.quizzes = self._load_quizzes()

    def _load(self, relpath: str, schema: str) -> Document:
        return load(self.root, relpath, self.schemas, schema)

    def _load_table(self, path: Path) -> Document:
        relpath = f"data/comparisons/{path.name}"
        if f"{path.stem}.json" not in self.schemas.schemas:
            raise DataError(relpath, None, f"there is no schema for a table named `{path.stem}`",
                            f"add data/schemas/{path.stem}.json, or rename the file to one of: "
                            + ", ".join(sorted(p[:-5] for p in self.schemas.schemas if p != "common.json")))
        doc = self._load(relpath, f"{path.stem}.json")
        unique_ids(doc, "rows")
        for i, row in enumerate(doc.data["rows"]):
            if row["status"] == "removed" and "removed_in" not in row:
                raise doc.error(("rows", i, "status"), f"`{row['id']}` is removed but has no `removed_in`",
                                'add `removed_in: "NN.N"`, the Docker Engine version that removed it')
            if row["status"] == "current" and ("removed_in" in row or "deprecated_in" in row):
                raise doc.error(("rows", i, "status"), f"`{row['id']}` is current but has a deprecation or removal version",
                                "set status to deprecated or removed, or delete the version line")
        return doc

    def _load_quizzes(self) -> dict[str, Document]:
        quizzes, seen = {}, {}
        for path in sorted(p for p in (self.root / "data" / "quizzes").glob("*.yml") if p.is_file()):
            doc = self._load(f"data/quizzes/{path.name}", "quiz.json")
            unique_ids(doc, "questions", seen=seen)
            self._check_quiz(doc, path.stem)
            quizzes[path.stem] = doc
        return quizzes

    def _check_quiz(self, doc: Document, slug: str) -> None:
        if doc.data["chapter"] != slug:
            raise doc.error(("chapter",), f"`chapter` is `{doc.data['chapter']}` but the file is {slug}.yml",
                            f"make them agree: `chapter: {slug}` (the file name decides the page)")
        if slug not in self.chapter_by_slug:
            raise doc.error(("chapter",), f"there is no chapter `{slug}`",
                            "name the file after a chapter slug from data/chapters.yml")
        rules.quiz_shown(doc, self.root, slug)
        page = self.root / "docs" / "chapters" / f"{slug}.md"
        anchors = section_ids(page)
        self.sections[slug] = anchors
        for i, q in enumerate(doc.data["questions"]):
            at = ("questions", i)
            for j, objective in enumerate(q["objectives"]):
                if objective not in self.objective_text:
                    raise doc.error(at + ("objectives", j), f"unknown objective `{objective}`",
                                    "use an id listed in data/objectives.yml, like D3-02")
            if q["section"] not in anchors:
                raise doc.error(at + ("section",), f"the section `{q['section']}` does not exist on docs/chapters/{slug}.md",
                                "use the {#id} of a heading on that page, or add that id to the heading")
            rules.options_distinct(doc, i, q)
            correct = sum(1 for o in q["options"] if o["correct"])
            if q["kind"] == "single" and correct != 1:
                raise doc.error(at + ("kind",), f"a `single` question needs exactly one correct option, this one has {correct}",
                                "mark exactly one option `correct: true`, or make it `kind: multiple`")
            if q["kind"] == "multiple" and correct == 0:
                raise doc.error(at + ("options",), "a `multiple` question needs at least one correct option, this one has none",
                                "mark the right options `correct: true`")
