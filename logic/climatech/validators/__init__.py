"""Validators of the Climatech form answers, one module per kind of value."""
