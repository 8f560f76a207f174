"""A broken data file stops the build with `path:line: what is wrong; how to fix it`.

tests/fixtures/broken/ holds the corpus: each file names the data file it replaces
(`# target:`) and the exact message a contributor must get (`# expect:`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from macros.catalog import Catalog
from macros.errors import DataError
from macros.loader import parse_yaml

CORPUS = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yml"))


def header(path: Path, key: str) -> str:
    text = path.read_bytes().decode("utf-8", "replace")  # some fixtures hold bytes that are not UTF-8
    return next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith(f"# {key}:"))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """The project's data and pages (quiz sections are checked against the chapter pages)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def test_the_corpus_is_large_enough():
    assert len([p for p in CORPUS if not p.name.startswith("quiz-")]) >= 15
    assert len([p for p in CORPUS if p.name.startswith("quiz-")]) >= 10


def test_the_real_data_is_valid():
    catalog = Catalog(ROOT)
    assert set(catalog.tables) == {"storage-drivers", "network-drivers", "logging-drivers", "mount-types",
                                   "restart-policies", "cmd-entrypoint", "compose-stack-keys"}
    assert len(catalog.objective_text) == 81


@pytest.mark.parametrize("fixture", CORPUS, ids=[p.stem for p in CORPUS])
def test_broken_file_gives_file_line_and_fix(data_copy, fixture):
    target = data_copy / header(fixture, "target")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(fixture.read_bytes())
    with pytest.raises(DataError) as caught:
        Catalog(data_copy)
    assert str(caught.value) == header(fixture, "expect")
    what_and_fix = str(caught.value).split(": ", 1)[1]
    assert "; " in what_and_fix, "every message says what is wrong, then how to fix it"


def test_lines_are_remembered_for_every_key():
    data, lines = parse_yaml("a: 1\nrows:\n  - id: x\n    name: y\n", "f.yml")
    assert data == {"a": 1, "rows": [{"id": "x", "name": "y"}]}
    assert lines[("rows", 0, "name")] == 4 and lines[("a",)] == 1


def test_dates_stay_text_so_the_schema_checks_them():
    data, _ = parse_yaml("date: 2026-12-03\n", "f.yml")
    assert data["date"] == "2026-12-03"


def test_a_broken_data_file_stops_mkdocs_build_with_the_message(project_copy):
    path = project_copy / "data" / "comparisons" / "restart-policies.yml"
    text = path.read_text()
    path.write_text(text.replace("\n    status: current", "\n    status: curent", 1))
    line = next(n for n, l in enumerate(path.read_text().splitlines(), 1) if l == "    status: curent")
    result = mkdocs_build(project_copy)
    assert result.returncode != 0
    assert (f"data/comparisons/restart-policies.yml:{line}: `status` is `curent`, which is not one of the allowed "
            "values (did you mean `current`?); use one of: current, deprecated, removed") in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("call, expected", [
    ('{{ comparison("storage-driver") }}',
     'comparison("storage-driver") names a table that does not exist; use one of: cmd-entrypoint, '
     'compose-stack-keys, logging-drivers, mount-types, network-drivers, restart-policies, storage-drivers'),
    ('{{ comparison("storage-drivers", columns=["status", "speed"]) }}',
     'comparison("storage-drivers") names the column `speed`, which the table does not have; use some of: name, '
     'status, platforms, backing_filesystems, cow_granularity, page_cache_sharing, use_when'),
    ('{{ comparison("network-drivers", rows=["bridge"]) }}',
     'comparison("network-drivers") names the row `bridge`, which the table does not have; use some of: '),
    ('{{ objectives("D3-02", "D9-01") }}',
     'objectives() names `D9-01`, which is not a DCA objective; use ids from data/objectives.yml, like D3-02'),
    ('{{ quiz("05-the-docker-engin") }}',
     'quiz("05-the-docker-engin") has no data file data/quizzes/05-the-docker-engin.yml'),
])
def test_a_bad_macro_call_names_the_page_and_line(project_copy, call, expected):
    page = project_copy / "docs" / "chapters" / "05-the-docker-engine.md"
    lines = page.read_text().splitlines()
    lines.insert(10, call)
    page.write_text("\n".join(lines) + "\n")
    result = mkdocs_build(project_copy)
    assert result.returncode != 0
    assert f"docs/chapters/05-the-docker-engine.md:11: {expected}" in result.stderr, result.stderr[-1500:]
    assert "Traceback" not in result.stderr
