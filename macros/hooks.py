"""MkDocs hooks (mkdocs.yml `hooks:`): the security gate and the Content-Security-Policy.

Kept apart from the macros, which render pages: this runs once the whole site is written.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import material
from mkdocs.exceptions import PluginError

import sitegate  # macros/ is on the path while MkDocs loads this file

_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_post_build(config):
    site = Path(config["site_dir"])
    templates = [Path(material.__file__).parent / "templates", Path(config["config_file_path"]).parent / "overrides"]
    # `mkdocs serve` injects its live-reload script into every page it serves; a policy
    # would block it, so the local server checks the pages but adds no policy.
    findings = sitegate.gate(site, templates, Path(config["docs_dir"]), add_csp=_command["name"] != "serve",
                             root=urlparse(config["site_url"] or "/").path or "/")
    if findings:
        shown = "\n".join(f"  {f}" for f in findings[:20])
        more = f"\n  ... and {len(findings) - 20} more" if len(findings) > 20 else ""
        raise PluginError(f"the built site holds markup that could run a script:\n{shown}{more}\n"
                          "Remove it from the page or data file named; data files hold Markdown only, "
                          "and pages may not carry scripts, event handlers or javascript: links.")
