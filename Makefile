# Climabot: a French Rasa 3.6 assistant (course revision, Climatech after-sales, satisfaction).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
RASA      := $(BIN)/rasa
UV_VERSION := 0.13.8
MODEL     := models/climabot.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export PYTHONHASHSEED := 0
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: indicators purge help install train shell actions test test-unit test-nlu test-stories test-e2e validate lint bench clean
.PHONY: run test-browser loadtest
.PHONY: test-scale
WEB_MODULES := web/node_modules/.package-lock.json

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.lock scripts/find_python.sh
	@py=$$(scripts/find_python.sh) || exit 1; \
	  [ -x $(BIN)/python ] || "$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	@touch $@

install: $(BIN)/.installed ## Create the Python 3.10 virtual environment from the lock file

$(MODEL): $(BIN)/.installed $(TRAINING_INPUTS)
	@start=$$(date +%s); \
	  $(RASA) train --fixed-model-name climabot --out models && \
	  echo "{\"seconds\": $$(( $$(date +%s) - start ))}" > models/training.json
	@touch $@

train: $(MODEL) ## Train the model (skipped when nothing changed)

actions: install ## Start the action server (port 5055, on 127.0.0.1 only)
	SANIC_HOST=127.0.0.1 $(RASA) run actions --port 5055 --actions actions

shell: $(MODEL) ## Chat in the terminal (starts the action server too)
	@SANIC_HOST=127.0.0.1 $(RASA) run actions --port 5055 --actions actions > /tmp/climabot-actions.log 2>&1 & \
	  pid=$$!; trap "kill $$pid 2>/dev/null" EXIT HUP INT TERM; \
	  $(RASA) shell --model $(MODEL)

validate: install ## Check the training data and the domain (no warnings allowed)
	$(BIN)/python scripts/validate.py
	$(BIN)/python scripts/check_course_data.py

lint: install ## ruff + mypy
	$(BIN)/ruff check actions logic connectors deploy tests bench scripts
	$(BIN)/ruff format --check actions logic connectors deploy tests bench scripts
	$(BIN)/mypy actions logic connectors deploy
	$(BIN)/ruff check web
	$(BIN)/ruff format --check web
	$(BIN)/mypy web scripts/run_all.py

test-unit: install
	$(BIN)/pytest -q tests/unit tests/actions tests/channels

test-nlu: $(MODEL) ## Held-out NLU test (fails under 0.90)
	$(BIN)/python scripts/nlu_eval.py --model $(MODEL) --min-accuracy 0.90

test-stories: $(MODEL) ## Conversation tests
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out results/stories

test-e2e: $(MODEL)
	$(BIN)/pytest -q tests/e2e

test-browser: $(MODEL) $(WEB_MODULES) ## Site, widget and dashboard in Debian's Chromium (Playwright)
	$(BIN)/pytest -q tests/browser

# Installs Debian's postgresql, redis-server and nginx if missing (apt-get, with sudo when not root).
test-scale: $(MODEL) install ## Two Rasa replicas on PostgreSQL + Redis behind nginx (deploy/)
	@scripts/install_scale_packages.sh
	$(BIN)/pytest -q -s tests/scale

test: install lint validate test-unit train test-nlu test-stories test-e2e test-browser test-scale ## Run every test (installs and trains if needed)

bench: $(MODEL) ## Write bench/report.md (accuracy, F1, timings, memory, latency)
	$(BIN)/python bench/run.py --model $(MODEL) --out bench/report.md

loadtest: $(MODEL) ## 100 users over REST for 60 s, then the database check (bench/loadtest.md)
	$(BIN)/python bench/loadtest.py --users 100 --duration 60 --model $(MODEL) --out bench/loadtest.md $(ARGS)

indicators: install ## Print NPS, CSAT and CES from the database (ARGS=--json)
	@$(BIN)/python scripts/indicators.py $(ARGS)

purge: install ## Delete requests older than the retention period (90 days)
	@$(BIN)/python scripts/purge.py

clean:
	rm -rf results .pytest_cache .mypy_cache .ruff_cache

# The widget (rasa-webchat) from web/package-lock.json; npm ci writes the stamp file.
$(WEB_MODULES): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "npm est requis (Node.js 18 ou plus) : apt-get install nodejs npm"; exit 1; }
	cd web && npm ci --no-audit --no-fund
	@touch $@

run: $(MODEL) $(WEB_MODULES) ## Site (8000), Rasa (5005) and actions (5055); Ctrl-C stops all
	@$(BIN)/python scripts/run_all.py --model $(MODEL)
