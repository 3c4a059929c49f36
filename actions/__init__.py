"""Rasa custom actions. Thin: the logic lives in the `logic` package."""
