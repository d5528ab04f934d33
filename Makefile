# Newsroom: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Settings fail closed (no DEBUG, no demo) unless told otherwise: development
# and the tests say so here, production never does.
DEV_ENV := DEBUG=1 DEMO=1 TASKS_BACKEND=immediate

.PHONY: run test install install-dev migrate demo messages lint clean bench cluster cluster-stop fonts serve traffic-bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The Arabic catalogue is committed compiled; this rebuilds it when msgfmt exists.
messages: install
	@if command -v msgfmt >/dev/null; then $(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=$(VENV) -v0; fi

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput -v1

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo_content
	$(DEV_ENV) $(BIN)/python manage.py load_demo_comments
	$(DEV_ENV) $(BIN)/python manage.py create_demo_admin

run: messages demo
	@echo ""
	@echo "  Newsroom: http://$(HOST):$(PORT)/   admin: http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: nginx (http://127.0.0.1:8080/) in front of
# gunicorn, DEBUG=0, DATABASE_URL and CACHE_URL from the environment (README "Production").
serve: install messages
	$(BIN)/python serving/serve.py

test: install-dev messages
	$(DEV_ENV) $(BIN)/python -m pytest

# Benchmarks run on PostgreSQL. The database is created if missing and its
# articles are replaced: its name must contain "bench".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
PAGES_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_pages_bench
bench: install
	$(DEV_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/search_bench.py
	$(DEV_ENV) DATABASE_URL=$(PAGES_BENCH_DATABASE_URL) MEDIA_ROOT=$(CURDIR)/bench/results/media \
		$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/upload_bench.py

# bench/traffic_bench.py: page cache, compression and staying up, through `make serve`'s stack.
TRAFFIC_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_traffic_bench
traffic-bench: install-dev messages
	DATABASE_URL=$(TRAFFIC_BENCH_DATABASE_URL) $(BIN)/python bench/traffic_bench.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache

# Several machines on this one (cluster/cluster.py): S3 (moto) on :9000, three app
# servers on :8001-8003, a task worker, nginx on http://127.0.0.1:8080/. PostgreSQL
# and Redis come from DATABASE_URL and CACHE_URL (local defaults).
cluster: install-dev
	$(BIN)/python cluster/cluster.py start

cluster-stop:
	$(BIN)/python cluster/cluster.py stop

# The web fonts (static/fonts/README.md): subsets of Debian's fonts-noto-core.
# Each face is two files: `.subset` has what Arabic text uses (the letters, marks,
# digits and punctuation, and the loan letters پ چ ژ ڤ ک گ ی), and is preloaded;
# `.extended` has the rest of the Arabic block (Persian, Urdu, Quranic letters),
# which the browser fetches only for a page that has one of them (site.css gives
# its @font-face FONT_EXTENDED_RANGE as unicode-range; tests/test_fonts.py checks
# the two agree). The marks and joining controls go in both, to sit on either's letters.
NOTO ?= /usr/share/fonts/truetype/noto
FONT_UNICODES := U+0020-007E,U+00A0,U+00AB,U+00BB,U+00D7,U+0600-0670,U+067E,U+0686,U+0698,U+06A4,U+06A9,U+06AF,U+06CC,U+200C-200F,U+2010-2027,U+2030-203A,U+25CC
FONT_EXTENDED_RANGE := U+0671-067D,U+067F-0685,U+0687-0697,U+0699-06A3,U+06A5-06A8,U+06AA-06AE,U+06B0-06CB,U+06CD-06FF
FONT_EXTENDED_UNICODES := $(FONT_EXTENDED_RANGE),U+0640,U+064B-065F,U+0670,U+200C-200F,U+25CC
fonts: install-dev
	for font in NotoNaskhArabic-Regular NotoNaskhArabic-Bold NotoKufiArabic-Bold; do \
		$(BIN)/pyftsubset $(NOTO)/$$font.ttf --unicodes="$(FONT_UNICODES)" --layout-features='*' \
			--flavor=woff2 --output-file=static/fonts/$$font.subset.woff2; \
		$(BIN)/pyftsubset $(NOTO)/$$font.ttf --unicodes="$(FONT_EXTENDED_UNICODES)" --layout-features='*' \
			--flavor=woff2 --output-file=static/fonts/$$font.extended.woff2; done
