# Climabot: a French Rasa 3.6 assistant (course revision, Climatech after-sales, satisfaction).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
RASA      := $(BIN)/rasa
UV_VERSION := 0.13.8
MODEL     := models/climabot.tar.gz
# The suite fails under these figures. What is scored is what the bot does, so a question
# back counts as a miss. On 2026-12-01 the held-out set scored 0.901, the blind customers'
# set 0.959 with a confident-wrong rate of 0.017, and the second one, written afterwards and
# never used to choose training data, 0.881 and 0.040. On 2026-12-02, with ten more course
# notions and the tutor's follow-up intent, a clean clone's model scored 0.854, 0.911 / 0.021
# and 0.870 / 0.051 (docs/benchmarks.md): the gates keep a margin below those figures.
HELDOUT_MIN_ACCURACY := 0.84
FIELD_MIN_ACCURACY := 0.90
FIELD_MAX_CONFIDENT_WRONG := 0.04
FRESH_FIELD_MIN_ACCURACY := 0.85
FRESH_FIELD_MAX_CONFIDENT_WRONG := 0.065
# The blind revision sets (tests/field/revision_*.yml): follow-up turns in context, and
# single questions on a detail or several notions (scripts/revision_eval.py). On 2026-12-04
# the lowest of the eight scored 0.545 and the highest confident-wrong rate was 0.176; the
# issue's target, 0.90 on each, is not reached yet (docs/benchmarks.md).
REVISION_MIN_ACCURACY := 0.45
REVISION_MAX_CONFIDENT_WRONG := 0.18
TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
export PYTHONPATH := $(CURDIR)
export PYTHONHASHSEED := 0
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: indicators purge help install train shell actions test test-unit test-nlu test-stories test-e2e validate lint bench clean
.PHONY: run test-browser loadtest
.PHONY: test-scale test-revision class test-class
WEB_MODULES := web/node_modules/.package-lock.json
# Debian packages each target needs, installed when missing (scripts/install_system_packages.sh):
# PACKAGE:PROBE, the probe a command or a path that shows the piece is there anyway.
INSTALL_SYSTEM := scripts/install_system_packages.sh
WEB_PACKAGES := 'nodejs:node' 'npm:npm'
BROWSER_PACKAGES := 'chromium:/usr/bin/chromium'
SCALE_PACKAGES := 'postgresql:/usr/lib/postgresql/*/bin/postgres' \
  'redis-server:/usr/bin/redis-server' 'nginx:/usr/sbin/nginx'
CLASS_PACKAGES := 'redis-server:/usr/bin/redis-server' 'nginx:/usr/sbin/nginx'
NETNS_PACKAGES := 'iproute2:ip' 'curl:curl'

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
	$(BIN)/python -m runtime.launcher actions --port 5055

shell: $(MODEL) ## Chat in the terminal: numbered choices or free text (starts Rasa and the action server, logs in /tmp)
	@$(BIN)/python -m runtime.launcher shell --model $(MODEL)

validate: install ## Check the training data, the domain and the message catalogue (no warnings allowed)
	$(BIN)/python scripts/validate.py
	$(BIN)/python scripts/check_course_data.py
	$(BIN)/python scripts/check_facets.py
	$(BIN)/python scripts/check_catalogue.py

lint: install ## ruff + mypy
	$(BIN)/ruff check actions logic runtime tests bench scripts
	$(BIN)/ruff format --check actions logic runtime tests bench scripts
	$(BIN)/mypy actions logic runtime
	$(BIN)/ruff check web
	$(BIN)/ruff format --check web
	$(BIN)/mypy web scripts bench

test-unit: install
	$(BIN)/pytest -q tests/unit tests/actions tests/runtime

test-nlu: $(MODEL) ## Held-out NLU test, blind customer field test and up-front details
	$(BIN)/python scripts/nlu_eval.py --model $(MODEL) --min-accuracy $(HELDOUT_MIN_ACCURACY)
	$(BIN)/python scripts/nlu_eval.py --model $(MODEL) --folder tests/field/customers.yml \
	  --min-accuracy $(FIELD_MIN_ACCURACY) --max-confident-wrong $(FIELD_MAX_CONFIDENT_WRONG)
	$(BIN)/python scripts/nlu_eval.py --model $(MODEL) --folder tests/field/customers_2.yml \
	  --min-accuracy $(FRESH_FIELD_MIN_ACCURACY) --max-confident-wrong $(FRESH_FIELD_MAX_CONFIDENT_WRONG)
	$(BIN)/python scripts/upfront_eval.py --min-precision 0.95

