"""Stage: nlp."""
