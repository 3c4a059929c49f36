"""Measurements of the bot: `make bench` (NLU and latency) and `make loadtest` (many users)."""
