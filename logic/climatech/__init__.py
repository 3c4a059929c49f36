"""Climatech after-sales domain."""
