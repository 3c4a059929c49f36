"""Rasa custom actions, thin: each module imports only `logic` and `actions.common`."""
