"""Language resources as data, one folder per language (see docs/architecture.md)."""
