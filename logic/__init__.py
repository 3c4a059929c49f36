"""Plain-Python business logic of Climabot (no Rasa import): knowledge, rules, validators."""
