"""Macros that render site-wide data: objectives, the chapter map, meetings, the glossary."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .catalog import Catalog
from .errors import DataError
from .markup import inline


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative Markdown link target from one docs/ page to another, so MkDocs checks it."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


def objective_list(catalog: Catalog, page: str, ids, where) -> str:
    lines = []
    for objective in ids:
        if objective not in catalog.objective_text:
            raise DataError(*where, f"objectives() names `{objective}`, which is not a DCA objective",
                            "use ids from data/objectives.yml, like D3-02")
        text = catalog.objective_text[objective]
        lines.append(f"- [**{objective}**]({link(page, 'objectives.md', objective.lower())}) {inline(text[0].upper() + text[1:])}")
    return "\n".join(lines)


def chapter_map(catalog: Catalog, page: str) -> str:
    rows = ["| 2020 edition | Chapter | 2025 edition |", "| ---: | --- | --- |"]
    for ch in catalog.chapters.data["chapters"]:
        later = ch["edition_2025"]
        number = f"{later['number']}. " if later["number"] else ""
        rows.append(f"| {ch['number']} | [{inline(ch['title'])}]({link(page, 'chapters/' + ch['slug'] + '.md')}) "
                    f"| {number}{inline(later['title'])} |")
    return "\n".join(rows)


def planned_first(meetings: list[dict]) -> list[dict]:
    """The next planned meeting first (lowest number), then later plans, then the log, newest first."""
    planned = sorted((m for m in meetings if m["status"] == "planned"), key=lambda m: m["number"])
    held = sorted((m for m in meetings if m["status"] == "held"), key=lambda m: -m["number"])
    return planned + held


def chapter_index(catalog: Catalog, page: str) -> str:
    """Every chapter with its quiz size, and the chapters the next meeting covers."""
    upcoming = planned_first(catalog.meetings.data["meetings"])
    nxt = upcoming[0] if upcoming and upcoming[0]["status"] == "planned" else None
    rows = ["| Chapter | Quiz questions | Next meeting |", "| --- | ---: | --- |"]
    for ch in catalog.chapters.data["chapters"]:
        quiz = catalog.quizzes.get(ch["slug"])
        count = len(quiz.data["questions"]) if quiz else 0
        meeting = (f"[**Meeting {nxt['number']}**]({link(page, 'meetings/index.md', nxt['id'])})"
                   if nxt and ch["number"] in nxt["chapters"] else "")
        target = link(page, "chapters/" + ch["slug"] + ".md", "quiz" if quiz else "")
        questions = f"[{count}]({target})" if count else "none yet"
        rows.append(f"| {ch['number']}. [{inline(ch['title'])}]({link(page, 'chapters/' + ch['slug'] + '.md')}) "
                    f"| {questions} | {meeting} |")
    return "\n".join(rows)


def glossary(root: Path) -> str:
    """The glossary page lists the same abbreviations that the site shows as hover text."""
    source = (root / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    entries = sorted(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", source, re.M), key=lambda e: e[0].lower())
    rows = ["| Abbreviation | Meaning |", "| --- | --- |"]
    rows += [f'| <span id="{re.sub(r"[^a-z0-9]+", "-", abbr.lower()).strip("-")}">{abbr}</span> | {meaning} |'
             for abbr, meaning in entries]
    return "\n".join(rows)


def coverage(catalog: Catalog, root: Path) -> dict[str, list[dict]]:
    """Objective id -> the chapters whose page lists it with {{ objectives(...) }}."""
    found: dict[str, list[dict]] = {}
    for ch in catalog.chapters.data["chapters"]:
        page = root / "docs" / "chapters" / f"{ch['slug']}.md"
        text = page.read_text(encoding="utf-8") if page.exists() else ""
        for call in re.findall(r"\{\{\s*objectives\(([^)]*)\)", text):
            for objective in re.findall(r"D[1-6]-[0-9]{2}", call):
                found.setdefault(objective, []).append(ch)
    return found


def next_meeting(catalog: Catalog, page: str) -> str:
    planned = [m for m in planned_first(catalog.meetings.data["meetings"]) if m["status"] == "planned"]
    if not planned:
        return f"No meeting is planned yet: see the [meeting log]({link(page, 'meetings/index.md')})."
    m = planned[0]
    chapters = catalog.chapters.data["chapters"]
    names = ", ".join(f"[{c}. {inline(chapters[c - 1]['title'])}]({link(page, 'chapters/' + chapters[c - 1]['slug'] + '.md')})"
                      for c in m["chapters"])
    when = "date to be decided" if m["date"] == "TBD" else m["date"]
    free = sum(1 for p in m["presenters"] if p["name"] == "open")
    slots = f" {free} presenter slot{'s are' if free != 1 else ' is'} still open." if free else ""
    return (f"**[Meeting {m['number']}]({link(page, 'meetings/index.md', m['id'])})** ({when}): {names}.{slots}")
