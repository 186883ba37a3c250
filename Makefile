# The set-up commands are `make run`, `make serve` and `make test`; everything else serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
STATIC_MANIFEST := var/staticfiles/staticfiles.json
VNU_VERSION := 26.9.27
VNU_STAMP := $(VENV)/vnu/.installed-$(VNU_VERSION)

.PHONY: run serve test bench profile instructions install messages system-packages serve-packages screenshots clean

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

# RUN_ADDRESS only moves the development server (the test of the commands README and docs/ show runs one).
RUN_ADDRESS ?= 127.0.0.1:8000

# var/local.env marks this checkout as a local one: manage.py reads it (config/local_env.py),
# so the commands README and docs/ show work afterwards with no environment; app servers never read it.
run: export DJANGO_DEBUG ?= 1
run: $(STAMP) messages
	mkdir -p var
	@{ echo "# Written by make run: manage.py reads this for local development; gunicorn never does."; \
	  echo "DJANGO_DEBUG=$$DJANGO_DEBUG"; \
	  if [ -n "$${DATABASE_URL:-}" ]; then echo "DATABASE_URL=$$DATABASE_URL"; fi; \
	  if [ -n "$${REDIS_URL:-}" ]; then echo "REDIS_URL=$$REDIS_URL"; fi; } > var/local.env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_providers
	$(BIN)/python manage.py load_patterns
	$(BIN)/python manage.py load_escalation
	$(BIN)/python manage.py retrain_decoder --if-none
	@echo "Serving on http://$(RUN_ADDRESS)/ (admin: /admin/, create a user with: $(BIN)/python manage.py createsuperuser)"
	$(BIN)/python manage.py runserver $(RUN_ADDRESS)

# The production shape on this machine (docs/deploy.md): nginx on SERVE_ADDRESS in front,
# buffering (config/nginx.conf.template, rendered into var/serve/), gunicorn behind it on a
# unix socket (config/gunicorn.py), PostgreSQL (a database of its own, created here) and
# Redis (REDIS_URL, default the local one, started if it is not running). The secret key is
# generated once into var/secret_key. nginx runs with its pid, logs and temporary files in
# var/serve/ and stops with gunicorn (Ctrl-C).
SERVE_ADDRESS ?= 127.0.0.1:8080
SERVE_DIR := var/serve
LOCAL_REDIS := redis://127.0.0.1:6379/0

