# The two set-up commands are `make run` and `make test`; everything else serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
STATIC_MANIFEST := var/staticfiles/staticfiles.json
VNU_VERSION := 26.9.27
VNU_STAMP := $(VENV)/vnu/.installed-$(VNU_VERSION)

.PHONY: run test bench install messages system-packages screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group test
	touch $@

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group test --group bench
	touch $@

# Hashed, compressed copies of static/ as production serves them; only redone when
# a static file changes. Collecting needs no secret, so a throwaway one is given.
$(STATIC_MANIFEST): $(STAMP) $(shell find static -type f)
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
		$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	touch $@

install: $(STAMP)

# Debian packages the project needs: gettext to compile translations, Chromium and a Chinese
# font for the browser tests (real glyph widths at 360 px, readable screenshots), Java and
# npm for the Nu Html Checker. Installed only when missing (needs root, as on CI and the
# dev machines).
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || missing="$$missing fonts-wqy-microhei"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "Need root to install:$$missing (sudo make ...)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# The Nu Html Checker (vnu.jar) that tests/wizard/test_html_validity.py runs on every page.
# npm only unpacks it: its install script, which would fetch a Java of its own, is skipped.
$(VNU_STAMP): | system-packages
	npm install --prefix $(VENV)/vnu --no-audit --no-fund --ignore-scripts --loglevel=error \
		vnu-jar@$(VNU_VERSION)
	test -f $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
	touch $@

messages: $(STAMP)
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "Install gettext (msgfmt) to compile translations" >&2; exit 1; fi; }
	@DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore ".venv" --verbosity 0

run: export DJANGO_DEBUG ?= 1
run: $(STAMP) messages
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_providers
	@echo "Serving on http://127.0.0.1:8000/ (admin: /admin/, create a user with: $(BIN)/python manage.py createsuperuser)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-for-production
test: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
test: export DJANGO_HTTPS ?= 0
test: system-packages $(STAMP) $(VNU_STAMP) messages $(STATIC_MANIFEST)
	$(BIN)/ruff check .
	@source tests/postgres.sh && $(BIN)/python -m pytest $(PYTEST_ARGS)

# Screenshots of every screen at 360 px, in both languages, for a reviewer: var/screenshots/.
screenshots: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-for-production
screenshots: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
screenshots: export DJANGO_HTTPS ?= 0
screenshots: system-packages $(STAMP) messages $(STATIC_MANIFEST)
	@source tests/postgres.sh && SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q -k screenshots

# Production-shaped load test: gunicorn, PostgreSQL, Redis and a separate locust process.
bench: $(BENCH_STAMP) messages $(STATIC_MANIFEST)
	@source tests/postgres.sh && $(BIN)/python tests/bench/run_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var *.egg-info
