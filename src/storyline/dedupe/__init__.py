"""Stage: dedupe."""
