"""Docker Go templates ({{.Driver}}) show literally, and an unwrapped one stops the build."""

from __future__ import annotations

import re

from conftest import mkdocs_build


def _outside_code(html: str) -> str:
    html = re.sub(r"<(pre|code)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)


def test_no_unrendered_jinja_outside_code_blocks(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = _outside_code(page.read_text())
        assert "{{" not in text and "{%" not in text, f"unrendered template syntax in {page}"


def test_the_go_template_example_renders_literally(built_site):
    html = (built_site / "chapters" / "03-installing-docker" / "index.html").read_text()
    code = re.sub(r"<[^>]+>", "", " ".join(re.findall(r"<code\b.*?</code>", html, re.S)))
    assert "docker info --format '{{.Driver}}'" in code.replace("&#39;", "'")
    assert "{% raw %}" not in html


def test_an_unwrapped_go_template_fails_with_page_line_and_fix(project_copy):
    page = project_copy / "docs" / "chapters" / "06-images.md"
    lines = page.read_text().splitlines()
    lines.insert(8, "Run `docker image ls --format '{{.Repository}}'` to list names.")
    page.write_text("\n".join(lines) + "\n")
    result = mkdocs_build(project_copy)
    assert result.returncode != 0
    expected = ("docs/chapters/06-images.md:9: `{{.Repository...` is a Docker Go template that the macro "
                "engine would try to run; wrap it in {% raw %} and {% endraw %}")
    assert expected in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_a_go_template_that_is_not_a_field_still_fails_clearly(project_copy):
    page = project_copy / "docs" / "chapters" / "06-images.md"
    page.write_text(page.read_text() + "\n```console\n$ docker ps --format 'table {{ID}}'\n```\n")
    result = mkdocs_build(project_copy)
    assert result.returncode != 0
    assert "docs/chapters/06-images.md:" in result.stderr
    assert "wrap it in {% raw %} and {% endraw %}" in result.stderr
    assert "Traceback" not in result.stderr
