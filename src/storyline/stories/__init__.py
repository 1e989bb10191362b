"""Stage: stories."""
