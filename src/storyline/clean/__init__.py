"""Stage: clean. Raw documents become articles: body text, metadata, and the chrome removed."""
