"""`python -m bench.loadtest`: see bench/loadtest/runner.py."""

import sys

import locust  # noqa: F401  (first: Locust patches the standard library for gevent)

from bench.loadtest.runner import main

sys.exit(main())
