# The two set-up commands are `make run` and `make test`; everything else serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
STATIC_MANIFEST := var/staticfiles/staticfiles.json

.PHONY: run test bench install clean

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

run: export DJANGO_DEBUG ?= 1
run: $(STAMP)
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_providers
	@echo "Serving on http://127.0.0.1:8000/ (admin: /admin/, create a user with: $(BIN)/python manage.py createsuperuser)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: export DJANGO_SECRET_KEY ?= test-only-secret-key-not-for-production
test: export DJANGO_ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
test: $(STAMP) $(STATIC_MANIFEST)
	$(BIN)/ruff check .
	@source tests/postgres.sh && $(BIN)/python -m pytest $(PYTEST_ARGS)

# Production-shaped load test: gunicorn, PostgreSQL, Redis and a separate locust process.
bench: $(BENCH_STAMP) $(STATIC_MANIFEST)
	@source tests/postgres.sh && $(BIN)/python tests/bench/run_bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var *.egg-info
