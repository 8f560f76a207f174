"""Every `docker` command shown on the site is one the real CLI accepts.

Commands are taken from the built pages (code blocks and inline code that start with
`docker `), and checked against `docker <command> --help`: the command must exist and
each long flag must be one it lists. Plugins that are not installed here (compose,
buildx, scout) are checked against their reference pages by hand instead.
"""

from __future__ import annotations

import functools
import html as htmllib
import re
import shutil
import subprocess

import pytest

DOCKER = shutil.which("docker")
# Commands that pages mention only to say they are gone; the page must say "removed" nearby.
REMOVED = {"scan"}
PLUGINS = {"compose", "buildx", "scout", "ai", "model", "init", "debug", "sbom", "mcp", "offload"}


@functools.lru_cache(maxsize=None)
def help_text(*words: str) -> str | None:
    """The help of `docker <words>`, or None when that is not a command. (For an unknown
    word the CLI prints its parent's help and exits 0, so the usage line is what tells.)"""
    result = subprocess.run([DOCKER, *words, "--help"], capture_output=True, text=True, timeout=30)
    out = result.stdout + result.stderr
    name = "docker " + " ".join(words)
    usage = re.search(r"Usage:\s+(docker [a-z -]*?)(?= \[| [A-Z]|\n|$)", out)
    aliases = re.search(r"Aliases:\s*\n\s*(.*)", out)
    known = {usage.group(1).strip()} if usage else set()
    if aliases:
        known |= {a.strip() for a in aliases.group(1).split(",")}
    return out if result.returncode == 0 and name in known else None


def commands(built_site) -> list[tuple[str, str]]:
    found = []
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text()
        for block in re.findall(r"<code\b[^>]*>(.*?)</code>", text, re.S):
            plain = htmllib.unescape(re.sub(r"<[^>]+>", "", block))
            for line in plain.splitlines():
                line = re.sub(r"^\s*(\$|#|PS>)\s*", "", line.strip())
                line = re.sub(r"^sudo\s+", "", line)
                if re.match(r"docker [a-z]", line):
                    found.append((page.relative_to(built_site).as_posix(), line))
    return found


def split_command(line: str) -> tuple[list[str], list[str]]:
    """(the command words, the long flags) of one command line."""
    line = line.split("|")[0].split("&&")[0].split(";")[0]
    tokens = line.split()[1:]
    words = []
    for token in tokens:
        if not re.fullmatch(r"[a-z][a-z0-9-]*", token):
            break
        words.append(token)
    flags = re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", line)
    return words, flags


@pytest.mark.skipif(DOCKER is None, reason="the docker CLI is not installed on this machine")
def test_every_docker_command_is_accepted_by_the_cli(built_site):
    found = commands(built_site)
    assert len(found) >= 50
    problems = []
    for where, line in found:
        words, flags = split_command(line)
        if words and words[0] in REMOVED:
            text = (built_site / where).read_text()
            at = text.find(f"docker {words[0]}")
            assert "removed" in text[max(0, at - 300):at + 300], f"{where}: `{line}` is shown without saying it was removed"
            continue
        if not words or words[0] in PLUGINS or (words[0] in ("container", "image") and len(words) > 1
                                                 and words[1] in PLUGINS):
            continue
        # the longest prefix of words that is a command: `docker network create my-net` -> network create
        while words and help_text(*words) is None:
            words = words[:-1]
        if not words:
            problems.append(f"{where}: `{line}`: not a docker command")
            continue
        usage = help_text(*words)
        for flag in flags:
            if not re.search(rf"(?<![\w-]){re.escape(flag)}\b", usage):
                problems.append(f"{where}: `{line}`: `docker {' '.join(words)}` has no {flag}")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(DOCKER is None, reason="the docker CLI is not installed on this machine")
def test_the_check_itself_rejects_made_up_commands_and_flags():
    assert help_text("image", "ls") and help_text("container", "list")
    assert help_text("image", "lz") is None and help_text("imagez") is None
    words, flags = split_command("docker run --restrat always -d nginx | tee out")
    assert words == ["run"] and flags == ["--restrat"]
    assert not re.search(r"(?<![\w-])--restrat\b", help_text("run"))
