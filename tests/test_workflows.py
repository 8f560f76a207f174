"""The GitHub workflows pass zizmor's audit and follow the house rules."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

ZIZMOR = Path(sys.executable).parent / "zizmor"


def test_zizmor_reports_no_findings():
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", ".github/"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_every_action_is_pinned_by_commit_sha():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        uses = re.findall(r"uses:\s*(\S+)(.*)", workflow.read_text())
        assert uses
        for ref, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", ref), ref
            assert re.search(r"#\s*v\d", comment), f"{ref} has no version comment"


def test_least_privilege_and_deploy_on_main():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    assert workflow["permissions"] == {}
    assert "concurrency" in workflow
    for job in workflow["jobs"].values():
        assert "permissions" in job
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    checkout = [s for s in steps if "actions/checkout" in s.get("uses", "")]
    assert checkout and all(s["with"]["persist-credentials"] is False for s in checkout)
    used = " ".join(s.get("uses", "") for s in steps)
    assert "upload-pages-artifact" in used and "deploy-pages" in used and "upload-artifact@" in used


def test_the_published_site_is_built_without_the_test_toolchain():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    build = workflow["jobs"]["build"]
    runs = " ".join(s.get("run", "") for s in build["steps"])
    assert "make build" in runs and "make test" not in runs
    assert any("upload-pages-artifact" in s.get("uses", "") for s in build["steps"])
    assert set(workflow["jobs"]["deploy"]["needs"]) == {"test", "build"}
    makefile = (ROOT / "Makefile").read_text()
    build_deps = re.search(r"^build: (.*?)##", makefile, re.M).group(1)
    assert "dev-installed" not in build_deps and "site-installed" in build_deps


def test_every_dependency_is_locked_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile
    for lock in ("requirements.txt", "requirements-dev.txt"):
        text = (ROOT / lock).read_text()
        packages = re.findall(r"^([a-z0-9._-]+)==\S+ \\$", text, re.M | re.I)
        assert len(packages) >= 30, lock
        for block in re.split(r"\n(?=[a-z0-9._-]+==)", text, flags=re.I)[1:]:
            assert "--hash=sha256:" in block, f"{lock}: {block.splitlines()[0]} has no hash"
    direct = re.findall(r"^([A-Za-z0-9._-]+)==", (ROOT / "requirements.in").read_text(), re.M)
    locked = (ROOT / "requirements.txt").read_text().lower()
    assert all(f"\n{name.lower()}==" in locked for name in direct)
