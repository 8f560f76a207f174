"""Every point of the group's raw notes (shared/seed/group-notes.txt) is on its chapter page.

Each entry: the note as the group wrote it (typos kept here, fixed on the site), the page,
and patterns that must all appear in that page's text.
"""

from __future__ import annotations

import html as htmllib
import re

import pytest

SEED_POINTS = [
    # Meeting notes
    ("Wyn led dicsusion through Chapters 1-4", "meetings", [r"Wyn led the discussion through chapters 1-4"]),
    ("Next meeting chapters 5-9, 1 chapter each person", "meetings", [r"chapters 5-9, one chapter per person"]),
    ("make list of exercises that will train on hands-on, prod bugs", "meetings",
     [r"list of exercises", r"hands-on", r"production\s+bugs"]),
    # 1. Containers from 30,000 feet
    ("What are containers, etc", "01-containers-from-30000-feet", [r"What (are|is a) containers?|What containers are", r"shar\w+ (the )?(host'?s? )?kernel"]),
    ("Windows vs Linux", "01-containers-from-30000-feet", [r"Windows containers", r"Linux containers", r"Linux kernel"]),
    # 2. Docker
    ("Kubernetes - leading orchestrator", "02-docker", [r"Kubernetes", r"orchestrat"]),
    ("Docker Engine - plumbing that runs and orchestrates containers", "02-docker",
     [r"Docker Engine", r"runs and (manages|orchestrates)|run and orchestrate|runs? containers"]),
    ("EE vs CE", "02-docker", [r"\bEE\b", r"\bCE\b", r"Mirantis"]),
    ("Moby - modular components, big infra contributors, Golang", "02-docker",
     [r"Moby", r"modular|components", r"\bGo\b", r"Golang"]),
    ("Batteries included but removable", "02-docker", [r"batteries included but removable"]),
    ("OCI - standardized image format and container runtime", "02-docker",
     [r"Open Container Initiative", r"image(-| )spec", r"runtime(-| )spec"]),
    # 3. Installing Docker
    ("Windows, Mac, Windows Server 2016, Ubuntu, Docker EE", "03-installing-docker",
     [r"Windows", r"Mac", r"Windows Server 2016", r"Ubuntu", r"Docker EE"]),
    ("Upgrading: make sure containers have restart policy", "03-installing-docker", [r"restart polic"]),
    ("Upgrading: drain nodes if needed (Swarm mode)", "03-installing-docker", [r"drain", r"docker node update --availability drain"]),
    ("Steps: stop daemon, remove old, install new, auto start on boot, containers restarted", "03-installing-docker",
     [r"[Ss]top the (Docker )?daemon|systemctl stop docker", r"[Rr]emove the old", r"[Ii]nstall the new",
      r"systemctl enable docker", r"restart"]),
    ("Every container gets local storage where layers are stacked", "03-installing-docker",
     [r"layers?", r"local storage|storage area"]),
    ("Storage driver, sometimes called graph driver; layering and copy-on-write", "03-installing-docker",
     [r"storage driver", r"graph driver", r"copy-on-write"]),
    ("Drivers: aufs, overlay2, devicemapper, btrfs, zfs", "03-installing-docker",
     [r"\baufs\b", r"\boverlay2\b", r"\bdevicemapper\b", r"\bbtrfs\b", r"\bzfs\b"]),
    ("Windows only supports windowsfilter", "03-installing-docker", [r"windowsfilter"]),
    # 4. The big picture
    ("Ops perspective: client, daemon/engine", "04-the-big-picture", [r"[Oo]ps", r"client", r"daemon"]),
    ("images, running containers", "04-the-big-picture", [r"docker (image )?pull", r"docker (container )?run"]),
    ("attaching to running containers", "04-the-big-picture", [r"docker (container )?attach", r"docker (container )?exec"]),
    ("Dev perspective - containerize app", "04-the-big-picture", [r"[Dd]ev", r"Dockerfile", r"docker (image )?build"]),
]


def page_text(built_site, where: str) -> str:
    path = built_site / ("meetings" if where == "meetings" else f"chapters/{where}") / "index.html"
    text = re.sub(r"<[^>]+>", " ", path.read_text())
    return re.sub(r"\s+", " ", htmllib.unescape(text))


@pytest.mark.parametrize("note, where, patterns", SEED_POINTS, ids=[p[0][:40] for p in SEED_POINTS])
def test_seed_point_is_on_its_page(built_site, note, where, patterns):
    text = page_text(built_site, where)
    for pattern in patterns:
        assert re.search(pattern, text), f"{note!r}: /{pattern}/ not found on {where}"


def test_typos_from_the_notes_are_not_carried_over(built_site):
    for where in ["meetings", "01-containers-from-30000-feet", "02-docker", "03-installing-docker", "04-the-big-picture"]:
        text = page_text(built_site, where)
        for typo in ["dicsusion", "dDOcekr", "sometiomes"]:
            assert typo not in text


def test_upgrade_procedure_is_a_numbered_list(built_site):
    html = (built_site / "chapters" / "03-installing-docker" / "index.html").read_text()
    section = html.split('id="upgrading"', 1)[1].split("<h2", 1)[0]
    ordered = re.search(r"<ol>(.*?)</ol>", section, re.S)
    assert ordered and ordered.group(1).count("<li") >= 5


def test_status_today_notes_with_sources(built_site):
    for slug in ["02-docker", "03-installing-docker"]:
        html = (built_site / "chapters" / slug / "index.html").read_text()
        boxes = re.findall(r'<div class="admonition[^"]*">\s*<p class="admonition-title">Status today.*?</div>', html, re.S)
        assert boxes, slug
        assert all('href="https://' in box for box in boxes), f"a Status today box on {slug} has no source link"
