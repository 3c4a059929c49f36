"""The database: schema, engine, one repository per aggregate, and the reports read from it."""
