"""Climatech's knowledge files (knowledge/climatech/*.yml): their pydantic schemas and loading."""
