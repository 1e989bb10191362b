"""Stage: time."""
