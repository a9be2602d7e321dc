# Two commands set up everything from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-from-lock
HOST   ?= 127.0.0.1
PORT   ?= 8000
DATASET ?= data/workshop/kb.json

.PHONY: install run setup serve test lint format bench relevance load lock clean

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

## setup: migrate, load the workshop dataset (idempotent) and bring the search index up to date
setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_kb $(DATASET)
	$(BIN)/python manage.py check_index --repair

## run: set up, then serve on http://$(HOST):$(PORT), with the worker that reads attached files
run: setup
	$(BIN)/python -m sonla_kb.attachments.alongside $(BIN)/python manage.py runserver $(HOST):$(PORT)

## serve: production mode (gunicorn, WhiteNoise, DEBUG off) on BIND (default 127.0.0.1:8000)
##        with WORKERS processes (default 2 x cores + 1) and the extraction worker beside it;
##        needs SECRET_KEY and ALLOWED_HOSTS
serve: export DJANGO_SETTINGS_MODULE := sonla_kb.settings.prod
serve: install
	$(BIN)/python -m sonla_kb.settings.preflight
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py check_index --repair
	exec $(BIN)/python -m sonla_kb.attachments.alongside $(BIN)/gunicorn --config deploy/gunicorn.conf.py

## test: the whole suite on TEST_WORKERS processes (default: one per core), then lint
TEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: the search benchmark at 5,000, 20,000 and 50,000 records of the English and the
##        Vietnamese corpus (writes bench/out/); with BENCH_POSTGRES_URL (a PostgreSQL database
##        the run may drop and create again) the site on PostgreSQL too, side by side
bench: install
	$(BIN)/python -m bench.run $(if $(BENCH_POSTGRES_URL),--postgres $(BENCH_POSTGRES_URL))

## relevance: graded queries over the shipped dataset, the site against FTS5 and plain Whoosh
##            (writes bench/out/relevance.md and .json, and the table in README.md); with
##            RELEVANCE_POSTGRES_URL (an empty PostgreSQL database) the site on both backends
relevance: install
	$(BIN)/python -m bench.relevance $(if $(RELEVANCE_POSTGRES_URL),--postgres $(RELEVANCE_POSTGRES_URL))

## load: load test of the production server on 127.0.0.1 (writes bench/out/load.md); needs wrk
load: install
	@command -v wrk >/dev/null || { echo "make load needs wrk: apt-get install wrk (Debian, Ubuntu), brew install wrk (macOS)"; exit 1; }
	$(BIN)/python -m bench.load.run

## lock: re-pin every dependency from pyproject.toml (needs pip-tools in the venv)
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache .ruff_cache .hypothesis
