"""Stage: export. Files analysts load elsewhere, written fresh from the store."""