# Debian's nginx and Redis, installed only when missing (needs root).
serve-packages:
	@missing=""; \
	{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || missing="$$missing nginx"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	command -v psql >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "Need root to install:$$missing (sudo make ...)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

serve: export DJANGO_DEBUG := 0
serve: export DJANGO_HTTPS ?= 0
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DJANGO_BEHIND_PROXY := 1
serve: export DJANGO_TRUSTED_PROXIES := unix
serve: serve-packages $(STAMP) messages $(STATIC_MANIFEST)
	@set -eu; \
	here="$$PWD"; run="$$here/$(SERVE_DIR)"; nginx="$$(command -v nginx || echo /usr/sbin/nginx)"; \
	mkdir -p "$$run/tmp"; \
	if [ ! -s var/secret_key ]; then \
	  (umask 077; $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key); \
	  echo "Generated a secret key into var/secret_key (kept for the next make serve)"; \
	fi; \
	export DJANGO_SECRET_KEY="$$(cat var/secret_key)"; \
	if [ -z "$${SERVE_DATABASE_URL:-}" ]; then \
	  unset DATABASE_URL; source tests/postgres.sh; SERVE_DATABASE_URL="$${DATABASE_URL%/*}/repayhelp_serve"; \
	fi; \
	server="$${SERVE_DATABASE_URL%/*}"; name="$${SERVE_DATABASE_URL##*/}"; \
	psql -qtA "$$server/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$$name'" | grep -q 1 \
	  || { psql -q "$$server/postgres" -c "CREATE DATABASE \"$$name\"" && echo "Created database $$name"; }; \
	export DATABASE_URL="$$SERVE_DATABASE_URL"; \
	export REDIS_URL="$${REDIS_URL:-$(LOCAL_REDIS)}"; \
	if ! redis-cli -u "$$REDIS_URL" ping >/dev/null 2>&1; then \
	  if [ "$$REDIS_URL" != "$(LOCAL_REDIS)" ]; then echo "Redis at $$REDIS_URL does not answer" >&2; exit 1; fi; \
	  echo "Starting Redis on 127.0.0.1:6379 (pid and log in $(SERVE_DIR)/)"; \
	  redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --dir "$$run" \
	    --pidfile "$$run/redis.pid" --logfile "$$run/redis.log"; \
	  for _ in $$(seq 1 50); do redis-cli -u "$$REDIS_URL" ping >/dev/null 2>&1 && break; sleep 0.1; done; \
	fi; \
	$(BIN)/python manage.py migrate --noinput --verbosity 0; \
	$(BIN)/python manage.py load_providers; \
	$(BIN)/python manage.py load_patterns; \
	$(BIN)/python manage.py load_escalation; \
	static_url="/$$($(BIN)/python -c 'import os; print(os.environ.get("DJANGO_STATIC_URL", "static/").strip("/"))')/"; \
	sed -e "s|@RUN_DIR@|$$run|g" -e "s|@LISTEN@|$(SERVE_ADDRESS)|g" \
	    -e "s|@UPSTREAM@|unix:$$run/gunicorn.sock|g" -e "s|@STATIC_URL@|$$static_url|g" \
	    -e "s|@STATIC_ROOT@|$$here/var/staticfiles|g" -e "s|@USER@|$$(stat -c '%U %G' .)|g" \
	    -e 's|@FORWARDED_PROTO@|$$scheme|g' \
	    config/nginx.conf.template > "$$run/nginx.conf"; \
	$(BIN)/python manage.py write_limit_pages "$$run/limits" >/dev/null; \
	if [ -s "$$run/nginx.pid" ] && kill -0 "$$(cat "$$run/nginx.pid")" 2>/dev/null; then \
	  kill -QUIT "$$(cat "$$run/nginx.pid")"; sleep 1; \
	fi; \
	"$$nginx" -q -t -p "$$run/" -c "$$run/nginx.conf"; \
	"$$nginx" -p "$$run/" -c "$$run/nginx.conf"; \
	stop_nginx() { [ -s "$$run/nginx.pid" ] && kill -QUIT "$$(cat "$$run/nginx.pid")" 2>/dev/null || true; }; \
	trap stop_nginx EXIT; trap 'exit 143' TERM; trap 'exit 130' INT; \
	echo "Serving on http://$(SERVE_ADDRESS)/ through nginx ($(SERVE_DIR)/nginx.conf, logs in $(SERVE_DIR)/); Ctrl-C stops it"; \
	GUNICORN_BIND="unix:$$run/gunicorn.sock" $(BIN)/gunicorn --config config/gunicorn.py config.wsgi:application

# PYTEST_ARGS goes to pytest after the checks, for a fast lane while you work: a folder
# (tests/wizard/cases), -m "not browser and not slow", or --lf (docs/testing.md).
test: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-for-production
test: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
test: export DJANGO_HTTPS ?= 0
test: system-packages $(STAMP) $(VNU_STAMP) messages $(STATIC_MANIFEST)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	@source tests/postgres.sh && $(BIN)/python -m pytest $(PYTEST_ARGS)

# Screenshots of every screen at 360 px, in both languages, for a reviewer: var/screenshots/.
screenshots: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-for-production
screenshots: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
screenshots: export DJANGO_HTTPS ?= 0
screenshots: system-packages $(STAMP) messages $(STATIC_MANIFEST)
	@source tests/postgres.sh && SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q -k screenshots

# Production-shaped load test: gunicorn, PostgreSQL, Redis and a separate locust process.
bench: serve-packages $(BENCH_STAMP) messages $(STATIC_MANIFEST)
	@source tests/postgres.sh && $(BIN)/python tests/bench/run_bench.py $(BENCH_ARGS)

# Where a wizard walk spends its time, in-process (pyinstrument), on the benchmark's database
# and Redis with production settings behind HTTPS: var/bench/profile.html.
profile: export DJANGO_SECRET_KEY ?= profile-only-secret-key-not-for-production
profile: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
profile: export DJANGO_HTTPS ?= 1
profile: export DJANGO_BEHIND_PROXY ?= 1
profile: $(BENCH_STAMP) messages $(STATIC_MANIFEST)
	@source tests/postgres.sh && server="$${DATABASE_URL%/*}" && \
	  { psql -q "$$server/postgres" -c "CREATE DATABASE repayhelp_bench" 2>/dev/null || true; } && \
	  export DATABASE_URL="$$server/repayhelp_bench" REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" && \
	  $(BIN)/python manage.py migrate --noinput --verbosity 0 && \
	  $(BIN)/python manage.py load_providers >/dev/null && \
	  $(BIN)/python manage.py load_patterns >/dev/null && \
	  $(BIN)/python manage.py load_escalation >/dev/null && \
	  $(BIN)/python -m tests.bench.profile_walks $(PROFILE_WALKS)

# Instructions per wizard request and per page (valgrind's callgrind over in-process walks,
# production settings behind HTTPS), the figure that compares two versions of the code:
# var/bench/instructions.json. INSTRUCTION_WALKS=10 by default; about a minute per 5 walks.
instructions: export DJANGO_SECRET_KEY ?= instructions-only-secret-key-not-for-production
instructions: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
instructions: $(STAMP) messages $(STATIC_MANIFEST)
	@command -v valgrind >/dev/null 2>&1 || { echo "make instructions needs valgrind (apt-get install valgrind)" >&2; exit 1; }
	@source tests/postgres.sh && server="$${DATABASE_URL%/*}" && \
	  { psql -q "$$server/postgres" -c "CREATE DATABASE repayhelp_bench" 2>/dev/null || true; } && \
	  export DATABASE_URL="$$server/repayhelp_bench" REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" && \
	  $(BIN)/python manage.py migrate --noinput --verbosity 0 && \
	  $(BIN)/python manage.py load_providers >/dev/null && \
	  $(BIN)/python manage.py load_patterns >/dev/null && \
	  $(BIN)/python manage.py load_escalation >/dev/null && \
	  $(BIN)/python -m tests.bench.instructions $(INSTRUCTION_WALKS)

clean:
	rm -rf $(VENV) var *.egg-info
