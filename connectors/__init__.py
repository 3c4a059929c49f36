"""Rasa input channels of Climabot."""
