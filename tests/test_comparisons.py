"""Comparison tables: rendered from data, accessible, on every page that needs them."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT
from macros.catalog import Catalog
from macros.comparisons import table_context
from macros.errors import DataError
from macros.markup import templates

PAGES = {
    "storage-drivers": ["chapters/03-installing-docker", "reference/comparisons"],
    "restart-policies": ["chapters/07-containers", "reference/comparisons"],
    "mount-types": ["chapters/07-containers", "chapters/13-volumes-and-persistent-data", "reference/comparisons"],
    "network-drivers": ["chapters/11-docker-networking", "reference/comparisons"],
    "logging-drivers": ["topics/logging", "reference/comparisons"],
    "cmd-entrypoint": ["chapters/08-containerizing-an-app", "reference/comparisons"],
    "compose-stack-keys": ["chapters/09-deploying-apps-with-compose", "reference/comparisons"],
}
REQUIRED_ROWS = {
    "storage-drivers": ["overlay2", "fuse-overlayfs", "btrfs", "zfs", "vfs", "aufs", "devicemapper", "windowsfilter",
                        "containerd-overlayfs"],
    "network-drivers": ["bridge-default", "bridge-user-defined", "host", "none", "overlay", "macvlan", "ipvlan"],
    "logging-drivers": ["json-file", "local", "journald", "syslog", "gelf", "fluentd", "awslogs", "splunk", "gcplogs",
                        "etwlogs", "none"],
    "mount-types": ["volume", "bind", "tmpfs", "npipe"],
    "restart-policies": ["no", "on-failure", "always", "unless-stopped"],
}


@pytest.fixture(scope="module")
def catalog():
    return Catalog(ROOT)


def render(catalog, name, **kwargs):
    context = table_context(catalog, name, where=("docs/x.md", 1), **kwargs)
    return templates(ROOT / "macros" / "templates").get_template("comparison.html.jinja").render(**context)


@pytest.mark.parametrize("table", sorted(REQUIRED_ROWS))
def test_each_table_has_its_rows_each_with_a_source(catalog, table):
    rows = catalog.tables[table].data["rows"]
    assert set(REQUIRED_ROWS[table]) <= {r["id"] for r in rows}
    assert all(r["sources"] for r in rows)
    assert re.fullmatch(r"29\.\d+(\.\d+)?", catalog.tables[table].data["table"]["checked_against"])


def test_rendered_table_is_accessible_and_anchored(catalog):
    html = render(catalog, "storage-drivers")
    assert "<caption>" in html
    assert html.count('<th scope="col">') >= 5
    rows = catalog.tables["storage-drivers"].data["rows"]
    assert html.count('<th scope="row">') == len(rows)
    for row in rows:
        assert f'<tr id="storage-drivers-{row["id"]}">' in html
        assert f'href="#storage-drivers-{row["id"]}"' in html


def test_status_badges_are_words_not_only_colour(catalog):
    html = render(catalog, "storage-drivers", rows=["aufs", "overlay2"])
    assert re.search(r'ddsg-badge--removed">Removed</span>\s*in 24\.0', html)
    assert 'ddsg-badge--current">Current</span>' in html


def test_columns_rows_and_caption_can_be_chosen(catalog):
    html = render(catalog, "storage-drivers", rows=["vfs"], columns=["status"], caption="Just vfs")
    assert "<caption>Just vfs</caption>" in html
    assert html.count("<tr id=") == 1
    headers = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert headers == ["Name", "Status today", "Source"]


def test_data_markdown_is_rendered_and_html_is_escaped(catalog):
    doc = catalog.tables["restart-policies"]
    doc.data["rows"][0]["use_case"] = "Use `--restart no` <script>alert(1)</script>"
    html = render(catalog, "restart-policies", rows=[doc.data["rows"][0]["id"]])
    assert "<code>--restart no</code>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_table_is_an_error(catalog):
    with pytest.raises(DataError, match=r"docs/x.md:1: comparison\(\"nope\"\) names a table that does not exist"):
        render(catalog, "nope")


@pytest.mark.parametrize("table", sorted(PAGES))
def test_each_table_appears_on_its_pages_with_row_anchors(built_site, table):
    rows = yaml.safe_load((ROOT / "data" / "comparisons" / f"{table}.yml").read_text())["rows"]
    for page in PAGES[table]:
        html = (built_site / page / "index.html").read_text()
        assert f'data-table="{table}"' in html, f"{table} is not on {page}"
        for row in rows:
            assert f'<tr id="{table}-{row["id"]}">' in html, f"{page} lacks the row {row['id']}"


def test_the_fresh_install_fact_is_right(catalog):
    rows = {r["id"]: r for r in catalog.tables["storage-drivers"].data["rows"]}
    assert rows["aufs"]["status"] == "removed" and rows["aufs"]["removed_in"] == "24.0"
    assert rows["devicemapper"]["status"] == "removed" and rows["devicemapper"]["removed_in"] == "25.0"
    assert "overlayfs" in catalog.tables["storage-drivers"].data["table"]["intro"]
    logs = {r["id"]: r for r in catalog.tables["logging-drivers"].data["rows"]}
    assert {k for k, r in logs.items() if r["docker_logs"] == "native"} == {"json-file", "local", "journald"}
    assert logs["none"]["docker_logs"] == "no"
    restart = {r["id"]: r for r in catalog.tables["restart-policies"].data["rows"]}
    assert "stays stopped, even after the daemon restarts" in restart["unless-stopped"]["after_manual_stop"].lower()
    assert "daemon restart" in restart["always"]["after_manual_stop"].lower()
