"""Rules that span records or files, which a JSON Schema cannot say.

Each takes a validated Document and raises DataError (`file:line: what; fix`) on the first
record that breaks it. The Catalog runs them once per build.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .errors import DataError
from .loader import Document

# Where each kind of data file lives; anything else under data/ is read by nothing.
KNOWN_FILES = [r"data/(objectives|chapters|meetings)\.yml", r"data/comparisons/[^/]+\.yml",
               r"data/quizzes/[^/]+\.yml", r"data/schemas/[^/]+\.json"]
_FORBIDDEN_OPTIONS = re.compile(r"\b(all|none|both|neither) of the (above|options|others)\b|\bboth [A-E] and [A-E]\b", re.I)


def stray_files(root: Path) -> None:
    """A data file in the wrong place or with the wrong extension is never read: say so."""
    for path in sorted((root / "data").rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir():
            if rel.endswith((".yml", ".yaml")):
                raise DataError(rel, None, "this is a folder, but the name says it is a data file",
                                "rename or remove the folder; data files are single .yml files")
            continue
        if not any(re.fullmatch(p, rel) for p in KNOWN_FILES):
            raise DataError(rel, None, "the site reads no data file at this place, so this one would be ignored",
                            f"a quiz goes in data/quizzes/{path.stem}.yml (ending .yml), a table in "
                            "data/comparisons/<table>.yml; meetings, chapters and objectives have one file each in data/")


def chapters_in_order(doc: Document) -> None:
    for i, chapter in enumerate(doc.data["chapters"], start=1):
        if chapter["number"] != i:
            raise doc.error(("chapters", i - 1, "number"), f"chapter number {chapter['number']} stands where chapter {i} belongs",
                            "list the chapters once each, in order 1, 2, 3, ...")


def meetings_consistent(doc: Document, today: datetime.date | None = None) -> None:
    numbers: dict[int, int] = {}
    for i, m in enumerate(doc.data["meetings"]):
        at = ("meetings", i)
        if m["number"] in numbers:
            raise doc.error(at + ("number",), f"meeting number {m['number']} is used twice (first at line {numbers[m['number']]})",
                            "give each meeting its own number")
        numbers[m["number"]] = doc.line(*at, "number")
        if m["date"] != "TBD":
            try:
                datetime.date.fromisoformat(m["date"])
            except ValueError:
                raise doc.error(at + ("date",), f"`{m['date']}` is not a day of the calendar",
                                "check the month and day, written YYYY-MM-DD") from None
        for j, p in enumerate(m["presenters"]):
            if p["chapter"] not in m["chapters"]:
                raise doc.error(at + ("presenters", j, "chapter"),
                                f"a presenter is down for chapter {p['chapter']}, which meeting {m['number']} does not cover",
                                f"use one of its chapters ({', '.join(map(str, m['chapters']))}), or add the chapter to `chapters`")


def options_distinct(doc: Document, i: int, q: dict) -> None:
    seen = {}
    for j, option in enumerate(q["options"]):
        text = " ".join(option["text"].split()).casefold()
        at = ("questions", i, "options", j, "text")
        if text in seen:
            raise doc.error(at, f"this option repeats option {seen[text] + 1} of the same question",
                            "make every option say something different")
        seen[text] = j
        if _FORBIDDEN_OPTIONS.search(option["text"]):
            raise doc.error(at, "an option refers to the other options (\"all of the above\", \"none of the above\", \"both\")",
                            "write an option that is true or false on its own: the DOMC format shows options one at a time")


def quiz_shown(doc: Document, root: Path, slug: str) -> None:
    page = root / "docs" / "chapters" / f"{slug}.md"
    text = page.read_text(encoding="utf-8") if page.exists() else ""
    if not re.search(r"^\{\{\s*quiz\(\s*[\"']" + re.escape(slug) + r"[\"']\s*\)", text, re.M):
        raise doc.error(("chapter",), f"no page shows this quiz",
                        f'add {{{{ quiz("{slug}") }}}} to docs/chapters/{slug}.md, under its `## Quiz {{#quiz}}` heading')
