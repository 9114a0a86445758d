# The shop suite. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
BIN := $(VENV)/bin

.PHONY: help install run test test-unit lint format manage bench-catalog bench-auth backup clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check "uv>=0.5"

install: $(UV) ## Create .venv and install every project from uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --all-packages --all-groups --quiet

run: install ## Start PostgreSQL, Redis and all six services (Ctrl-C stops)
	$(BIN)/devstack run

test: install ## Every project's tests, then the end-to-end suite, on throwaway infrastructure
	$(BIN)/devstack test

test-unit: install ## Every project's tests without the end-to-end suite
	$(BIN)/devstack test --no-e2e

manage: install ## A service's manage.py on the make run stack: make manage SERVICE=catalog ARGS="showmigrations"
	@test -n "$(SERVICE)" || { echo 'usage: make manage SERVICE=<auth|catalog|cart|order|payment|gateway> ARGS="..."' >&2; exit 2; }
	$(BIN)/devstack manage $(SERVICE) $(ARGS)

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## ruff fix and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv and collected static files (keeps .data)
	rm -rf $(VENV) */staticfiles

bench-catalog: install ## Benchmark the catalog API under gunicorn on its own throwaway database
	$(BIN)/python catalog_project/bench/bench_catalog.py

bench-auth: install ## Benchmark sign-up and login bursts, Argon2id vs PBKDF2, on a throwaway database
	$(BIN)/python auth_project/bench/bench_auth.py

backup: install ## pg_dump every service database into .data/backups/<time>/, keep 7 days
	$(BIN)/devstack backup
