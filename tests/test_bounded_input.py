"""No data file can exhaust the build: sizes, counts, nesting and aliases are bounded.

The cases that cannot be a fixture file (too big to commit, or not a file at all) are
made here; each must stop the load with `file:line: what; fix`, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, quiz_question
from macros.catalog import Catalog
from macros.errors import DataError

QUIZ = "data/quizzes/03-installing-docker.yml"
HEAD = "# yaml-language-server: $schema=../schemas/quiz.json\nchapter: 03-installing-docker\nquestions:\n"


def question(n: int, stem: str = "Which driver?") -> str:
    return quiz_question(f"ch03-generated-{n}", stem, [("overlay2", True), ("aufs", False), ("vfs", False)])


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    return tmp_path


def message(root: Path) -> str:
    with pytest.raises(DataError) as caught:
        Catalog(root)
    return str(caught.value)


def test_a_file_over_the_size_limit(data_copy):
    (data_copy / QUIZ).write_text(HEAD + question(1, "x" * 600_000))
    assert message(data_copy) == (f"{QUIZ}: the file is 586 KB, over the limit of 512 KB; "
                                  "split it into smaller files, or shorten the long texts")


def test_a_six_megabyte_stem_is_refused_before_it_reaches_a_page(data_copy):
    (data_copy / QUIZ).write_text(HEAD + question(1, "x" * 6_000_000))
    assert "over the limit of 512 KB" in message(data_copy)


def test_a_quiz_of_more_than_60_questions(data_copy):
    (data_copy / QUIZ).write_text(HEAD + "".join(question(n) for n in range(61)))
    assert message(data_copy) == (f"{QUIZ}:3: `questions` has 61 items, over the limit of 60; keep a chapter's "
                                  "quiz to 60 questions at most; move the rest to a topic page's quiz")


def test_a_whitespace_only_file(data_copy):
    (data_copy / QUIZ).write_text("  \n\n   \n")
    assert message(data_copy) == f"{QUIZ}:1: the file is empty; add the records, starting from the example at the top"


def test_a_zero_byte_file(data_copy):
    (data_copy / QUIZ).write_bytes(b"")
    assert message(data_copy) == f"{QUIZ}:1: the file is empty; add the records, starting from the example at the top"


def test_a_folder_named_like_a_data_file(data_copy):
    (data_copy / "data" / "quizzes" / "old-notes.yml").mkdir()
    assert message(data_copy) == ("data/quizzes/old-notes.yml: this is a folder, but the name says it is "
                                  "a data file; rename or remove the folder; data files are single .yml files")


BOMB = "\n".join(["# yaml-language-server: $schema=../schemas/quiz.json", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)])


def test_the_billion_laughs_is_refused_within_2_seconds_and_100_mb(tmp_path):
    """9^10 values if expanded; refused after 50,000. Measured in a child process, so the
    figures are the loader's own."""
    (tmp_path / "bomb.yml").write_text(BOMB)
    script = textwrap.dedent(f"""\
        import resource, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from macros.loader import parse_yaml
        from macros.errors import DataError
        text = open({str(tmp_path / 'bomb.yml')!r}).read()
        start = time.perf_counter()
        try:
            parse_yaml(text, "bomb.yml")
            print("ACCEPTED")
        except DataError as exc:
            print(exc)
        print(time.perf_counter() - start)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    verdict, seconds, rss_kb = out.stdout.strip().splitlines()[-3:]
    assert verdict.startswith("bomb.yml:") and "expands to more than 50,000 values" in verdict
    assert float(seconds) < 2.0
    assert int(rss_kb) < 100 * 1024, f"peak memory {int(rss_kb) // 1024} MB"