test-revision: $(MODEL) ## Blind revision sets (follow-ups, details, composites) played against the bot
	$(BIN)/python scripts/revision_eval.py --model $(MODEL) --min-accuracy $(REVISION_MIN_ACCURACY) \
	  --max-confident-wrong $(REVISION_MAX_CONFIDENT_WRONG)

test-stories: $(MODEL) ## Conversation tests
	$(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out results/stories

test-e2e: $(MODEL)
	$(BIN)/pytest -q tests/e2e

test-browser: $(MODEL) $(WEB_MODULES) ## Site, widget and dashboard in Debian's Chromium (Playwright)
	@$(INSTALL_SYSTEM) $(BROWSER_PACKAGES)
	$(BIN)/pytest -q tests/browser

# The test runs its own PostgreSQL, Redis and nginx on loopback, never the system's services.
test-scale: $(MODEL) install ## Two Rasa replicas on PostgreSQL + Redis behind nginx (deploy/)
	@$(INSTALL_SYSTEM) $(SCALE_PACKAGES)
	$(BIN)/pytest -q -s tests/scale

# A phone of the class is a network namespace the test makes (ip netns + veth): needs root.
test-class: $(MODEL) $(WEB_MODULES) ## make class seen from a phone: only the site reachable, a chat through it
	@$(INSTALL_SYSTEM) $(BROWSER_PACKAGES) $(CLASS_PACKAGES) $(NETNS_PACKAGES)
	$(BIN)/pytest -q tests/classroom

test: install lint validate test-unit train test-nlu test-revision test-stories test-e2e test-browser test-class test-scale ## Run every test (installs and trains if needed)

bench: $(MODEL) ## Write bench/report.md (accuracy, F1, timings, memory, latency) and bench/throughput.md
	$(BIN)/python bench/run.py --model $(MODEL) --out bench/report.md
	@$(INSTALL_SYSTEM) $(CLASS_PACKAGES)
	$(BIN)/python bench/throughput.py --model $(MODEL) --replicas 2 --out bench/throughput.md

# Two Rasa processes and Redis, as `make class` runs them (ARGS="--replicas 1": one process).
# A class: ARGS="--users 35 --think-min 3 --think-max 8 --duration 300".
loadtest: $(MODEL) ## 100 Locust users over REST for 60 s, then the database check (bench/loadtest.md)
	@$(INSTALL_SYSTEM) $(CLASS_PACKAGES)
	$(BIN)/python -m bench.loadtest --users 100 --duration 60 --model $(MODEL) --out bench/loadtest.md $(ARGS)

indicators: install ## Print NPS, CSAT and CES from the database (ARGS=--json)
	@$(BIN)/python scripts/indicators.py $(ARGS)

purge: install ## Delete requests older than the retention period (90 days)
	@$(BIN)/python scripts/purge.py

clean:
	rm -rf results .pytest_cache .mypy_cache .ruff_cache

# The widget (rasa-webchat) from web/package-lock.json; npm ci writes the stamp file.
$(WEB_MODULES): web/package.json web/package-lock.json
	@$(INSTALL_SYSTEM) $(WEB_PACKAGES)
	cd web && npm ci --no-audit --no-fund
	@touch $@

run: $(MODEL) $(WEB_MODULES) ## Site (8000), Rasa (5005) and actions (5055); Ctrl-C stops all
	@$(BIN)/python scripts/run_all.py --model $(MODEL)

class: $(MODEL) $(WEB_MODULES) ## The site for a class on the local network (port 8000 only); prints the URL and its QR code
	@$(INSTALL_SYSTEM) $(CLASS_PACKAGES)
	@$(BIN)/python scripts/run_all.py --class --model $(MODEL) $(ARGS)
