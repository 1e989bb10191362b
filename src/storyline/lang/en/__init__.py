"""English language resources: word lists and patterns as data."""
