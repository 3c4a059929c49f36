"""`make loadtest`: Locust customers over REST, /proc sampling, the database check, the report."""
