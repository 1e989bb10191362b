"""Stage: places."""
