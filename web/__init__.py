"""Climatech's website, the revision page and the teacher's dashboard (aiohttp)."""
