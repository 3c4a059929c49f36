"""Rasa plugins (the guarded channels, the Redis lock store) and the launcher of the servers."""
