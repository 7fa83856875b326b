"""Language identification and translation backends."""
