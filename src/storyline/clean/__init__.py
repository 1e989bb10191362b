"""Stage: clean."""
