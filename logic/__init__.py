"""Plain-Python business logic of Climabot, grouped by domain; no module here imports Rasa."""
