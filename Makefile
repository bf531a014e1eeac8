# Cluster Hub. The two commands a new user needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 3
STAMP := $(VENV)/.installed
DEMO_ENV := DJANGO_SETTINGS_MODULE=config.settings.demo
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install serve setup-demo lint check browser-deps messages lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# Reinstall only when the declared or pinned dependencies change.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate SQLite, load source and demo data, serve on http://127.0.0.1:$(PORT)
run: setup-demo
	@echo "Cluster Hub on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(DEMO_ENV) $(BIN)/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --access-logfile - --forwarded-allow-ips=127.0.0.1

setup-demo: $(STAMP)
	@mkdir -p var
	$(DEMO_ENV) $(BIN)/clusterhub migrate --no-input -v0
	$(DEMO_ENV) $(BIN)/clusterhub collectstatic --no-input -v0
	$(DEMO_ENV) $(BIN)/clusterhub load-sources
	$(DEMO_ENV) $(BIN)/clusterhub generate-demo

## make test: install and run the whole suite (SQLite unless DATABASE_URL is set)
test: $(STAMP) browser-deps
	$(BIN)/pytest $(PYTEST_ARGS)

# Debian's Chromium drives the browser tests; Playwright never downloads a browser.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## make lint: ruff, the import contracts (.importlinter), djLint on the templates, and the
## architecture rules of tools/archlint.py (no role tests in templates, no ORM in views,
## modules under 500 lines)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/djlint clusterhub/templates --lint
	$(BIN)/python -m tools.archlint

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/clusterhub makemigrations --check --dry-run
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/clusterhub check --deploy --fail-level WARNING

## make messages: refresh the Korean translation catalogue and compile it
messages: $(STAMP)
	cd clusterhub && DJANGO_SETTINGS_MODULE=config.settings.dev PYTHONPATH=.. ../$(BIN)/python ../manage.py makemessages -l ko --no-obsolete --no-location --ignore "static/*"
	$(BIN)/python -m clusterhub.core.i18n_compile

lock: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	(echo "# Pinned versions the install uses (pip install -c constraints.txt). Regenerate with: make lock"; \
	 $(BIN)/pip freeze --exclude-editable | grep -v '^#') > constraints.txt

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

## make bench: build or reuse a BENCH_SCALE dataset (default regional; DATABASE_URL for
## PostgreSQL), serve it with gunicorn on 127.0.0.1 and measure the main pages (bench/README.md)
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python -m bench
