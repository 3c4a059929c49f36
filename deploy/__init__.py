"""Running Climabot on several Rasa replicas (see deploy/README.md)."""
