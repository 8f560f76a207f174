"""Under `mkdocs serve` (what `make serve` runs), an edit to a data file reaches the page."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

from conftest import BUILD_ENV, free_port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {seconds}s waiting for {what}")


def test_data_edit_shows_after_the_automatic_rebuild(project_copy):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project_copy, env=BUILD_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/chapters/07-containers/"
        first = wait_for(lambda: fetch(url), 120, "mkdocs serve to answer")
        assert "Restarts the container when" in first
        data = project_copy / "data" / "comparisons" / "restart-policies.yml"
        text = data.read_text()
        marker = "Edited live by the serve test"
        data.write_text(text.replace("\n    use_case: ", f"\n    use_case: {marker}. ", 1))
        wait_for(lambda: marker in (fetch(url) or ""), 120, "the edited cell to appear on the page")
    finally:
        server.terminate()
        server.wait(timeout=30)
