"""Shared fixtures: the real site built once, served on localhost, and a real Chromium.

Everything here uses the project's own configuration and plugins: a test that needs a
modified site copies the project into a temporary folder and builds that copy.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PROJECT_FILES = ["mkdocs.yml", "docs", "data", "macros", "overrides", "CONTRIBUTING.md"]
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1/", "REPO_URL": "https://github.com/example/study-guide"}


def quiz_question(qid: str, stem: str, options: list[tuple[str, bool]]) -> str:
    """One chapter 3 question as YAML list item, for tests that write quiz files."""
    lines = "".join(f'      - {{text: "{text}", correct: {str(ok).lower()}, why: "A reason."}}\n' for text, ok in options)
    return (f"  - id: {qid}\n    kind: single\n    frame: exam\n    style: recall\n    difficulty: easy\n"
            f"    objectives: [D3-02]\n    section: storage-drivers\n"
            f"    source: https://docs.docker.com/engine/storage/drivers/\n    stem: \"{stem}\"\n"
            f"    options:\n{lines}    explanation: Two sentences.\n")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    return dest


def mkdocs_build(project: Path, site: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a contributor runs it; returns the finished process."""
    site = site or project / "site"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    started = time.perf_counter()
    result = mkdocs_build(ROOT, site)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    (site / ".build-seconds").write_text(f"{seconds:.2f}")
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on a free loopback port; yields its root URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it, or set CHROMIUM_PATH")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    assert not errors, f"JavaScript errors on the page: {errors}"
