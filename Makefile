# The two set-up commands are `make run` and `make test`; everything else serves them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group test
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
test: $(STAMP)
	$(BIN)/ruff check .
	@source tests/postgres.sh && $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var *.egg-info
