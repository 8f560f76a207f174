# Two commands for a newcomer: `make serve` and `make test`. Each sets up what it needs.
# CI runs `make test` unchanged (.ci/run).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH
# Material prints a banner about MkDocs 2 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING = 1
HOST ?= 127.0.0.1:8000

.PHONY: help serve build test chromium lock clean
.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Stamp files: the venv is (re)installed only when a lock file changes. Every package,
# direct or indirect, is pinned with its hashes: pip refuses anything else.
PIP_INSTALL = $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps

$(BIN)/.site-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(BIN)/.dev-installed: requirements-dev.txt $(BIN)/.site-installed
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

# requirements*.in hold the direct pins; this writes the hashed lock files from them.
lock:  ## recompile requirements.txt and requirements-dev.txt (with hashes) from the .in files
	test -x .venv-lock/bin/pip-compile || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools==7.6.2)
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url -o requirements.txt requirements.in
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url -o requirements-dev.txt requirements-dev.in

# SITE_URL makes the local server answer at the root instead of under the Pages path.
serve: $(BIN)/.site-installed  ## serve the site with live reload on http://127.0.0.1:8000
	SITE_URL=http://$(HOST)/ $(BIN)/mkdocs serve --livereload --dev-addr $(HOST)

build: $(BIN)/.site-installed  ## build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

chromium:  ## make sure a Chromium is there for the browser tests
	@if [ -x "$(CHROMIUM_PATH)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium (needed by the browser tests)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM_PATH)."; \
		echo "Install it (Debian/Ubuntu: sudo apt-get install -y chromium)"; \
		echo "or point CHROMIUM_PATH at a Chromium or Chrome binary: make test CHROMIUM_PATH=/path/to/chrome"; \
		exit 1; \
	fi

test: $(BIN)/.dev-installed chromium  ## install what the tests need and run them all
	$(BIN)/python -m pytest tests -p no:cacheprovider --timeout=300 -q

clean:  ## remove the built site and the virtual environment
	rm -rf site $(VENV) .venv-lock .pytest_cache
