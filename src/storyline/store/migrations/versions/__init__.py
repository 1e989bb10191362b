"""One module per schema revision; ``down_revision`` chains them."""
