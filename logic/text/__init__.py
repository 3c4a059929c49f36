"""French text: one normaliser, number words, formatting, incoming messages, the catalogue."""
